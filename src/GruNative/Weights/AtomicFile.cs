using System;
using System.IO;
using System.Runtime.InteropServices;

namespace GruNative;

/// <summary>
/// Writes files so that a crash or a power cut leaves either the old content or the new, never a mix, and so that
/// once <see cref="Write"/> has returned the new content survives a power cut. Weights, checkpoints and saved states
/// use it.
/// </summary>
/// <remarks>
/// <para>The steps, each needed for one of the two promises:</para>
/// <list type="number">
/// <item>the content is written to a new temporary file in the same folder (<c>.NAME.{GUID}.tmp</c>);</item>
/// <item>the temporary file is synced to the disk: <c>fsync</c> on Linux, <c>F_FULLFSYNC</c> on macOS,
/// <c>FlushFileBuffers</c> on Windows (<see cref="FileStream.Flush(bool)"/>). Without it a file system may commit the
/// rename before the data, and a power cut leaves an empty or partly written file under the target's name;</item>
/// <item>the temporary file is renamed over the target, which replaces it in one step;</item>
/// <item>on Linux, macOS and other Unix systems, the folder is synced (<c>open</c> it read-only, <c>fsync</c>,
/// <c>close</c>), which makes the rename itself durable. Without it the rename can still be in memory when the power
/// goes, and the folder then names the previous file although <see cref="Write"/> returned. A folder that cannot be
/// synced (<c>EINVAL</c> or <c>ENOTSUP</c>, as some network and FUSE file systems answer, or <c>EACCES</c>, a folder
/// that may be written but not read) gets only what its file system offers; any other failure is an
/// <see cref="IOException"/>.</item>
/// </list>
/// <para>On Windows a folder cannot be synced; the rename is <c>MoveFileEx</c> with <c>MOVEFILE_WRITE_THROUGH</c>,
/// which returns only once the rename has reached the disk. (NTFS journals the rename; this was not tested under a
/// simulated power cut, which the tests do on Linux only.)</para>
/// <para>One writer per target at a time: two concurrent <see cref="Write"/> calls on one path each leave a whole file,
/// but which one wins is not defined.</para>
/// </remarks>
public static class AtomicFile
{
    /// <summary>
    /// Writes through <paramref name="write"/> into a temporary file in the same folder, syncs it to the disk, renames
    /// it over <paramref name="path"/> and (on Unix) syncs the folder, so that when this returns the new content is
    /// durable, and a crash or power cut at any moment before leaves the old content or the new one, whole.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <exception cref="IOException">The file could not be written, synced or renamed, or the folder could not be
    /// synced (then the new content is in place but might not survive a power cut).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            if (OperatingSystem.IsWindows())
            {
                Windows.MoveWriteThrough(temporary, full);
            }
            else
            {
                File.Move(temporary, full, overwrite: true);
                Unix.SyncFolder(folder);
            }
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>The folder sync, through the C library.</summary>
    private static class Unix
    {
        private const string Libc = "libc";
        private const int EINTR = 4, EINVAL = 22;

        public static void SyncFolder(string folder)
        {
            int descriptor = Open(folder, ReadOnlyCloseOnExec());
            if (descriptor < 0)
            {
                int error = Marshal.GetLastPInvokeError();
                if (IsUnsupported(error))
                    return;
                throw Failure("open", folder, error);
            }
            try
            {
                int result;
                do
                {
                    result = FSync(descriptor);
                }
                while (result != 0 && Marshal.GetLastPInvokeError() == EINTR);
                if (result != 0 && !IsUnsupported(Marshal.GetLastPInvokeError()))
                    throw Failure("fsync", folder, Marshal.GetLastPInvokeError());
            }
            finally
            {
                _ = Close(descriptor);
            }
        }

        // O_RDONLY is 0 everywhere; O_CLOEXEC keeps the descriptor out of a process forked meanwhile.
        private static int ReadOnlyCloseOnExec() =>
            OperatingSystem.IsLinux() ? 0x80000 : OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() ? 0x1000000 : 0;

        // EINVAL on Linux and macOS; ENOTSUP/EOPNOTSUPP: 95 on Linux, 45 and 102 on macOS. EACCES (13): a folder
        // that can be written but not read cannot be opened to sync it.
        private static bool IsUnsupported(int error) =>
            error is EINVAL or 13 || (OperatingSystem.IsLinux() ? error == 95 : error is 45 or 102);

        private static IOException Failure(string call, string folder, int error) =>
            new($"The new file is in place, but its folder {folder} could not be synced to the disk ({call}: " +
                $"{Marshal.GetPInvokeErrorMessage(error)}), so the rename might not survive a power cut.");

        [DllImport(Libc, EntryPoint = "open", SetLastError = true)]
        private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport(Libc, EntryPoint = "fsync", SetLastError = true)]
        private static extern int FSync(int descriptor);

        [DllImport(Libc, EntryPoint = "close", SetLastError = true)]
        private static extern int Close(int descriptor);
    }

    /// <summary>The rename that returns only once it has reached the disk.</summary>
    private static class Windows
    {
        private const int ReplaceExisting = 0x1, WriteThrough = 0x8;

        public static void MoveWriteThrough(string source, string destination)
        {
            if (!MoveFileEx(source, destination, ReplaceExisting | WriteThrough))
            {
                int error = Marshal.GetLastPInvokeError();
                throw new IOException($"Cannot replace {destination}: {Marshal.GetPInvokeErrorMessage(error)}", error);
            }
        }

        [DllImport("kernel32.dll", EntryPoint = "MoveFileExW", SetLastError = true, CharSet = CharSet.Unicode)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool MoveFileEx(string existing, string replacement, int flags);
    }
}
