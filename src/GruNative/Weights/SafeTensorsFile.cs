using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Globalization;
using System.Text;

namespace GruNative;

/// <summary>
/// A safetensors file (the format of <c>safetensors.torch.save_file</c> and the Hugging Face hub): an 8-byte
/// little-endian header length N, N bytes of JSON header padded with spaces to a multiple of 8, then the tensors'
/// bytes, contiguous, with offsets relative to the data section. This class reads and writes any tensors;
/// <see cref="SafeTensorsWeights"/> maps them to a <see cref="ModelWeights"/>.
/// </summary>
/// <remarks>
/// Reading trusts nothing: the header length is checked against the bytes available before anything is
/// allocated, the header is parsed with the reference implementation's rules (see the README), and every
/// violation raises <see cref="WeightsFormatException"/>.
/// </remarks>
public sealed class SafeTensorsFile
{
    // Every dtype of the reference implementation, in its order (increasing alignment); the writer sorts by
    // descending position, then by name, as the reference implementation does.
    private static readonly (string Name, int Size)[] DTypes =
    [
        ("BOOL", 1), ("U8", 1), ("I8", 1), ("F8_E5M2", 1), ("F8_E4M3", 1), ("I16", 2), ("U16", 2), ("F16", 2),
        ("BF16", 2), ("I32", 4), ("U32", 4), ("F32", 4), ("F64", 8), ("I64", 8), ("U64", 8),
    ];

    private const int ReadChunk = 1 << 20;

    // Throws on lone surrogates instead of writing U+FFFD: a name must survive the round trip exactly.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Names are sorted as Rust sorts Strings, by their UTF-8 bytes (ordinal UTF-16 order differs above U+FFFF).
    private static readonly Comparer<string> Utf8Order = Comparer<string>.Create(
        (a, b) => StrictUtf8!.GetBytes(a!).AsSpan().SequenceCompareTo(StrictUtf8.GetBytes(b!)));

    private readonly SafeTensor[] _tensors;

