using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace GruNative.Tests.Weights;

/// <summary>How a test hands bytes to the readers; every reader must behave the same on bad input.</summary>
public enum ReadVia
{
    /// <summary><c>Read(ReadOnlySpan&lt;byte&gt;)</c>.</summary>
    Span,

    /// <summary><c>Read(Stream)</c> on a <see cref="MemoryStream"/>: lengths can be checked up front.</summary>
    SeekableStream,

    /// <summary><c>Read(Stream)</c> on a stream without Length: the reader must discover truncation by reading.</summary>
    NonSeekableStream,

    /// <summary>Non-seekable and returning at most 3 bytes per Read call, like a slow pipe or socket.</summary>
    TrickleStream,

    /// <summary><c>Read(string path)</c> on a temporary file.</summary>
    Path,
}

/// <summary>
/// A read-only stream that cannot seek and reports no length, optionally returning only a few bytes per call.
/// Models a pipe, socket or decompression stream.
/// </summary>
public sealed class NonSeekableStream(byte[] content, int maxChunk = int.MaxValue) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException("non-seekable");
    public override long Position { get => throw new NotSupportedException("non-seekable"); set => throw new NotSupportedException("non-seekable"); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("non-seekable");
    public override void SetLength(long value) => throw new NotSupportedException("non-seekable");
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("read-only");

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, maxChunk), content.Length - _position);
        content.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }
}

/// <summary>Builds raw safetensors bytes and test models, and runs every reader with the same assertions.</summary>
public static class SafeTensorsTestKit
{
    /// <summary>The source name the in-memory readers are given, so messages can be checked for it.</summary>
    public const string Source = "under-test.safetensors";

    public static readonly ReadVia[] InMemoryReaders = [ReadVia.Span, ReadVia.SeekableStream, ReadVia.NonSeekableStream, ReadVia.TrickleStream];

    public static TheoryData<ReadVia> Readers => new(InMemoryReaders);

    public static TheoryData<ReadVia> ReadersAndPath => new(InMemoryReaders.Append(ReadVia.Path));

    // ---- raw bytes -------------------------------------------------------------------------------------------

