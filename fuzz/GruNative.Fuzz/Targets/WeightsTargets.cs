using System.Text;

namespace GruNative.Fuzz.Targets;

/// <summary>
/// safetensors: <see cref="SafeTensorsFile.Parse"/> on the bytes and <see cref="SafeTensorsFile.Read(Stream, string)"/>
/// on a non-seekable trickle of them must agree (both refuse, or both read), and a file read must map to a model or be
/// refused by <see cref="SafeTensorsWeights.FromFile"/>. Only <see cref="WeightsFormatException"/>.
/// </summary>
public sealed class SafeTensorsTarget : FuzzTarget
{
    public override string Name => "safetensors";

    public override string Description => "safetensors files: SafeTensorsFile.Parse and Read(Stream) agree; SafeTensorsWeights.FromFile";

    public override bool IsDocumented(Exception e) => e is WeightsFormatException;

    public override void Run(byte[] input)
    {
        SafeTensorsFile? parsed = null;
        WeightsFormatException? refused = null;
        try
        {
            parsed = SafeTensorsFile.Parse(input, "<fuzz>");
        }
        catch (WeightsFormatException e)
        {
            refused = e;
        }
        try
        {
            var streamed = SafeTensorsFile.Read(new TrickleStream(input), "<fuzz>");
            if (parsed is null)
                throw new ContractViolation($"Read(Stream) accepted what Parse refused: {refused!.Message}");
            if (streamed.Tensors.Count != parsed.Tensors.Count)
                throw new ContractViolation("Read(Stream) and Parse read different tensors");
        }
        catch (WeightsFormatException e) when (parsed is not null)
        {
            throw new ContractViolation($"Parse accepted what Read(Stream) refused: {e.Message}", e);
        }
        catch (WeightsFormatException)
        {
        }
        if (refused is not null)
            throw refused;
        SafeTensorsWeights.FromFile(parsed!, "<fuzz>");
    }
}

/// <summary>The JSON weights file through the runtime's reader, <see cref="JsonWeights.Parse"/>: only <see cref="WeightsFormatException"/>.</summary>
public sealed class JsonWeightsTarget : FuzzTarget
{
    public override string Name => "json-weights";

    public override string Description => "JSON weights files: JsonWeights.Parse (the runtime's reader)";

    public override bool IsDocumented(Exception e) => e is WeightsFormatException;

    // The text is a UTF-16 string of the input (2 bytes a char), and the floats, shapes and names it holds.
    public override long AllocationPerByte => 128;

    public override void Run(byte[] input) => JsonWeights.Parse(Encoding.UTF8.GetString(input), "<fuzz>");
}

/// <summary>
/// Weights metadata: <see cref="WeightsMetadata.DecodePreprocessing"/>. Input: 5 bytes choosing the model's shape
/// (cell, I, H, L, O), then lines <c>key=value</c>. Only <see cref="WeightsFormatException"/>.
/// </summary>
public sealed class MetadataTarget : FuzzTarget
{
    public override string Name => "metadata";

    public override string Description => "weights metadata (grunative.* keys): WeightsMetadata.DecodePreprocessing";

    public override bool IsDocumented(Exception e) => e is WeightsFormatException;

    public override long AllocationPerByte => 256;

    /// <summary>The 5-byte prefix that selects <paramref name="spec"/> (each size within the ranges <see cref="SpecOf"/> maps to).</summary>
    public static byte[] Prefix(ModelSpec spec) =>
        [(byte)(spec.Cell == CellKind.Lstm ? 1 : 0), (byte)(spec.InputSize - 1), (byte)(spec.HiddenSize - 1), (byte)(spec.Layers - 1), (byte)(spec.OutputSize - 1)];

    /// <summary>The shape the first 5 bytes select: I ≤ 16, H ≤ 128, L ≤ 4, O ≤ 64.</summary>
    public static ModelSpec SpecOf(ReadOnlySpan<byte> prefix) => new(
        (prefix[0] & 1) == 1 ? CellKind.Lstm : CellKind.Gru, 1 + prefix[1] % 16, 1 + prefix[2] % 128, 1 + prefix[3] % 4, 1 + prefix[4] % 64);

    public override void Run(byte[] input)
    {
        if (input.Length < 5)
            return;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in Encoding.UTF8.GetString(input, 5, input.Length - 5).Split('\n'))
        {
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
                metadata[line[..equals]] = line[(equals + 1)..];
        }
        WeightsMetadata.DecodePreprocessing(metadata, SpecOf(input), "<fuzz>");
    }
}

/// <summary>A read-only stream with no length that returns at most 7 bytes per read, like a slow pipe.</summary>
internal sealed class TrickleStream(byte[] data) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, 7), data.Length - _position);
        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }
}
