using System;
using System.CommandLine;
using System.IO;
using GruNative.Cli.Commands;

namespace GruNative.Cli;

/// <summary>The <c>grunative</c> command tree and its one error policy.</summary>
internal static class CommandLine
{
    /// <summary>Exit code of a run that failed on bad input (a usage error is System.CommandLine's own, 1 as well).</summary>
    public const int Failure = 1;

    public static RootCommand Create()
    {
        var root = new RootCommand("grunative: train GRU/LSTM forecasters on CSV time series, and convert and inspect their weights.");
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        return root;
    }

    /// <summary>Runs <paramref name="args"/>, writing to the given streams (tests pass string writers).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });

    /// <summary>The message alone: an argument exception's "(Parameter 'x')" and "Actual value was" lines help no user.</summary>
    private static string Describe(Exception e)
    {
        if (e is not ArgumentException argument)
            return e.Message;
        string message = argument.Message.Split('\n')[0];
        string suffix = argument.ParamName is null ? "" : $" (Parameter '{argument.ParamName}')";
        return message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }

    /// <summary>
    /// Runs a command's body and turns the failures users cause — bad files, bad data, bad options, an unusable
    /// checkpoint — into one message on standard error and exit code 1, instead of a stack trace.
    /// </summary>
    public static int Guard(ParseResult result, Func<TextWriter, int> body)
    {
        var error = result.InvocationConfiguration.Error;
        try
        {
            return body(result.InvocationConfiguration.Output);
        }
        catch (Exception e) when (e is WeightsFormatException or IOException or UnauthorizedAccessException or ArgumentException
                                      or FormatException or ArithmeticException or InvalidDataException
                                      or GruNative.Training.Data.DataFormatException or GruNative.Training.Fitting.CheckpointException
                                      or Speed.KernelCompilationException)
        {
            error.WriteLine($"error: {Describe(e)}");
            return Failure;
        }
    }
}
