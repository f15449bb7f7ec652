using System;
using System.Buffers.Binary;
using System.IO;
using GruNative;
using GruNative.Samples.EdgeIo;

namespace StreamingForecaster.Persistence;

/// <summary>
/// A recurrent state read back from a state file, how many observations it has absorbed, and the interval tracker's state
/// when the bands were tracked online (<see cref="GruNative.IntervalTracker.CopyTo"/>; null in a version 1 file).
/// </summary>
internal sealed record SavedState(long Steps, float[] Values, double[]? Tracker = null);

/// <summary>A state file that must not be used: not a state file, damaged, of another format version, or saved by another model.</summary>
internal sealed class StateFileException(string message) : Exception(message);

/// <summary>
/// The state file: one model's recurrent state, what it belongs to, and a checksum, so that a file from another model
/// or a damaged one is refused instead of silently forecasting nonsense. Format version 1, little-endian throughout:
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
/// A 2×64 GRU's file is 592 bytes. Writing it atomically is <see cref="StateStore"/>'s job.
/// </summary>
internal static class StateFile
{
    /// <summary>The format version of a file without a tracker's state; <see cref="TrackedFormatVersion"/> with one. This code reads both.</summary>
    public const int FormatVersion = 1;

    /// <summary>The format version of a file that also holds the interval tracker's state.</summary>
    public const int TrackedFormatVersion = 2;

    /// <summary>"GRUNSTAT".</summary>
    public static ReadOnlySpan<byte> Magic => "GRUNSTAT"u8;

    private const int VersionOffset = 8, CellOffset = 12, ShapeOffset = 16, HashOffset = 32, StepsOffset = 64, LengthOffset = 72;
    private const int HeaderLength = 76, ChecksumLength = 4;

    /// <summary>Bytes in the file of a state of <paramref name="stateLength"/> floats, with a tracker's state of <paramref name="trackerLength"/> doubles (0: none, version 1).</summary>
    public static int FileLength(int stateLength, int trackerLength = 0) =>
        HeaderLength + 4 * stateLength + (trackerLength == 0 ? 0 : 4 + 8 * trackerLength) + ChecksumLength;