    /// <summary>8-byte little-endian length (the header's byte count unless <paramref name="declaredLength"/> overrides it), header, data.</summary>
    public static byte[] Raw(ReadOnlySpan<byte> header, ReadOnlySpan<byte> data = default, ulong? declaredLength = null)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)header.Length);
        header.CopyTo(bytes.AsSpan(8));
        data.CopyTo(bytes.AsSpan(8 + header.Length));
        return bytes;
    }

    /// <summary>A file whose header is <paramref name="headerJson"/> (UTF-8, not padded) followed by <paramref name="data"/>.</summary>
    public static byte[] Raw(string headerJson, ReadOnlySpan<byte> data = default) => Raw(Encoding.UTF8.GetBytes(headerJson), data);

    /// <summary>A JSON tensor entry: <c>"name":{"dtype":..,"shape":[..],"data_offsets":[b,e]}</c>.</summary>
    public static string Entry(string name, string dtype, long[] shape, long begin, long end) =>
        $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{begin},{end}]}}";

    /// <summary>Little-endian float32 bytes.</summary>
    public static byte[] F32(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static int HeaderLength(byte[] file) => checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file));

    public static string HeaderText(byte[] file) => Encoding.UTF8.GetString(file, 8, HeaderLength(file));

    // ---- models ----------------------------------------------------------------------------------------------

    /// <summary>2-layer GRU, I=3, H=4, O=2 (horizon 2 × 1 target), with full preprocessing metadata.</summary>
    public static ModelWeights Gru() => ModelWeights.CreateRandom(
        new ModelSpec(CellKind.Gru, 3, 4, 2, 2), seed: 11,
        new Preprocessing(
            [new ColumnScaler("temp", 12.5, 3.25), new ColumnScaler("hour", 11.5, 6.9), new ColumnScaler("load", 410.0, 95.5)],
            [new ColumnScaler("load", 410.0, 95.5)],
            lookback: 24, horizon: 2));

    /// <summary>1-layer LSTM, I=2, H=5, O=3, no preprocessing, PyTorch's <c>format</c> metadata kept as extra.</summary>
    public static ModelWeights Lstm()
    {
        var random = ModelWeights.CreateRandom(new ModelSpec(CellKind.Lstm, 2, 5, 1, 3), seed: 12);
        return new ModelWeights(random.Spec, random.Layers, random.HeadWeight, random.HeadBias, null,
            new Dictionary<string, string> { ["format"] = "pt" });
    }

    public static ModelWeights ModelByName(string name) => name switch
    {
        "gru" => Gru(),
        "lstm" => Lstm(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Every tensor of a model by PyTorch name, in canonical order.</summary>
    public static List<(string Name, long[] Shape, float[] Values)> TensorsOf(ModelWeights model) => ModelTensors.FromModel(model).ToList();

    /// <summary>A safetensors file from named float32 tensors (PyTorch names) and optional metadata, written by our writer.</summary>
    public static byte[] FileOf(IEnumerable<(string Name, long[] Shape, float[] Values)> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        new SafeTensorsFile(tensors.Select(t => SafeTensor.FromFloat32(t.Name, t.Shape, t.Values)), metadata).ToBytes();

    /// <summary>The model's tensors as a file, after <paramref name="edit"/> changed the tensor list and/or metadata.</summary>
    public static byte[] Edited(ModelWeights model, Action<List<SafeTensor>, SortedDictionary<string, string>> edit)
    {
        var tensors = TensorsOf(model).Select(t => SafeTensor.FromFloat32(t.Name, t.Shape, t.Values)).ToList();
        var metadata = WeightsMetadata.Encode(model);
        edit(tensors, metadata);
        return new SafeTensorsFile(tensors, metadata).ToBytes();
    }

    /// <summary>The model's file with one metadata entry set (or removed when <paramref name="value"/> is null).</summary>
    public static byte[] WithMetadata(ModelWeights model, string key, string? value) => Edited(model, (_, m) =>
    {
        if (value is null)
            m.Remove(key);
        else
            m[key] = value;
    });

    public static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }

    /// <summary>Asserts two models are identical: spec, every tensor bit for bit, preprocessing and extra metadata.</summary>
    public static void AssertSameModel(ModelWeights expected, ModelWeights actual)
    {
        Assert.Equal(expected.Spec, actual.Spec);
        var a = TensorsOf(expected);
        var b = TensorsOf(actual);
        Assert.Equal(a.Select(t => t.Name), b.Select(t => t.Name));
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Shape, b[i].Shape);
            Assert.True(Bits(a[i].Values).SequenceEqual(Bits(b[i].Values)), $"tensor {a[i].Name} differs");
        }
        Assert.Equal(expected.Preprocessing, actual.Preprocessing);
        Assert.Equal(expected.ExtraMetadata.OrderBy(e => e.Key, StringComparer.Ordinal), actual.ExtraMetadata.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    // ---- running the readers ---------------------------------------------------------------------------------

    /// <summary>Reads a model through <paramref name="via"/>; returns the source name errors must mention.</summary>
    public static ModelWeights ReadModel(ReadVia via, byte[] bytes, out string source) => Run(via, bytes, out source,
        b => SafeTensorsWeights.Read(b, Source), s => SafeTensorsWeights.Read(s, Source), SafeTensorsWeights.Read);

    /// <summary>Reads a plain safetensors file (no model mapping) through <paramref name="via"/>.</summary>
    public static SafeTensorsFile ReadFile(ReadVia via, byte[] bytes, out string source) => Run(via, bytes, out source,
        b => SafeTensorsFile.Parse(b, Source), s => SafeTensorsFile.Read(s, Source), SafeTensorsFile.Read);

    public static ModelWeights ModelLoads(ReadVia via, byte[] bytes) => ReadModel(via, bytes, out _);

    public static SafeTensorsFile FileLoads(ReadVia via, byte[] bytes) => ReadFile(via, bytes, out _);

    /// <summary>
    /// Asserts that reading the model fails with <see cref="WeightsFormatException"/> (and nothing else), that the
    /// message names the source, and — when <paramref name="tensor"/> is given — that it names that tensor or key.
    /// <paramref name="problem"/> fragments must all appear in the message (case-insensitive).
    /// </summary>
    public static WeightsFormatException ModelFails(ReadVia via, byte[] bytes, string? tensor = null, params string[] problem)
    {
        string source = "";
        var ex = Assert.Throws<WeightsFormatException>(() => ReadModel(via, bytes, out source));
        AssertMessage(ex, source, tensor, problem);
        return ex;
    }

    /// <summary>Like <see cref="ModelFails"/>, for the plain safetensors reader.</summary>
    public static WeightsFormatException FileFails(ReadVia via, byte[] bytes, string? tensor = null, params string[] problem)
    {
        string source = "";
        var ex = Assert.Throws<WeightsFormatException>(() => ReadFile(via, bytes, out source));
        AssertMessage(ex, source, tensor, problem);
        return ex;
    }

    /// <summary>Requirement 5: the message names the source, and the tensor when the problem is about one.</summary>
    public static void AssertMessage(WeightsFormatException ex, string source, string? tensor, params string[] problem)
    {
        Assert.Equal(source, ex.SourceName);
        Assert.Contains(source, ex.Message, StringComparison.Ordinal);
        if (tensor is not null)
        {
            Assert.Equal(tensor, ex.TensorName);
            Assert.Contains($"'{tensor}'", ex.Message, StringComparison.Ordinal);
        }
        if (ex.TensorName is not null)
            Assert.Contains(ex.TensorName, ex.Message, StringComparison.Ordinal);
        foreach (var fragment in problem)
            Assert.Contains(fragment, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static T Run<T>(ReadVia via, byte[] bytes, out string source,
        Func<byte[], T> fromSpan, Func<Stream, T> fromStream, Func<string, T> fromPath)
    {
        source = Source;
        switch (via)
        {
            case ReadVia.Span:
                return fromSpan(bytes);
            case ReadVia.SeekableStream:
                using (var stream = new MemoryStream(bytes, writable: false))
                    return fromStream(stream);
            case ReadVia.NonSeekableStream:
                using (var stream = new NonSeekableStream(bytes))
                    return fromStream(stream);
            case ReadVia.TrickleStream:
                using (var stream = new NonSeekableStream(bytes, maxChunk: 3))
                    return fromStream(stream);
            case ReadVia.Path:
                using (var folder = new TempFolder())
                {
                    source = folder.File("model.safetensors");
                    File.WriteAllBytes(source, bytes);
                    return fromPath(source);
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(via));
        }
    }
}
