using GruNative.Samples.EdgeIo;
using static GruNative.Samples.EdgeIo.CommandLine;

namespace SegmentForecaster;

/// <summary>The options: those both edge samples take (<see cref="EdgeOptions"/>), and --bench.</summary>
internal sealed class ProgramOptions : EdgeOptions
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

    public long BenchCount { get; private set; }

    /// <exception cref="UsageException">An unknown option, a missing or invalid value, or options that do not go together.</exception>
    public static ProgramOptions Parse(string[] args) => Parse(new ProgramOptions(), args);

    protected override bool TryParseOwn(string name, OptionArguments arguments)
    {
        switch (name)
        {
            case "--bench": BenchCount = Count(name, arguments.Value(), long.MaxValue); return true;
            default: return false;
        }
    }
}
