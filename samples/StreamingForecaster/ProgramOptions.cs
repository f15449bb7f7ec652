using GruNative.Samples.EdgeIo;
using static GruNative.Samples.EdgeIo.CommandLine;
using StreamingForecaster.Streaming;

namespace StreamingForecaster;

/// <summary>What to do with a state file that must not be used (damaged, or from another model).</summary>
internal enum BadStatePolicy
{
    /// <summary>Stop with an error (the default): the operator decides.</summary>
    Fail,

    /// <summary>Set the file aside as FILE.rejected and start from the zero state.</summary>
    Fresh,
}

/// <summary>
/// The options: those both edge samples take (<see cref="EdgeOptions"/>), and the bad-input and bad-state policies, the
/// gateway's sensors, --report-memory and --bench.
/// </summary>
internal sealed class ProgramOptions : EdgeOptions
{
    public const string Usage = """
        StreamingForecaster: forecasts the next 24 hours of temperature from a stream of sensor readings.

        Reads one observation per line — temperature,humidity,power as CSV numbers (invariant culture) — from standard
        input as the lines arrive, and after each one writes the forecast to standard output as a CSV line,
        step,temperature+1,...,temperature+24, flushed at once. Bad lines are reported on standard error with their
        line number and never reach the model's state.

        Usage: StreamingForecaster [options] < observations.csv

          --input FILE            read the observations from a CSV file instead of standard input; its first line is a
                                  header, and the model's columns are picked by name (others, like a date, are read past)
          --header                standard input starts with such a header line too
          --every N               write a forecast after every N-th observation (default 1)
          --on-bad-input POLICY   skip: report a bad line and go on (default); fail: report it and stop (exit code 2)
          --state FILE            restore the model's state from FILE at start (if it exists), save it there every
                                  --save-every observations and at exit, atomically; one process per file
          --save-every N          observations between saves (default 1: a kill loses nothing; each save waits for
                                  the disk, so raise it for fast replays)
          --on-bad-state POLICY   a state file that is damaged or from another model: fail (default, exit code 3), or
                                  fresh: rename it to FILE.rejected and start from the zero state
          --sensors N             a gateway: N sensors of this kind (1 to 1024, default 1), one state each, stepped
                                  together. Each line holds every sensor's temperature,humidity,power in turn (a
                                  header names them NAME@k, k from 1); after it each sensor gets its forecast line,
                                  step,sensor,temperature+1,...; a bad value skips the whole line; --state saves all
                                  the states together in one file
          --warmup FILE           run the history in FILE (a CSV file with a header) through the model before
                                  streaming, instead of starting from zeros; skipped when --state restored a state
          --intervals [LEVELS]    also write the prediction intervals stored in the model's weights: after the
                                  forecast, for each level in increasing order, temperature_lower_L+1,...,+24 and then
                                  temperature_upper_L+1,...,+24, in °C. Without LEVELS: every level the model holds;
                                  LEVELS in percent, e.g. 80,95, picks some (a level the model lacks is an error, as
                                  is a model without intervals)
          --report-memory         print the peak resident memory to standard error at exit
          --info                  print the model, JIT or NativeAOT, and the vector width and instruction sets the
                                  kernel runs with, then exit
          --bench N               time N model steps and N forecasts on this machine, then exit
          --help                  print this text

        Exit codes: 0 done, 1 bad command line or input file, 2 bad line with --on-bad-input fail, 3 state file refused,
        4 I/O error.
        """;

    public BadInputPolicy OnBadInput { get; private set; } = BadInputPolicy.Skip;

    public BadStatePolicy OnBadState { get; private set; } = BadStatePolicy.Fail;

    /// <summary>The most sensors a gateway run takes: far more than one gateway polls, and its state file stays a few MB.</summary>
    public const int MaxSensors = 1024;

    /// <summary>Sensors per line (<c>--sensors</c>); 1 is the plain program.</summary>
    public int Sensors { get; private set; } = 1;

    public bool ReportMemory { get; private set; }

    public long BenchSteps { get; private set; }

    /// <exception cref="UsageException">An unknown option, a missing or invalid value, or options that do not go together.</exception>
    public static ProgramOptions Parse(string[] args) => Parse(new ProgramOptions(), args);

    protected override bool TryParseOwn(string name, OptionArguments arguments)
    {
        switch (name)
        {
            case "--on-bad-input": OnBadInput = Policy(name, arguments.Value(), BadInputPolicy.Skip, "skip", BadInputPolicy.Fail, "fail"); return true;
            case "--on-bad-state": OnBadState = Policy(name, arguments.Value(), BadStatePolicy.Fail, "fail", BadStatePolicy.Fresh, "fresh"); return true;
            case "--sensors": Sensors = (int)Count(name, arguments.Value(), MaxSensors); return true;
            case "--report-memory": ReportMemory = true; return true;
            case "--bench": BenchSteps = Count(name, arguments.Value(), long.MaxValue); return true;
            default: return false;
        }
    }

    private static T Policy<T>(string option, string text, T first, string firstName, T second, string secondName) =>
        text == firstName ? first
        : text == secondName ? second
        : throw new UsageException($"{option} is {firstName} or {secondName}, not '{text}'.");
}
