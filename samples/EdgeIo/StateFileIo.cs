using System;
using System.Buffers.Binary;
using System.IO;

namespace GruNative.Samples.EdgeIo;

/// <summary>A state file that must not be used: not a state file, damaged, of another format version, or saved by another model.</summary>
public sealed class StateFileException(string message) : Exception(message);

/// <summary>Decodes and checks a state file's bytes.</summary>
/// <exception cref="StateFileException">The bytes must not be used; the message says why (without the file's name).</exception>
public delegate T StateFileDecoder<out T>(ReadOnlySpan<byte> file);

/// <summary>
/// What both edge samples' state files share around their own formats: where the file may be written, its checksum, and
/// reading it back whole without reading a stranger whole.
/// </summary>
public static class StateFileIo
{
    /// <summary>The full path of the state file <paramref name="path"/>, whose folder must exist for saves to succeed.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static string FullPathInExistingFolder(string path)
    {
        string fullPath = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(fullPath);
        if (folder is null || !Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The folder of state file {path} does not exist.");
        return fullPath;
    }

    /// <summary>
    /// Checks the CRC-32 (<see cref="Crc32"/>) that follows the first <paramref name="checkedLength"/> bytes of
    /// <paramref name="file"/> against those bytes.
    /// </summary>
    /// <exception cref="StateFileException">They differ: the file is damaged.</exception>
    public static void CheckCrc32(ReadOnlySpan<byte> file, int checkedLength)
    {
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(file[checkedLength..]);
        uint computed = Crc32.Compute(file[..checkedLength]);
        if (stored != computed)
            throw new StateFileException($"is damaged: its CRC-32 is 0x{computed:x8} but the file records 0x{stored:x8}");
    }

    /// <summary>
    /// Reads the state file at <paramref name="path"/> and decodes it; null when there is none. A file longer than
    /// <paramref name="maxLength"/> is not read but refused with the message <paramref name="tooLong"/> makes of its length.
    /// </summary>
    /// <exception cref="StateFileException">The file must not be used; the message names it and says why.</exception>
    public static T? Load<T>(string path, long maxLength, Func<long, string> tooLong, StateFileDecoder<T> decode)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(tooLong);
        ArgumentNullException.ThrowIfNull(decode);
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > maxLength)
                throw new StateFileException(tooLong(stream.Length));
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        try
        {
            return decode(bytes);
        }
        catch (StateFileException e)
        {
            throw new StateFileException($"State file {path} {e.Message}.");
        }
    }
}
