using System;
using System.Buffers.Binary;
using GruNative;
using GruNative.Samples.EdgeIo;

namespace StreamingForecaster.Persistence;

/// <summary>
/// The recurrent states read back from a state file — one per sensor, <see cref="Sensors"/> of them one after another in
/// <see cref="Values"/> — how many observations they have absorbed, and the interval trackers' states when the bands were
/// tracked online (<see cref="GruNative.IntervalTracker.CopyTo"/>, sensor after sensor; null when they were not).
/// </summary>
internal sealed record SavedState(long Steps, float[] Values, double[]? Tracker = null, int Sensors = 1);

/// <summary>
/// The state file: one model's recurrent state (or one per sensor of a gateway), what it belongs to, and a checksum, so
/// that a file from another model or a damaged one is refused instead of silently forecasting nonsense. Format version 1,
/// little-endian throughout:
/// <code>
///   offset  bytes  field
///        0      8  magic, the ASCII bytes "GRUNSTAT"
///        8      4  format version: 1
///       12      4  cell: 1 = GRU, 2 = LSTM
///       16     16  I, H, L, O (int32 each)
///       32     32  SHA-256 of the weights file the model was baked from
///       64      8  steps: observations the state has absorbed (int64)
///       72      4  n: floats in the state (int32) = (1 for GRU, 2 for LSTM) · L · H
///       76     4n  the state as the generated State.CopyTo writes it: h of layers 0…L−1 (LSTM: then c), float32
///   76 + 4n     4  CRC-32 (zlib's) of bytes [0, 76 + 4n)
/// </code>
/// Version 2, written when the prediction intervals are tracked online (<see cref="GruNative.IntervalTracker"/>), is
/// version 1 with the tracker's state between the recurrent state and the checksum:
/// <code>
///   76 + 4n     4  m: doubles in the tracker's state (int32, ≥ 1)
///   80 + 4n    8m  the tracker's state as IntervalTracker.CopyTo writes it, float64
///   80+4n+8m    4  CRC-32 of bytes [0, 80 + 4n + 8m)
/// </code>
/// Version 3, written by a gateway (<c>--sensors S</c>, S ≥ 2), holds S sensors' states, saved together so that a restart
/// finds every sensor at the same step; bytes 0…75 are version 1's:
/// <code>
///       76      4  S: sensors (int32, ≥ 2)
///       80   4nS  the states, sensor 1's first, each as State.CopyTo writes it
///   80+4nS      4  m: doubles in one sensor's tracker state (int32; 0 when the bands are not tracked)
///   84+4nS   8mS  the trackers' states, sensor 1's first
///   84+4nS+8mS  4  CRC-32 of all that precedes it
/// </code>
/// A 2×64 GRU's file is 592 bytes for one sensor. Writing it atomically is <see cref="StateStore"/>'s job.
/// </summary>
internal static class StateFile
{
    /// <summary>The format version of a file without a tracker's state; <see cref="TrackedFormatVersion"/> with one. This code reads both.</summary>
    public const int FormatVersion = 1;

    /// <summary>The format version of a file that also holds the interval tracker's state.</summary>
    public const int TrackedFormatVersion = 2;

    /// <summary>The format version of a gateway's file: the states (and trackers' states) of two sensors or more.</summary>
    public const int SensorsFormatVersion = 3;

    /// <summary>"GRUNSTAT".</summary>
    public static ReadOnlySpan<byte> Magic => "GRUNSTAT"u8;

    /// <summary>A state file larger than this is not read unless the program expects a larger one (a gateway's with trackers).</summary>
    public const int LargestUnexpectedLength = 1 << 20;

    private const int VersionOffset = 8, CellOffset = 12, ShapeOffset = 16, HashOffset = 32, StepsOffset = 64, LengthOffset = 72;
    private const int HeaderLength = 76, SensorsHeaderLength = 80, ChecksumLength = 4;

    /// <summary>
    /// Bytes in the file of <paramref name="sensors"/> states of <paramref name="stateLength"/> floats each, with a tracker's
    /// state of <paramref name="trackerLength"/> doubles per sensor (0: none). One sensor: version 1 or 2; more: version 3.
    /// </summary>
    public static long FileLength(int stateLength, int trackerLength = 0, int sensors = 1) =>
        sensors == 1
            ? HeaderLength + 4L * stateLength + (trackerLength == 0 ? 0 : 4 + 8L * trackerLength) + ChecksumLength
            : SensorsHeaderLength + 4L * stateLength * sensors + 4 + 8L * trackerLength * sensors + ChecksumLength;

