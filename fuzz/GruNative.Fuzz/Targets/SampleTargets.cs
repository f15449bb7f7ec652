using System.Text;
using StreamingForecaster;
using StreamingForecaster.Persistence;
using StreamingForecaster.Streaming;
using GruNative.Samples.EdgeIo;

namespace GruNative.Fuzz.Targets;

/// <summary>
/// The edge sample's state file: <see cref="StateFile.Decode"/> against the baked model, on the input and on the input
/// with its last 4 bytes replaced by the CRC-32 of the rest — otherwise almost every mutation stops at the checksum and
/// the checks behind it (the model's shape and hash, the step count, the values) are never fuzzed. Only
/// <see cref="StateFileException"/>.
/// </summary>
public sealed class StateFileTarget : FuzzTarget
{
    private static readonly ModelFingerprint Model = new(SensorForecaster.Spec, BakedWeightsHash.Sha256);

    public override string Name => "state-file";

    public override string Description => "the StreamingForecaster sample's state file: StateFile.Decode";

    public override bool IsDocumented(Exception e) => e is StateFileException;

    public override void Run(byte[] input)
    {
        StateFileException? refused = null;
        try
        {
            StateFile.Decode(input, Model);
        }
        catch (StateFileException e)
        {
            refused = e;
        }
        if (input.Length >= 4)
        {
            byte[] resealed = (byte[])input.Clone();
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(resealed.AsSpan(input.Length - 4), Crc32.Compute(resealed.AsSpan(0, input.Length - 4)));
            StateFile.Decode(resealed, Model);
        }
        if (refused is not null)
            throw refused;
    }

    /// <summary>
    /// A valid state file of the baked model after <paramref name="steps"/> steps, with a tracker's state if one is given
    /// (version 2), or of a gateway's <paramref name="sensors"/> states and trackers, one after another (version 3).
    /// </summary>
    public static byte[] Encode(long steps, float[] state, double[]? tracker = null, int sensors = 1)
    {
        var file = new byte[StateFile.FileLength(state.Length / sensors, (tracker?.Length ?? 0) / sensors, sensors)];
        StateFile.Encode(file, Model, steps, state, tracker, sensors);
        return file;
    }

    /// <summary>Floats in the baked model's state.</summary>
    public static int StateLength => SensorForecaster.StateLength;
}

/// <summary>
/// The edge sample's observation loop, <see cref="ForecastSession.Feed"/>: lines through the line reader, the header,
/// the parser and the model. Input: one byte of options (bit 0: a header line; bit 1: stop at the first bad line), then
/// the stream. Only <see cref="HeaderException"/>; a bad line is reported, never thrown.
/// </summary>
public sealed class ObservationsTarget : FuzzTarget
{
    private static readonly SensorForecaster Model = SensorForecaster.Baked;
    private static readonly ModelColumns Columns = ModelColumns.Of(SensorForecaster.Spec, Model.Preprocessing);

    public override string Name => "observations";

    public override string Description => "the StreamingForecaster sample's observation lines: ForecastSession.Feed (header, parser, model)";

    public override bool IsDocumented(Exception e) => e is HeaderException;

    // A bad line's report is a string of about its length (plus the line reader's buffer, once per session).
    public override long AllocationPerByte => 256;

    public override void Run(byte[] input)
    {
        if (input.Length == 0)
            return;
        var session = new ForecastSession(Model, Columns, Stream.Null, TextWriter.Null,
            onBadInput: (input[0] & 2) != 0 ? BadInputPolicy.Fail : BadInputPolicy.Skip);
        session.Feed(new MemoryStream(input, 1, input.Length - 1, writable: false), "<fuzz>", header: (input[0] & 1) != 0, emitForecasts: true);
    }

    /// <summary>An input: the options byte, then <paramref name="text"/>.</summary>
    public static byte[] Input(bool header, bool failOnBad, string text) =>
        [(byte)((header ? 1 : 0) | (failOnBad ? 2 : 0)), .. Encoding.UTF8.GetBytes(text)];
}
