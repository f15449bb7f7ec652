using GruNative.Samples.EdgeIo;
using static GruNative.Samples.EdgeIo.CommandLine;

namespace SegmentForecaster;

/// <summary>
/// The options, parsed by hand: a dozen flags need no library, and the binary stays small and free of reflection.
/// </summary>
internal sealed class ProgramOptions
{
    public const string Usage = """
        SegmentForecaster: forecasts the next 96 hours of a transformer's oil temperature (ETTh1's OT) from its hourly
        readings, with a segment-recurrent model (SegRNN) baked into the binary.

        Reads one observation per line from standard input as the lines arrive — a number in the invariant culture, or,
        with a header, a CSV line whose OT column is picked by name — and, once 336 observations have been read, writes
        the forecast after each one as a CSV line step,OT+1,...,OT+96 (°C), flushed at once. The first bad line stops
        the program with a message naming it (exit code 2); it never reaches the history.

        Usage: SegmentForecaster [options] < observations

          --input FILE            read the observations from a CSV file instead of standard input; its first line is a
                                  header naming the columns, and OT is picked by name (others, like a date, are read past)
          --header                standard input starts with such a header line too
          --every N               write a forecast after every N-th observation (default 1)
          --intervals [LEVELS]    also write the prediction intervals stored in the weights: after the forecast, for each
                                  level in increasing order, OT_lower_L+1,...,+96 then OT_upper_L+1,...,+96. Without
                                  LEVELS: every level the model holds (80, 95); LEVELS in percent, e.g. 80, picks some
          --state FILE            restore the history from FILE at start (if it exists), save it there every
                                  --save-every observations and at exit, atomically; one process per file
          --save-every N          observations between saves (default 1: a kill loses nothing)
          --warmup FILE           fill the history from FILE (a CSV file with a header) before reading the input, without
                                  writing forecasts; skipped when --state restored a history
          --info                  print the model, JIT or NativeAOT, and the vector path the kernel runs, then exit
          --bench N               time N forecasts and N pushes on this machine, then exit
          --help                  print this text

        Exit codes: 0 done, 1 bad command line or input file, 2 bad observation, 3 state file refused, 4 I/O error.
        """;

    public string? InputPath { get; private set; }

    public bool StdinHeader { get; private set; }

    public int Every { get; private set; } = 1;

    /// <summary>The interval levels to write, as fractions in increasing order: null without <c>--intervals</c>, empty for all.</summary>
    public double[]? IntervalLevels { get; private set; }

    public string? StatePath { get; private set; }

    public int SaveEvery { get; private set; } = 1;

    public string? WarmupPath { get; private set; }

    public bool Info { get; private set; }

    public long BenchCount { get; private set; }

    public bool Help { get; private set; }

    /// <exception cref="UsageException">An unknown option, a missing or invalid value, or options that do not go together.</exception>
    public static ProgramOptions Parse(string[] args)
    {
        var options = new ProgramOptions();
        bool saveEveryGiven = false;
        for (int i = 0; i < args.Length; i++)
        {
            string option = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{option} needs a value.");
            string? OptionalValue() => i + 1 < args.Length && !args[i + 1].StartsWith('-') ? args[++i] : null;
            switch (option)
            {
                case "--input": options.InputPath = Value(); break;
                case "--header": options.StdinHeader = true; break;
                case "--every": options.Every = (int)Count(option, Value(), int.MaxValue); break;
                case "--intervals": options.IntervalLevels = OptionalValue() is string levels ? Levels(option, levels) : []; break;
                case "--state": options.StatePath = Value(); break;
                case "--save-every": options.SaveEvery = (int)Count(option, Value(), int.MaxValue); saveEveryGiven = true; break;
                case "--warmup": options.WarmupPath = Value(); break;
                case "--info": options.Info = true; break;
                case "--bench": options.BenchCount = Count(option, Value(), long.MaxValue); break;
                case "--help" or "-h" or "-?": options.Help = true; break;
                default: throw new UsageException($"Unknown option '{option}'.");
            }
        }
        if (saveEveryGiven && options.StatePath is null)
            throw new UsageException("--save-every needs --state FILE.");
        if (options.StdinHeader && options.InputPath is not null)
            throw new UsageException("--header is for standard input; an --input file always starts with a header.");
        return options;
    }
}