    /// <summary>
    /// Writes the file's bytes for <paramref name="state"/> after <paramref name="steps"/> observations, and the interval
    /// tracker's state <paramref name="tracker"/> if any (version 2; empty: version 1), into <paramref name="destination"/>
    /// (<see cref="FileLength"/> bytes). Allocates nothing.
    /// </summary>
    public static void Encode(Span<byte> destination, ModelFingerprint model, long steps, ReadOnlySpan<float> state, ReadOnlySpan<double> tracker = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ModelSpec spec = model.Spec;
        if (state.Length != spec.StateSize)
            throw new ArgumentException($"{spec} has a state of {spec.StateSize} floats, not {state.Length}.", nameof(state));
        if (destination.Length != FileLength(state.Length, tracker.Length))
            throw new ArgumentException($"A state file of {state.Length} floats and {tracker.Length} tracker values has {FileLength(state.Length, tracker.Length)} bytes.", nameof(destination));

        Magic.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[VersionOffset..], tracker.IsEmpty ? FormatVersion : TrackedFormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(destination[CellOffset..], spec.Cell == CellKind.Lstm ? 2 : 1);
        Span<byte> shape = destination.Slice(ShapeOffset, 16);
        BinaryPrimitives.WriteInt32LittleEndian(shape, spec.InputSize);
        BinaryPrimitives.WriteInt32LittleEndian(shape[4..], spec.HiddenSize);
        BinaryPrimitives.WriteInt32LittleEndian(shape[8..], spec.Layers);
        BinaryPrimitives.WriteInt32LittleEndian(shape[12..], spec.OutputSize);
        model.WeightsSha256.CopyTo(destination[HashOffset..]);
        BinaryPrimitives.WriteInt64LittleEndian(destination[StepsOffset..], steps);
        BinaryPrimitives.WriteInt32LittleEndian(destination[LengthOffset..], state.Length);
        Span<byte> values = destination.Slice(HeaderLength, 4 * state.Length);
        for (int i = 0; i < state.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(values[(4 * i)..], state[i]);
        int checkedLength = HeaderLength + 4 * state.Length;
        if (!tracker.IsEmpty)
        {
            BinaryPrimitives.WriteInt32LittleEndian(destination[checkedLength..], tracker.Length);
            for (int i = 0; i < tracker.Length; i++)
                BinaryPrimitives.WriteDoubleLittleEndian(destination[(checkedLength + 4 + 8 * i)..], tracker[i]);
            checkedLength += 4 + 8 * tracker.Length;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(destination[checkedLength..], Crc32.Compute(destination[..checkedLength]));
    }

    /// <summary>
    /// Reads a state file's bytes, checking everything in the order that gives the most useful message: the magic, the
    /// format version, the length, the checksum, then the model it belongs to against <paramref name="expected"/>.
    /// </summary>
    /// <exception cref="StateFileException">The bytes must not be used; the message says why (without the file's name).</exception>
    public static SavedState Decode(ReadOnlySpan<byte> file, ModelFingerprint expected)
    {
        if (file.Length >= Magic.Length && !file.StartsWith(Magic))
            throw new StateFileException("is not a GruNative state file (it does not start with \"GRUNSTAT\")");
        if (file.Length < HeaderLength + ChecksumLength)
            throw new StateFileException($"is damaged: {file.Length} bytes, shorter than any state file ({HeaderLength + ChecksumLength} bytes and up)");
        int version = BinaryPrimitives.ReadInt32LittleEndian(file[VersionOffset..]);
        if (version != FormatVersion && version != TrackedFormatVersion)
            throw new StateFileException($"has format version {version}; this program reads versions {FormatVersion} and {TrackedFormatVersion} (a damaged file, or one from a newer program)");
        int length = BinaryPrimitives.ReadInt32LittleEndian(file[LengthOffset..]);
        long stateEnd = HeaderLength + 4L * length;
        int trackerLength = 0;
        if (length >= 0 && version == TrackedFormatVersion && stateEnd + 4 <= file.Length)
            trackerLength = BinaryPrimitives.ReadInt32LittleEndian(file[(int)stateEnd..]);
        long expectedLength = stateEnd + (version == TrackedFormatVersion ? 4 + 8L * trackerLength : 0) + ChecksumLength;
        if (length < 0 || (version == TrackedFormatVersion && trackerLength < 1) || expectedLength != file.Length)
        {
            throw new StateFileException(version == TrackedFormatVersion
                ? $"is damaged: {file.Length} bytes, but its header announces a state of {length} floats and a tracker of {trackerLength} values ({expectedLength} bytes)"
                : $"is damaged: {file.Length} bytes, but its header announces a state of {length} floats ({HeaderLength + 4L * length + ChecksumLength} bytes)");
        }
        int checkedLength = (int)(expectedLength - ChecksumLength);
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(file[checkedLength..]);
        uint computed = Crc32.Compute(file[..checkedLength]);
        if (stored != computed)
            throw new StateFileException($"is damaged: its CRC-32 is 0x{computed:x8} but the file records 0x{stored:x8}");

        // The bytes are what a writer wrote. Now: was it this model's writer?
        ModelFingerprint saved = ReadFingerprint(file);
        if (!saved.Spec.Equals(expected.Spec))
            throw new StateFileException($"was saved by another model, {saved.Spec}; this program runs {expected.Spec}");
        if (!saved.Matches(expected))
            throw new StateFileException($"was saved by a model of the same shape with other weights ({saved}); this program's are {expected}");
        long steps = BinaryPrimitives.ReadInt64LittleEndian(file[StepsOffset..]);
        if (steps < 0)
            throw new StateFileException($"is damaged: a negative step count, {steps}");

        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(file[(HeaderLength + 4 * i)..]);
            if (!float.IsFinite(values[i]))
                throw new StateFileException($"is damaged: state value {i} is {values[i]}");
        }
        double[]? tracker = null;
        if (version == TrackedFormatVersion)
        {
            // Its values are checked by IntervalTracker.CopyFrom, which knows the shape they must have.
            tracker = new double[trackerLength];
            for (int i = 0; i < trackerLength; i++)
                tracker[i] = BinaryPrimitives.ReadDoubleLittleEndian(file[(int)(stateEnd + 4 + 8 * i)..]);
        }
        return new SavedState(steps, values, tracker);
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

    /// <summary>Reads and checks the state file at <paramref name="path"/>; null when there is none.</summary>
    /// <exception cref="StateFileException">The file must not be used; the message names it and says why.</exception>
    public static SavedState? Load(string path, ModelFingerprint expected)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            // A state file of any model this program could run is far below 1 MB; never read a stranger whole.
            if (stream.Length > 1 << 20)
                throw new StateFileException($"State file {path} is not a GruNative state file ({stream.Length} bytes)");
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        try
        {
            return Decode(bytes, expected);
        }
        catch (StateFileException e)
        {
            throw new StateFileException($"State file {path} {e.Message}.");
        }
    }
}
