namespace GruNative.Cli.Tests;

/// <summary>Runs the tool in process, capturing its output, error stream and exit code.</summary>
internal static class CliRunner
{
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// <paramref name="baseArgs"/> with <paramref name="extra"/>'s options: an option already there takes the new value
    /// (System.CommandLine refuses an option given twice); the others are appended.
    /// </summary>
    public static string[] WithOptions(IReadOnlyList<string> baseArgs, params string[] extra)
    {
        var args = baseArgs.ToList();
        for (int i = 0; i < extra.Length; i++)
        {
            int at = args.IndexOf(extra[i]);
            if (at >= 0 && i + 1 < extra.Length && !extra[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                args[at + 1] = extra[++i];
                continue;
            }
            args.Add(extra[i]);
        }
        return [.. args];
    }
}

/// <summary>What every test of a bad command line asks of the tool's answer.</summary>
internal static class CliAssert
{
    /// <summary>
    /// The run failed as a user's mistake should: exit code 1 and a single line on the error stream, starting
    /// "error: " and naming <paramref name="mentioned"/> (in any case).
    /// </summary>
    public static void OneClearError(int exit, string error, string mentioned)
    {
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", error);
        Assert.Contains(mentioned, error, StringComparison.OrdinalIgnoreCase);
        Assert.Single(error.Trim().Split('\n'));
    }
}
