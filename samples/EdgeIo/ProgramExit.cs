using System;
using System.IO;

namespace GruNative.Samples.EdgeIo;

/// <summary>How both edge programs end when the disk fails them: what counts as an I/O error, and the save at exit.</summary>
public static class ProgramExit
{
    /// <summary>True for what the programs report as an I/O error (<see cref="ExitCode.IOError"/>): a failed read or write, or refused access.</summary>
    public static bool IsIOError(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>
    /// Runs <paramref name="saveIfChanged"/> at exit, however the program came to it. An I/O error is reported on
    /// <paramref name="messages"/> ("I/O error: the <paramref name="what"/> could not be saved at exit: …"), not thrown,
    /// so the exit code the program chose stands.
    /// </summary>
    public static void SaveAtExit(Action saveIfChanged, string what, TextWriter messages)
    {
        ArgumentNullException.ThrowIfNull(saveIfChanged);
        ArgumentNullException.ThrowIfNull(messages);
        try
        {
            saveIfChanged();
        }
        catch (Exception e) when (IsIOError(e))
        {
            messages.WriteLine($"I/O error: the {what} could not be saved at exit: {e.Message}");
        }
    }
}
