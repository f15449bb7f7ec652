using System;
using System.Collections.Generic;
using System.CommandLine;
using GruNative.Training.Fitting;
using GruNative.Training.Optimization;

namespace GruNative.Cli.Commands;

/// <summary>
/// The options that say how to train — shared by <c>train</c> and <c>compare</c>, so a configuration found by a sweep
/// trains the same way on its own. Defaults are <see cref="TrainingOptions"/>'s.
/// </summary>
internal sealed class TrainingOptionSet
{
    private static readonly TrainingOptions Defaults = new();

    public Option<int> Epochs { get; } = new("--epochs") { Description = "Maximum epochs.", DefaultValueFactory = _ => Defaults.Epochs };
    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Windows per optimiser step.", DefaultValueFactory = _ => Defaults.BatchSize };
    public Option<double> LearningRate { get; } = new("--lr") { Description = "Peak learning rate (AdamW).", DefaultValueFactory = _ => Defaults.LearningRate };
    public Option<double> WeightDecay { get; } = new("--weight-decay") { Description = "Decoupled weight decay of AdamW (0 = Adam).", DefaultValueFactory = _ => Defaults.WeightDecay };
    public Option<double> Clip { get; } = new("--clip") { Description = "Maximum global gradient norm.", DefaultValueFactory = _ => Defaults.ClipNorm };
    public Option<ScheduleKind> Schedule { get; } = new("--schedule") { Description = "Learning-rate schedule: Constant, Cosine or Plateau.", DefaultValueFactory = _ => Defaults.Schedule };
    public Option<int> Warmup { get; } = new("--warmup") { Description = "Epochs of linear learning-rate warm-up.", DefaultValueFactory = _ => Defaults.WarmupEpochs };
    public Option<int> Patience { get; } = new("--patience") { Description = "Early stopping: epochs without a better validation MSE.", DefaultValueFactory = _ => Defaults.Patience };
    public Option<double> Dropout { get; } = new("--dropout") { Description = "Dropout between stacked layers while training, in [0, 1) (no effect with one layer).", DefaultValueFactory = _ => Defaults.Dropout };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the initial weights and batch order; equal seeds give bit-identical weights.", DefaultValueFactory = _ => Defaults.Seed };
    public Option<bool> Refit { get; } = new("--refit") { Description = "After early stopping picks the best epoch E on the validation rows, train the model again from the same seed on the training and validation rows together for exactly E epochs and keep that model (its validation scores are then in-sample). For short series, where the most recent rows matter most." };
    public Option<string> Intervals { get; } = new("--intervals") { Description = "Prediction intervals to calibrate on the validation windows (split conformal, per horizon step and target) and store in the weights file: levels in percent, e.g. 80,95 (the default), or none.", DefaultValueFactory = _ => "80,95" };
    public Option<string> IntervalScaleSteps { get; } = new("--interval-scale-steps")
    {
        Description = "Fixed or scale-adaptive prediction intervals. none: fixed bands (the default). K: scale-adaptive — each window's band is its "
            + "offsets times the mean absolute change of the target over the window's last K steps, so a device needs the window's recent observations "
            + "to draw it. auto: calibrate fixed and adaptive (K = the season, K = the horizon) on the earlier half of the validation windows, "
            + "keep the one whose coverage on the later half comes nearest the levels (then the narrower by Winkler score), and calibrate it on all of them.",
        DefaultValueFactory = _ => IntervalVariantRequest.FixedValue,
    };
    public Option<string> IntervalTracking { get; } = new("--interval-tracking")
    {
        Description = IntervalTrackingRequest.Description(evaluate: false),
        DefaultValueFactory = _ => IntervalTrackingRequest.AutoValue,
    };
    public Option<int> Threads { get; } = new("--threads") { Description = "Worker threads (does not change the result).", DefaultValueFactory = _ => Defaults.Threads };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Epochs, BatchSize, LearningRate, WeightDecay, Clip, Schedule, Warmup, Patience, Dropout, Seed, Threads, Refit, Intervals, IntervalScaleSteps, IntervalTracking })
            command.Options.Add(option);
    }

    /// <summary>The interval levels of <c>--intervals</c> as fractions (empty for "none").</summary>
    /// <exception cref="ArgumentException">A level is not a number in (0, 100), or the levels repeat.</exception>
    public IReadOnlyList<double> IntervalLevels(ParseResult result)
    {
        string text = result.GetValue(Intervals)!.Trim();
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
            return [];
        var levels = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double percent) || !(percent > 0 && percent < 100))
                throw new ArgumentException($"--intervals: '{part}' is not a level in percent between 0 and 100 (e.g. 80,95), nor 'none'.");
            levels.Add(percent / 100);
        }
        levels.Sort();
        for (int i = 1; i < levels.Count; i++)
        {
            if (levels[i] == levels[i - 1])
                throw new ArgumentException($"--intervals: the level {levels[i] * 100:G} % is given twice.");
        }
        return levels;
    }

    /// <summary>What <c>--interval-scale-steps</c> asks for.</summary>
    /// <exception cref="ArgumentException">Neither auto, none nor a whole number of at least 1.</exception>
    public IntervalVariantRequest IntervalVariant(ParseResult result) => IntervalVariantRequest.Parse(result.GetValue(IntervalScaleSteps));

    /// <summary>What <c>--interval-tracking</c> asks for.</summary>
    /// <exception cref="ArgumentException">Neither none nor a rate in (0, 1].</exception>
    public IntervalTrackingRequest IntervalTrackingOf(ParseResult result) => IntervalTrackingRequest.Parse(result.GetValue(IntervalTracking), allowStored: false);

    /// <summary>The options as given, checked.</summary>
    /// <exception cref="ArgumentException">An option is out of range (the message says which).</exception>
    public TrainingOptions Read(ParseResult result)
    {
        var options = new TrainingOptions
        {
            Epochs = result.GetValue(Epochs), BatchSize = result.GetValue(BatchSize), LearningRate = result.GetValue(LearningRate),
            WeightDecay = result.GetValue(WeightDecay), ClipNorm = result.GetValue(Clip), Schedule = result.GetValue(Schedule),
            WarmupEpochs = result.GetValue(Warmup), Patience = result.GetValue(Patience), Dropout = result.GetValue(Dropout),
            Seed = result.GetValue(Seed), Threads = result.GetValue(Threads),
        };
        if (options.FindProblem() is string problem)
            throw new ArgumentException(problem);
        return options;
    }
}
