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

    /// <summary>
    /// <c>grunative train</c> on small built-in data — a sine, lookback 24, horizon 6, 8 hidden units, 4 epochs — which
    /// trains in well under a second.
    /// </summary>
    public static IReadOnlyList<string> SmallTrain { get; } =
        ["train", "--builtin", "sine", "--lookback", "24", "--horizon", "6", "--hidden", "8", "--epochs", "4", "--batch-size", "16", "--lr", "0.01"];

    /// <summary>
    /// Runs <see cref="SmallTrain"/> with <paramref name="extra"/>'s options (<see cref="WithOptions"/>: they replace
    /// those already there), writing its outputs to <paramref name="output"/> in <paramref name="dir"/>.
    /// </summary>
    public static (int Exit, string Output, string Error) TrainSmall(TempFolder dir, string output, params string[] extra) =>
        Run([.. WithOptions(SmallTrain, extra), "--output", dir.File(output)]);
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