    /// <summary>Creates a file's content from tensors (names must be unique) and optional metadata.</summary>
    public SafeTensorsFile(IEnumerable<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        _tensors = tensors.ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in _tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor, nameof(tensors));
            if (tensor.Name == "__metadata__" || !names.Add(tensor.Name))
                throw new ArgumentException($"Tensor name '{tensor.Name}' is reserved or repeated.", nameof(tensors));
        }
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (key is null || value is null)
                throw new ArgumentException($"Metadata entry '{key}' has a null key or value.", nameof(metadata));
            sorted.Add(key, value);
        }
        Metadata = sorted;
    }

    /// <summary>The tensors, in data-offset order when read from a file.</summary>
    public IReadOnlyList<SafeTensor> Tensors => _tensors;

    /// <summary>The <c>__metadata__</c> map (empty when the file has none), sorted by key.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Bytes per element of a safetensors dtype, or 0 for a name the format does not define.</summary>
    public static int DTypeSize(string dtype)
    {
        foreach (var (name, size) in DTypes)
        {
            if (name == dtype)
                return size;
        }
        return 0;
    }

    /// <summary>Parses a whole file held in memory.</summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="sourceName">Names the buffer in error messages.</param>
    /// <exception cref="WeightsFormatException">The bytes are not a valid safetensors file.</exception>
    public static SafeTensorsFile Parse(ReadOnlySpan<byte> file, string sourceName = "<buffer>")
    {
        if (file.Length < 8)
            throw new WeightsFormatException(sourceName, null, $"{file.Length} byte(s) cannot hold the 8-byte header length (HeaderTooSmall)");
        long headerLength = CheckHeaderLength(BinaryPrimitives.ReadUInt64LittleEndian(file), file.Length - 8, sourceName);
        var (entries, metadata, dataLength) = SafeTensorsHeader.Parse(file.Slice(8, (int)headerLength), sourceName);
        long available = file.Length - 8 - headerLength;
        if (dataLength != available)
            throw new WeightsFormatException(sourceName, null, IncompleteBuffer(dataLength, available));
        return Build(entries, metadata, file.Slice(8 + (int)headerLength));
    }

    /// <summary>
    /// Reads a file from a stream, to its end. Memory grows only as bytes actually arrive, so a hostile
    /// header length cannot trigger a large allocation; for seekable streams the lengths are also checked
    /// against the stream's length before reading.
    /// </summary>
    /// <exception cref="WeightsFormatException">The content is not a valid safetensors file.</exception>
    public static SafeTensorsFile Read(Stream stream, string sourceName = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        long? remaining = stream.CanSeek ? stream.Length - stream.Position : null;

        var prefix = ReadUpTo(stream, 8);
        if (prefix.Length < 8)
            throw new WeightsFormatException(sourceName, null, $"{prefix.Length} byte(s) cannot hold the 8-byte header length (HeaderTooSmall)");
        ulong declared = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        long headerLength = CheckHeaderLength(declared, remaining is long r ? r - 8 : SafeTensorsHeader.MaxHeaderLength, sourceName);

        var header = ReadUpTo(stream, headerLength);
        if (header.Length < headerLength)
            throw new WeightsFormatException(sourceName, null, $"the header length is {headerLength} byte(s) but only {header.Length} follow (InvalidHeaderLength)");
        var (entries, metadata, dataLength) = SafeTensorsHeader.Parse(header, sourceName);

        if (remaining is long total && total - 8 - headerLength != dataLength)
            throw new WeightsFormatException(sourceName, null, IncompleteBuffer(dataLength, total - 8 - headerLength));
        if (dataLength > Array.MaxLength)
            throw new WeightsFormatException(sourceName, null, $"the data section of {dataLength} bytes exceeds what one buffer can hold ({Array.MaxLength})");
        var data = ReadUpTo(stream, dataLength);
        if (data.Length < dataLength || ReadUpTo(stream, 1).Length != 0)
            throw new WeightsFormatException(sourceName, null, IncompleteBuffer(dataLength, data.Length < dataLength ? data.Length : dataLength + 1));
        return Build(entries, metadata, data);
    }

    /// <summary>Reads a file from disk.</summary>
    /// <exception cref="WeightsFormatException">The file is not a valid safetensors file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SafeTensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Read(stream, path);
    }

    /// <summary>
    /// The file's bytes, laid out as the reference implementation writes them: compact JSON header with
    /// <c>__metadata__</c> first (omitted when empty), tensors sorted by descending dtype alignment then by name,
    /// header padded with spaces to a multiple of 8 so every tensor starts 8-byte aligned.
    /// </summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        WriteTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes the file to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var ordered = _tensors
            .OrderByDescending(t => Array.FindIndex(DTypes, d => d.Name == t.DType))
            .ThenBy(t => t.Name, Utf8Order)
            .ToArray();

        // Written by hand rather than with Utf8JsonWriter so the bytes are exactly serde_json's: compact, and
        // strings escaped only where JSON requires it (see AppendJsonString).
        var json = new StringBuilder("{");
        if (Metadata.Count > 0)
        {
            json.Append("\"__metadata__\":{");
            bool first = true;
            foreach (var (key, value) in Metadata.OrderBy(e => e.Key, Utf8Order))
            {
                json.Append(first ? "" : ",");
                AppendJsonString(json, key).Append(':');
                AppendJsonString(json, value);
                first = false;
            }
            json.Append('}');
        }
        long offset = 0;
        foreach (var tensor in ordered)
        {
            json.Append(json.Length > 1 ? "," : "");
            AppendJsonString(json, tensor.Name).Append(":{\"dtype\":");
            AppendJsonString(json, tensor.DType).Append(",\"shape\":[").AppendJoin(',', tensor.Shape).Append("],\"data_offsets\":[");
            json.Append(offset).Append(',').Append(offset += tensor.Data.Length).Append("]}");
        }
        byte[] header = StrictUtf8.GetBytes(json.Append('}').ToString());

        int padding = (8 - header.Length % 8) % 8;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)(header.Length + padding));
        stream.Write(length);
        stream.Write(header);
        for (int i = 0; i < padding; i++)
            stream.WriteByte((byte)' ');
        foreach (var tensor in ordered)
            stream.Write(tensor.Data);
    }

    /// <summary>
    /// Saves the file atomically and durably with <see cref="AtomicFile"/>: a temporary file beside
    /// <paramref name="path"/>, synced to the disk, renamed over <paramref name="path"/>, then the folder synced, so a
    /// crash or power cut leaves either the old file or the new one, and the new one once this has returned.
    /// </summary>
    public void Save(string path) => AtomicFile.Write(path, WriteTo);

    // serde_json's escaping: \" and \\, the short escapes \b \f \n \r \t, \u00xx (lower-case hex) for the other
    // control characters, and every other character as raw UTF-8.
    private static StringBuilder AppendJsonString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (char c in value)
        {
            _ = c switch
            {
                '"' => json.Append("\\\""),
                '\\' => json.Append("\\\\"),
                '\b' => json.Append("\\b"),
                '\f' => json.Append("\\f"),
                '\n' => json.Append("\\n"),
                '\r' => json.Append("\\r"),
                '\t' => json.Append("\\t"),
                < ' ' => json.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)),
                _ => json.Append(c),
            };
        }
        return json.Append('"');
    }

    private static long CheckHeaderLength(ulong declared, long available, string source)
    {
        if (declared > SafeTensorsHeader.MaxHeaderLength)
            throw new WeightsFormatException(source, null, $"the header length {declared} exceeds the limit of {SafeTensorsHeader.MaxHeaderLength} bytes (HeaderTooLarge)");
        if ((long)declared > available)
            throw new WeightsFormatException(source, null, $"the header length is {declared} byte(s) but only {available} follow (InvalidHeaderLength)");
        return (long)declared;
    }

    private static string IncompleteBuffer(long expected, long actual) =>
        $"the tensors' offsets end at {expected} byte(s) but the data section holds {actual}: the last offset must be the end of the file (MetadataIncompleteBuffer)";

    private static SafeTensorsFile Build(List<SafeTensorsHeader.Entry> entries, Dictionary<string, string> metadata, ReadOnlySpan<byte> data)
    {
        var tensors = new SafeTensor[entries.Count];
        for (int i = 0; i < tensors.Length; i++)
        {
            var e = entries[i];
            tensors[i] = new SafeTensor(e.Name, e.DType, e.Shape, data.Slice((int)e.Begin, (int)(e.End - e.Begin)));
        }
        return new SafeTensorsFile(tensors, metadata);
    }

    /// <summary>Reads up to <paramref name="count"/> bytes, growing the buffer only as data arrives.</summary>
    private static byte[] ReadUpTo(Stream stream, long count)
    {
        var buffer = new byte[Math.Min(count, ReadChunk)];
        int filled = 0;
        while (filled < count)
        {
            if (filled == buffer.Length)
                Array.Resize(ref buffer, (int)Math.Min(count, (long)buffer.Length * 2));
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
                break;
            filled += read;
        }
        return filled == buffer.Length ? buffer : buffer[..filled];
    }
}
