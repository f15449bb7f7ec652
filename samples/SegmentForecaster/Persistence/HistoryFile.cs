using System;
using System.Buffers.Binary;
using GruNative;
using GruNative.Samples.EdgeIo;

namespace SegmentForecaster.Persistence;

/// <summary>
/// A history read back from a state file, how many observations the program had read when it was saved, and the interval
/// tracker's state when the bands were tracked online (<see cref="IntervalTracker.CopyTo"/>; null in a version 1 file).
/// </summary>
internal sealed record SavedHistory(long Observations, float[] Values, double[]? Tracker = null);

/// <summary>
/// The state file: the History (the last observations, standardised, as its CopyTo writes them), what it belongs to,
/// and a checksum, so a damaged file or one from other weights is refused rather than forecast from. Format version 1,
/// little-endian throughout:
/// <code>
///   offset  bytes  field
///        0      8  magic, the ASCII bytes "GRUNHIST"
///        8      4  format version: 1
///       12      4  cell: 1 = GRU, 2 = LSTM
///       16     20  L, H, w, d, C (int32 each)
///       36     32  SHA-256 of the weights file the model was baked from
///       68      8  observations read in all (int64; a forecast every N counts from the first)
///       76      4  n: floats held (int32), from 0 up to L · max(C, 1)
///       80     4n  the history, oldest first, float32 (standardised: (x − μ) / σ)
///   80 + 4n     4  CRC-32 (zlib's) of bytes [0, 80 + 4n)
/// </code>
/// Version 2, written when the prediction intervals are tracked online (<see cref="IntervalTracker"/>), is version 1
/// with the tracker's state between the history and the checksum:
/// <code>
///   80 + 4n     4  m: doubles in the tracker's state (int32, ≥ 1)
///   84 + 4n    8m  the tracker's state as IntervalTracker.CopyTo writes it, float64
///   84+4n+8m    4  CRC-32 of bytes [0, 84 + 4n + 8m)
/// </code>
/// A full history of this model (L = 336, one channel) makes a file of 1,428 bytes; with a tracker of its 96-step
/// forecasts at two levels (9,601 doubles: the offsets and the 96 forecasts still waiting for values) 78,240 bytes.
/// Writing it atomically is <see cref="HistoryStore"/>'s job.
/// </summary>
internal static class HistoryFile
{
    public const int FormatVersion = 1;

    /// <summary>The format version of a file that also holds the interval tracker's state.</summary>
    public const int TrackedFormatVersion = 2;

    public static ReadOnlySpan<byte> Magic => "GRUNHIST"u8;

    private const int VersionOffset = 8, CellOffset = 12, ShapeOffset = 16, HashOffset = 36, ObservationsOffset = 68, CountOffset = 76;
    private const int HeaderLength = 80, ChecksumLength = 4;

    /// <summary>Bytes in the file of a history of <paramref name="values"/> floats and a tracker's state of <paramref name="trackerLength"/> doubles (0: none, version 1).</summary>
    public static int FileLength(int values, int trackerLength = 0) =>
        HeaderLength + 4 * values + (trackerLength == 0 ? 0 : 4 + 8 * trackerLength) + ChecksumLength;

