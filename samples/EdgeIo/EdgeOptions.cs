using System;
using static GruNative.Samples.EdgeIo.CommandLine;

namespace GruNative.Samples.EdgeIo;

/// <summary>
/// The options both edge samples take — where the observations come from, how often to forecast, the state file, the
/// warm-up, the intervals, --info and --help — parsed by hand: a dozen flags need no library, and the binaries stay
/// small and free of reflection. A sample's options derive from this and parse their own in <see cref="TryParseOwn"/>.
/// </summary>
public abstract class EdgeOptions
{
    public string? InputPath { get; private set; }

    public bool StdinHeader { get; private set; }

    public int Every { get; private set; } = 1;

    public string? StatePath { get; private set; }

    public int SaveEvery { get; private set; } = 1;

    public string? WarmupPath { get; private set; }

    /// <summary>
    /// The prediction-interval levels to write, as fractions in increasing order: null without <c>--intervals</c>, empty
    /// for every level the model holds.
    /// </summary>
    public double[]? IntervalLevels { get; private set; }

    public bool Info { get; private set; }

    public bool Help { get; private set; }

    /// <summary>
    /// Parses <paramref name="args"/> into <paramref name="options"/>, in order: the shared options here, any other
    /// through <see cref="TryParseOwn"/>; then checks the options that must go together. Returns <paramref name="options"/>.
    /// </summary>
    /// <exception cref="UsageException">An unknown option, a missing or invalid value, or options that do not go together.</exception>
    protected static TOptions Parse<TOptions>(TOptions options, string[] args)
        where TOptions : EdgeOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ParseArguments(args);
        return options;
    }

    private void ParseArguments(string[] args)
    {
        var arguments = new OptionArguments(args);
        bool saveEveryGiven = false;
        while (arguments.MoveNext())
        {
            string option = arguments.Option;
            switch (option)
            {
                case "--input": InputPath = arguments.Value(); break;
                case "--header": StdinHeader = true; break;
                case "--every": Every = (int)Count(option, arguments.Value(), int.MaxValue); break;
                case "--intervals": IntervalLevels = arguments.OptionalValue() is string levels ? Levels(option, levels) : []; break;
                case "--state": StatePath = arguments.Value(); break;
                case "--save-every": SaveEvery = (int)Count(option, arguments.Value(), int.MaxValue); saveEveryGiven = true; break;
                case "--warmup": WarmupPath = arguments.Value(); break;
                case "--info": Info = true; break;
                case "--help" or "-h" or "-?": Help = true; break;
                default:
                    if (!TryParseOwn(option, arguments))
                        throw new UsageException($"Unknown option '{option}'.");
                    break;
            }
        }
        if (saveEveryGiven && StatePath is null)
            throw new UsageException("--save-every needs --state FILE.");
        if (StdinHeader && InputPath is not null)
            throw new UsageException("--header is for standard input; an --input file always starts with a header.");
    }

    /// <summary>
    /// Parses the option named <paramref name="name"/>, one of the sample's own, taking its value from
    /// <paramref name="arguments"/>; false when the sample does not know it either.
    /// </summary>
    /// <exception cref="UsageException">A missing or invalid value.</exception>
    protected abstract bool TryParseOwn(string name, OptionArguments arguments);
}
