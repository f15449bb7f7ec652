using System;
using System.Collections.Generic;
using System.CommandLine;
using GruNative.Training.Data;
using GruNative.Training.Network;
using GruNative.Training.Segments;

namespace GruNative.Cli.Commands;

/// <summary>
/// The options of the segment-recurrent architecture (<c>--architecture SegRnn</c>): segment length, decoding and channel
/// ids, given with another architecture an error, not silently ignored; and its reading of the shared loss options
/// (<see cref="LossOptionSet"/>), MAE by default.
/// </summary>
internal sealed class SegmentOptionSet
{
    public Option<int> SegmentLength { get; } = new("--segment-length") { Description = "SegRnn: steps per segment (w); the lookback and horizon must be multiples of it.", DefaultValueFactory = _ => 24 };
    public Option<SegmentDecoding> Decoding { get; } = new("--decoding") { Description = "SegRnn: Parallel (PMF: every future segment one step from the encoder's state with a learned position embedding; the default) or Recurrent (RMF: each predicted segment fed back).", DefaultValueFactory = _ => SegmentDecoding.Parallel };
    public Option<bool> ChannelIds { get; } = new("--channel-ids") { Description = "SegRnn with Parallel decoding: a learned embedding per column beside the position embedding (d/2 values each; the hidden size must be even)." };

    private readonly LossOptionSet _loss;

    /// <summary>The segment options; the loss options are <paramref name="loss"/>'s, shared with the plain architecture.</summary>
    public SegmentOptionSet(LossOptionSet loss) => _loss = loss;

    private Option[] All => [SegmentLength, Decoding, ChannelIds];

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

    /// <summary>The loss of <c>--loss</c>, MAE when absent (SegRNN's author recommends it).</summary>
    /// <exception cref="ArgumentException">An unknown loss, or a parameter the loss does not read.</exception>
    public LossChoice ReadLoss(ParseResult result) => _loss.Read(result, ForecastLoss.AbsoluteError);

    /// <summary>SegRNN's batch of windows, the default when <c>--batch-size</c> is not given: its batched products want rows.</summary>
    public const int DefaultBatchSize = 256;

    /// <summary>The segment model of cell <paramref name="cell"/> and width <paramref name="hidden"/> these options describe for <paramref name="task"/> (channel ids: its K columns).</summary>
    /// <exception cref="ArgumentException">The sizes do not make a segment model; the message names the options.</exception>
    public SegmentModelSpec Shape(ParseResult result, ForecastTask task, CellKind cell, int hidden)
    {
        bool channelIds = result.GetValue(ChannelIds);
        int segmentLength = result.GetValue(SegmentLength);
        var decoding = result.GetValue(Decoding);
        try
        {
            return new SegmentModelSpec(cell, task.Lookback, task.Horizon, segmentLength, hidden, decoding, channelIds ? task.TargetCount : 0);
        }
        catch (ArgumentException e)
        {
            // Name the options: the shape's own message speaks of lookback, horizon and segment length.
            throw new ArgumentException($"--architecture SegRnn with --lookback {task.Lookback} --horizon {task.Horizon} --segment-length {segmentLength} --hidden {hidden} --decoding {decoding}{(channelIds ? " --channel-ids" : "")}: {e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)}", e);
        }
    }

    /// <summary>
    /// The segment trainer's options: the shared optimisation options (a batch of <see cref="DefaultBatchSize"/> unless
    /// <c>--batch-size</c> is given), <c>--dropout</c> as the dropout before the head, and the loss.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public SegmentTrainingOptions TrainingOptions(ParseResult result, TrainingOptionSet training)
    {
        var optimization = training.Read(result);
        var loss = ReadLoss(result);
        var options = new SegmentTrainingOptions
        {
            // The stacked-layer dropout of the plain model is the segment model's dropout before its head.
            Optimization = optimization with
            {
                BatchSize = Given(result, training.BatchSize) ? optimization.BatchSize : DefaultBatchSize,
                Dropout = 0,
                ShardSize = 64,
            },
            Dropout = optimization.Dropout,
            Loss = loss.Loss,
            HuberDelta = loss.HuberDelta,
            Quantile = loss.Quantile,
        };
        return options.FindProblem() is string problem ? throw new ArgumentException(problem) : options;
    }

    /// <summary>The options as <c>compare</c>'s sweep manifest records them, so a resumed sweep trains segment runs the same way.</summary>
    public IEnumerable<KeyValuePair<string, string>> Fingerprint(ParseResult result) =>
    [
        new("segment_length", result.GetValue(SegmentLength).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("decoding", result.GetValue(Decoding).ToString()),
        new("channel_ids", result.GetValue(ChannelIds) ? "true" : "false"),
        new("loss", ReadLoss(result).Loss.ToString()),
        new("huber_delta", ReadLoss(result).HuberDelta.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>Whether <paramref name="option"/> was given on the command line (not defaulted).</summary>
    public static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };
}
