using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace GruNative.Samples.EdgeIo;

/// <summary>
/// Standard input, output and error as plain unbuffered streams on Unix: each read and write is one read(2) or
/// write(2) on file descriptor 0, 1 or 2 — nothing held back, and the descriptor's shared offset moves as a shell
/// expects when the stream is a file (`{ echo header; StreamingForecaster; } &gt; out.csv`). Not System.Console's
/// streams, which bring its terminal handling (terminfo, echo control; about 160 KB of a NativeAOT binary), nor
/// FileStream, which writes a regular file with pwrite(2) at a position of its own and would overwrite what other
/// processes write to the same descriptor. Elsewhere (Windows), System.Console's streams.
/// </summary>
public static partial class StandardStreams
{
    public static Stream OpenInput() =>
        OperatingSystem.IsWindows() ? Console.OpenStandardInput() : new DescriptorStream(0, canRead: true);

    public static Stream OpenOutput() =>
        OperatingSystem.IsWindows() ? Console.OpenStandardOutput() : new DescriptorStream(1, canRead: false);

    /// <summary>Standard output as UTF-8 text, flushed after every write (for --info, --bench, --help).</summary>
    public static TextWriter OpenOutputWriter() => Writer(OpenOutput());

    /// <summary>Standard error as UTF-8 text, flushed after every write.</summary>
    public static TextWriter OpenErrorWriter() =>
        Writer(OperatingSystem.IsWindows() ? Console.OpenStandardError() : new DescriptorStream(2, canRead: false));

    private static StreamWriter Writer(Stream stream) => new(stream, new UTF8Encoding(false)) { AutoFlush = true };

    /// <summary>A file descriptor this process does not own, read or written with read(2) and write(2). Allocates nothing.</summary>
    private sealed partial class DescriptorStream(int descriptor, bool canRead) : Stream
    {
        private const int EINTR = 4;

        public override bool CanRead => canRead;

        public override bool CanWrite => !canRead;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        /// <summary>Blocks until at least one byte or the end has arrived; returns 0 at the end.</summary>
        public override int Read(Span<byte> buffer)
        {
            while (true)
            {
                nint read = SystemRead(descriptor, buffer, buffer.Length);
                if (read >= 0)
                    return (int)read;
                ThrowUnlessInterrupted("read from");
            }
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                nint written = SystemWrite(descriptor, buffer, buffer.Length);
                if (written >= 0)
                    buffer = buffer[(int)written..];
                else
                    ThrowUnlessInterrupted("write to");
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush()
        {
            // Nothing is buffered.
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private void ThrowUnlessInterrupted(string verb)
        {
            int error = Marshal.GetLastPInvokeError();
            if (error != EINTR)
                throw new IOException($"Could not {verb} file descriptor {descriptor}: {Marshal.GetPInvokeErrorMessage(error)} (errno {error}).");
        }

        [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
        private static partial nint SystemRead(int descriptor, Span<byte> buffer, nint count);

        [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
        private static partial nint SystemWrite(int descriptor, ReadOnlySpan<byte> buffer, nint count);
    }
}
