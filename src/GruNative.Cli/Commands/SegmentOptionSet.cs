using System;
using System.CommandLine;
using GruNative.Training.Segments;

namespace GruNative.Cli.Commands;

/// <summary>
/// The options of the segment-recurrent architecture (<c>--architecture SegRnn</c>): segment length, decoding, channel
/// ids and the loss. Given with another architecture they are an error, not silently ignored.
/// </summary>
internal sealed class SegmentOptionSet
{
    public Option<int> SegmentLength { get; } = new("--segment-length") { Description = "SegRnn: steps per segment (w); the lookback and horizon must be multiples of it.", DefaultValueFactory = _ => 24 };
    public Option<SegmentDecoding> Decoding { get; } = new("--decoding") { Description = "SegRnn: Parallel (PMF: every future segment one step from the encoder's state with a learned position embedding; the default) or Recurrent (RMF: each predicted segment fed back).", DefaultValueFactory = _ => SegmentDecoding.Parallel };
    public Option<bool> ChannelIds { get; } = new("--channel-ids") { Description = "SegRnn with Parallel decoding: a learned embedding per column beside the position embedding (d/2 values each; the hidden size must be even)." };
    public Option<string> Loss { get; } = new("--loss") { Description = "SegRnn: the training loss, mae (the default, as SegRNN's author recommends), mse or huber.", DefaultValueFactory = _ => "mae" };
    public Option<double> HuberDelta { get; } = new("--huber-delta") { Description = "SegRnn with --loss huber: δ, where the loss turns from squared to absolute.", DefaultValueFactory = _ => 1.0 };

    private Option[] All => [SegmentLength, Decoding, ChannelIds, Loss, HuberDelta];

    public void AddTo(Command command)
    {
        foreach (var option in All)
            command.Options.Add(option);
    }

    /// <summary>Throws when a segment option was given for an architecture that has none.</summary>
    public void RefuseWithout(ParseResult result, ModelArchitecture architecture)
    {
        foreach (var option in All)
        {
            if (result.GetResult(option) is { Implicit: false })
                throw new ArgumentException($"{option.Name} applies to --architecture SegRnn only (the architecture is {architecture}).");
        }
    }

    /// <summary>The loss of <c>--loss</c>.</summary>
    /// <exception cref="ArgumentException">Not mae, mse or huber.</exception>
    public ForecastLoss ReadLoss(ParseResult result) => result.GetValue(Loss)!.Trim().ToLowerInvariant() switch
    {
        "mae" or "l1" => ForecastLoss.AbsoluteError,
        "mse" or "l2" => ForecastLoss.SquaredError,
        "huber" => ForecastLoss.Huber,
        var other => throw new ArgumentException($"--loss: '{other}' is not mae, mse or huber."),
    };

    /// <summary>Whether <paramref name="option"/> was given on the command line (not defaulted).</summary>
    public static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };
}