    /// <summary>
    /// Writes the file's bytes for <paramref name="sensors"/> states after <paramref name="steps"/> observations —
    /// <paramref name="state"/> holds them one after another — and the interval trackers' states <paramref name="tracker"/>
    /// if any (likewise one after another; empty: none), into <paramref name="destination"/> (<see cref="FileLength"/>
    /// bytes). Allocates nothing.
    /// </summary>
    public static void Encode(Span<byte> destination, ModelFingerprint model, long steps, ReadOnlySpan<float> state, ReadOnlySpan<double> tracker = default, int sensors = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfLessThan(sensors, 1);
        ModelSpec spec = model.Spec;
        if (state.Length != (long)spec.StateSize * sensors)
            throw new ArgumentException($"{sensors} state(s) of {spec} hold {(long)spec.StateSize * sensors} floats, not {state.Length}.", nameof(state));
        if (tracker.Length % sensors != 0)
            throw new ArgumentException($"{tracker.Length} tracker values do not split into {sensors} sensors' trackers.", nameof(tracker));
        int trackerLength = tracker.Length / sensors;
        if (destination.Length != FileLength(spec.StateSize, trackerLength, sensors))
            throw new ArgumentException($"A state file of {sensors} × {spec.StateSize} floats and {sensors} × {trackerLength} tracker values has {FileLength(spec.StateSize, trackerLength, sensors)} bytes.", nameof(destination));

        Magic.CopyTo(destination);
        int version = sensors > 1 ? SensorsFormatVersion : tracker.IsEmpty ? FormatVersion : TrackedFormatVersion;
        BinaryPrimitives.WriteInt32LittleEndian(destination[VersionOffset..], version);
        BinaryPrimitives.WriteInt32LittleEndian(destination[CellOffset..], spec.Cell == CellKind.Lstm ? 2 : 1);
        Span<byte> shape = destination.Slice(ShapeOffset, 16);
        BinaryPrimitives.WriteInt32LittleEndian(shape, spec.InputSize);
        BinaryPrimitives.WriteInt32LittleEndian(shape[4..], spec.HiddenSize);
        BinaryPrimitives.WriteInt32LittleEndian(shape[8..], spec.Layers);
        BinaryPrimitives.WriteInt32LittleEndian(shape[12..], spec.OutputSize);
        model.WeightsSha256.CopyTo(destination[HashOffset..]);
        BinaryPrimitives.WriteInt64LittleEndian(destination[StepsOffset..], steps);
        BinaryPrimitives.WriteInt32LittleEndian(destination[LengthOffset..], spec.StateSize);
        int offset = HeaderLength;
        if (version == SensorsFormatVersion)
        {
            BinaryPrimitives.WriteInt32LittleEndian(destination[offset..], sensors);
            offset += 4;
        }
        foreach (float value in state)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[offset..], value);
            offset += 4;
        }
        if (version != FormatVersion)
        {
            BinaryPrimitives.WriteInt32LittleEndian(destination[offset..], trackerLength);
            offset += 4;
            foreach (double value in tracker)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(destination[offset..], value);
                offset += 8;
            }
        }
        BinaryPrimitives.WriteUInt32LittleEndian(destination[offset..], Crc32.Compute(destination[..offset]));
    }

    /// <summary>
    /// Reads a state file's bytes, checking everything in the order that gives the most useful message: the magic, the
    /// format version, the length, the checksum, then the model it belongs to against <paramref name="expected"/>. How
    /// many sensors it holds is the caller's to check (<see cref="SavedState.Sensors"/>).
    /// </summary>
    /// <exception cref="StateFileException">The bytes must not be used; the message says why (without the file's name).</exception>
    public static SavedState Decode(ReadOnlySpan<byte> file, ModelFingerprint expected)
    {
        if (file.Length >= Magic.Length && !file.StartsWith(Magic))
            throw new StateFileException("is not a GruNative state file (it does not start with \"GRUNSTAT\")");
        if (file.Length < HeaderLength + ChecksumLength)
            throw new StateFileException($"is damaged: {file.Length} bytes, shorter than any state file ({HeaderLength + ChecksumLength} bytes and up)");
        int version = BinaryPrimitives.ReadInt32LittleEndian(file[VersionOffset..]);
        if (version is not (FormatVersion or TrackedFormatVersion or SensorsFormatVersion))
            throw new StateFileException($"has format version {version}; this program reads versions {FormatVersion} to {SensorsFormatVersion} (a damaged file, or one from a newer program)");

        // The layout the header announces. No count may exceed what the file's bytes could hold, which keeps every product
        // below 2^62: a damaged count cannot wrap around to a plausible length.
        int length = BinaryPrimitives.ReadInt32LittleEndian(file[LengthOffset..]);
        bool gateway = version == SensorsFormatVersion;
        int sensors = gateway && file.Length >= SensorsHeaderLength ? BinaryPrimitives.ReadInt32LittleEndian(file[HeaderLength..]) : 1;
        bool layoutPossible = length >= 0 && length <= file.Length / 4 && (gateway ? sensors >= 2 && sensors <= file.Length / 4 : sensors == 1);
        long statesStart = gateway ? SensorsHeaderLength : HeaderLength;
        long statesEnd = layoutPossible ? statesStart + 4L * length * sensors : 0;
        int trackerLength = 0;
        if (layoutPossible && version != FormatVersion && statesEnd + 4 <= file.Length)
            trackerLength = BinaryPrimitives.ReadInt32LittleEndian(file[(int)statesEnd..]);
        layoutPossible &= trackerLength >= (version == TrackedFormatVersion ? 1 : 0) && trackerLength <= file.Length / 8;
        long expectedLength = layoutPossible ? statesEnd + (version == FormatVersion ? 0 : 4 + 8L * trackerLength * sensors) + ChecksumLength : -1;
        if (expectedLength != file.Length)
        {
            throw new StateFileException(version switch
            {
                FormatVersion => $"is damaged: {file.Length} bytes, but its header announces a state of {length} floats ({HeaderLength + 4L * length + ChecksumLength} bytes)",
                TrackedFormatVersion => $"is damaged: {file.Length} bytes, but its header announces a state of {length} floats and a tracker of {trackerLength} values ({HeaderLength + 4L * length + 4 + 8L * trackerLength + ChecksumLength} bytes)",
                _ => $"is damaged: {file.Length} bytes, but its header announces {sensors} sensors' states of {length} floats and trackers of {trackerLength} values each ({(layoutPossible ? $"{expectedLength} bytes" : "an impossible layout")})",
            });
        }
        int checkedLength = (int)(expectedLength - ChecksumLength);
        StateFileIo.CheckCrc32(file, checkedLength);

        // The bytes are what a writer wrote. Now: was it this model's writer?
        ModelFingerprint saved = ReadFingerprint(file);
        if (!saved.Spec.Equals(expected.Spec))
            throw new StateFileException($"was saved by another model, {saved.Spec}; this program runs {expected.Spec}");
        if (!saved.Matches(expected))
            throw new StateFileException($"was saved by a model of the same shape with other weights ({saved}); this program's are {expected}");
        if (length != expected.Spec.StateSize)
            throw new StateFileException($"is damaged: it holds states of {length} floats, but {expected.Spec} has a state of {expected.Spec.StateSize}");
        long steps = BinaryPrimitives.ReadInt64LittleEndian(file[StepsOffset..]);
        if (steps < 0)
            throw new StateFileException($"is damaged: a negative step count, {steps}");

        var values = new float[length * sensors];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(file[(int)(statesStart + 4 * i)..]);
            if (!float.IsFinite(values[i]))
                throw new StateFileException($"is damaged: state value {i} is {values[i]}");
        }
        double[]? tracker = null;
        if (trackerLength > 0)
        {
            // Its values are checked by IntervalTracker.CopyFrom, which knows the shape they must have.
            tracker = new double[trackerLength * sensors];
            for (int i = 0; i < tracker.Length; i++)
                tracker[i] = BinaryPrimitives.ReadDoubleLittleEndian(file[(int)(statesEnd + 4 + 8 * i)..]);
        }
        return new SavedState(steps, values, tracker, sensors);
    }

    private static ModelFingerprint ReadFingerprint(ReadOnlySpan<byte> file)
    {
        int cell = BinaryPrimitives.ReadInt32LittleEndian(file[CellOffset..]);
        ReadOnlySpan<byte> shape = file.Slice(ShapeOffset, 16);
        try
        {
            var spec = new ModelSpec(
                cell switch { 1 => CellKind.Gru, 2 => CellKind.Lstm, _ => throw new StateFileException($"is damaged: unknown cell code {cell}") },
                BinaryPrimitives.ReadInt32LittleEndian(shape), BinaryPrimitives.ReadInt32LittleEndian(shape[4..]),
                BinaryPrimitives.ReadInt32LittleEndian(shape[8..]), BinaryPrimitives.ReadInt32LittleEndian(shape[12..]));
            return new ModelFingerprint(spec, file.Slice(HashOffset, ModelFingerprint.HashLength));
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new StateFileException($"is damaged: an impossible model shape ({e.Message})");
        }
    }

    /// <summary>
    /// Reads and checks the state file at <paramref name="path"/>; null when there is none. A file longer than
    /// <paramref name="expectedLength"/> and <see cref="LargestUnexpectedLength"/> is not read.
    /// </summary>
    /// <exception cref="StateFileException">The file must not be used; the message names it and says why.</exception>
    public static SavedState? Load(string path, ModelFingerprint expected, long expectedLength = 0) =>
        // One sensor's state file of any model this program could run is far below 1 MB, and a gateway's is as long as
        // this program expects: never read a stranger whole.
        StateFileIo.Load(path, Math.Max(LargestUnexpectedLength, expectedLength), length => $"State file {path} is not a GruNative state file ({length} bytes)",
            file => Decode(file, expected));
}