    /// <summary>Writes the file's bytes into <paramref name="destination"/>; returns how many. Allocates nothing.</summary>
    public static int Encode(Span<byte> destination, ModelIdentity model, long observations, ReadOnlySpan<float> values, ReadOnlySpan<double> tracker = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(observations);
        SegmentModelSpec spec = model.Spec;
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[VersionOffset..], tracker.IsEmpty ? FormatVersion : TrackedFormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(destination[CellOffset..], spec.Cell == CellKind.Lstm ? 2 : 1);
        Span<byte> shape = destination.Slice(ShapeOffset, 20);
        BinaryPrimitives.WriteInt32LittleEndian(shape, spec.Lookback);
        BinaryPrimitives.WriteInt32LittleEndian(shape[4..], spec.Horizon);
        BinaryPrimitives.WriteInt32LittleEndian(shape[8..], spec.SegmentLength);
        BinaryPrimitives.WriteInt32LittleEndian(shape[12..], spec.HiddenSize);
        BinaryPrimitives.WriteInt32LittleEndian(shape[16..], spec.Channels);
        model.WeightsSha256.CopyTo(destination[HashOffset..]);
        BinaryPrimitives.WriteInt64LittleEndian(destination[ObservationsOffset..], observations);
        BinaryPrimitives.WriteInt32LittleEndian(destination[CountOffset..], values.Length);
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(destination[(HeaderLength + 4 * i)..], values[i]);
        int checkedLength = HeaderLength + 4 * values.Length;
        if (!tracker.IsEmpty)
        {
            BinaryPrimitives.WriteInt32LittleEndian(destination[checkedLength..], tracker.Length);
            for (int i = 0; i < tracker.Length; i++)
                BinaryPrimitives.WriteDoubleLittleEndian(destination[(checkedLength + 4 + 8 * i)..], tracker[i]);
            checkedLength += 4 + 8 * tracker.Length;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(destination[checkedLength..], Crc32.Compute(destination[..checkedLength]));
        return checkedLength + ChecksumLength;
    }

    /// <summary>
    /// Reads a state file's bytes, checking in the order that gives the most useful message: the magic, the version, the
    /// length, the checksum, then the model it belongs to against <paramref name="expected"/>, then the values.
    /// </summary>
    /// <exception cref="StateFileException">The bytes must not be used; the message says why (without the file's name).</exception>
    public static SavedHistory Decode(ReadOnlySpan<byte> file, ModelIdentity expected)
    {
        if (file.Length >= Magic.Length && !file.StartsWith(Magic))
            throw new StateFileException("is not a SegmentForecaster state file (it does not start with \"GRUNHIST\")");
        if (file.Length < HeaderLength + ChecksumLength)
            throw new StateFileException($"is damaged: {file.Length} bytes, shorter than any state file ({HeaderLength + ChecksumLength} bytes and up)");
        int version = BinaryPrimitives.ReadInt32LittleEndian(file[VersionOffset..]);
        if (version != FormatVersion && version != TrackedFormatVersion)
            throw new StateFileException($"has format version {version}; this program reads versions {FormatVersion} and {TrackedFormatVersion} (a damaged file, or one from a newer program)");
        int count = BinaryPrimitives.ReadInt32LittleEndian(file[CountOffset..]);
        long historyEnd = HeaderLength + 4L * count;
        int trackerLength = 0;
        if (count >= 0 && version == TrackedFormatVersion && historyEnd + 4 <= file.Length)
            trackerLength = BinaryPrimitives.ReadInt32LittleEndian(file[(int)historyEnd..]);
        long expectedLength = historyEnd + (version == TrackedFormatVersion ? 4 + 8L * trackerLength : 0) + ChecksumLength;
        if (count < 0 || (version == TrackedFormatVersion && trackerLength < 1) || expectedLength != file.Length)
        {
            throw new StateFileException(version == TrackedFormatVersion
                ? $"is damaged: {file.Length} bytes, but its header announces {count} values and a tracker of {trackerLength} ({expectedLength} bytes)"
                : $"is damaged: {file.Length} bytes, but its header announces {count} values ({FileLength(0) + 4L * count} bytes)");
        }
        int checkedLength = (int)(expectedLength - ChecksumLength);
        StateFileIo.CheckCrc32(file, checkedLength);

        // The bytes are what a writer wrote. Now: was it this model's writer?
        SegmentModelSpec spec = expected.Spec;
        ReadOnlySpan<byte> shape = file.Slice(ShapeOffset, 20);
        int cell = BinaryPrimitives.ReadInt32LittleEndian(file[CellOffset..]);
        int l = BinaryPrimitives.ReadInt32LittleEndian(shape), h = BinaryPrimitives.ReadInt32LittleEndian(shape[4..]);
        int w = BinaryPrimitives.ReadInt32LittleEndian(shape[8..]), d = BinaryPrimitives.ReadInt32LittleEndian(shape[12..]);
        int c = BinaryPrimitives.ReadInt32LittleEndian(shape[16..]);
        if (cell != (spec.Cell == CellKind.Lstm ? 2 : 1) || l != spec.Lookback || h != spec.Horizon || w != spec.SegmentLength || d != spec.HiddenSize || c != spec.Channels)
            throw new StateFileException($"was saved by another model (cell {cell}, L={l}, H={h}, w={w}, d={d}, C={c}); this program runs {spec}");
        if (!file.Slice(HashOffset, ModelIdentity.HashLength).SequenceEqual(expected.WeightsSha256))
            throw new StateFileException($"was saved by a model of the same shape with other weights (sha256 {Convert.ToHexStringLower(file.Slice(HashOffset, ModelIdentity.HashLength))}); this program's are {Convert.ToHexStringLower(expected.WeightsSha256)}");
        long observations = BinaryPrimitives.ReadInt64LittleEndian(file[ObservationsOffset..]);
        int capacity = spec.Lookback * Math.Max(spec.Channels, 1);
        if (count > capacity || observations < count)
            throw new StateFileException($"is damaged: {count} values after {observations} observations, for a history of {capacity}");

        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(file[(HeaderLength + 4 * i)..]);
            if (!float.IsFinite(values[i]))
                throw new StateFileException($"is damaged: history value {i} is {values[i]}");
        }
        double[]? tracker = null;
        if (version == TrackedFormatVersion)
        {
            // Its values are checked by IntervalTracker.CopyFrom, which knows the shape they must have.
            tracker = new double[trackerLength];
            for (int i = 0; i < trackerLength; i++)
                tracker[i] = BinaryPrimitives.ReadDoubleLittleEndian(file[(int)(historyEnd + 4 + 8 * i)..]);
        }
        return new SavedHistory(observations, values, tracker);
    }

    /// <summary>Reads and checks the state file at <paramref name="path"/>; null when there is none.</summary>
    /// <exception cref="StateFileException">The file must not be used; the message names it and says why.</exception>
    public static SavedHistory? Load(string path, ModelIdentity expected) =>
        // Any state file of this model is 78,240 bytes at most (1,428 without a tracker): never read a stranger whole.
        StateFileIo.Load(path, 1 << 20, length => $"State file {path} is not a SegmentForecaster state file ({length} bytes).",
            file => Decode(file, expected));
}
