using System;
using System.Collections.Generic;
using GruNative.Training.Baselines;
using GruNative.Training.Data;
using GruNative.Training.Metrics;
using GruNative.Training.Network;

namespace GruNative.Training.Fitting;

/// <summary>One forecaster's scores on every split.</summary>
/// <param name="Name">
/// "model", "repeat_last", "seasonal_naive", or a classical baseline: "seasonal_naive_drift", "ets", "theta".
/// </param>
/// <param name="Period">The seasonal period the baseline used (for the seasonal naive and the classical baselines).</param>
/// <param name="Splits">Scores per split (empty for a classical baseline that is not available).</param>
public sealed record ForecasterScores(string Name, int? Period, IReadOnlyDictionary<DatasetSplit, SplitScores> Splits)
{
    /// <summary>For a classical baseline: what was fitted per column, the protocol, or why it is not available.</summary>
    public ClassicalFitSummary? Classical { get; init; }

    /// <summary>For the model with prediction intervals: per split with windows, each level's coverage, width and interval score.</summary>
    public IReadOnlyDictionary<DatasetSplit, IReadOnlyList<IntervalScore>>? Intervals { get; init; }

    /// <summary>False for a classical baseline that could not be fitted (it then has no scores).</summary>
    public bool IsAvailable => Classical?.IsAvailable ?? true;
}

/// <summary>
/// Scores a model and the baselines every forecaster must beat — the last value repeated, the seasonal naive and, unless
/// left out, the classical forecasters (<see cref="ClassicalBaselines"/>: seasonal naive with drift, ETS, Theta) — on
/// every split, by the same windows and the same metrics.
/// </summary>
public static class Scoreboard
{
    private static readonly DatasetSplit[] AllSplits = [DatasetSplit.Train, DatasetSplit.Validation, DatasetSplit.Test];

    /// <summary>
    /// The seasonal period to use: <paramref name="declared"/> if given, else the one detected on the first target's
    /// training rows (up to the lookback, which the seasonal naive needs to look back over); null when there is none.
    /// </summary>
    public static int? Period(WindowedDataset data, int? declared)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (declared is int p)
        {
            if (p < 1 || p > data.Task.Lookback)
                throw new ArgumentOutOfRangeException(nameof(declared), p, $"The seasonal period must lie in [1, lookback = {data.Task.Lookback}].");
            return p;
        }
        int rows = data.Splits.Train.Count, targets = data.Task.TargetCount;
        var column = new double[rows];
        for (int r = 0; r < rows; r++)
            column[r] = data.ScoringTargets[r * targets];
        return SeasonalPeriod.Detect(column, data.Task.Lookback);
    }

    /// <summary>
    /// The model's scores (any trained forecaster, when given; with its <paramref name="intervals"/>' coverage when those are given too) and the baselines', with MASE against the seasonal naive scale; the classical
    /// baselines follow the naive ones when <paramref name="classical"/> is set (they fit models on the training rows:
    /// seconds on long series, so a caller scoring many models of one dataset scores them once).
    /// </summary>
    public static IReadOnlyList<ForecasterScores> Score(WindowedDataset data, IWindowForecaster? model, int? period, bool classical = true,
        PredictionIntervals? intervals = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var scales = MaseScales(data, period);
        var result = new List<ForecasterScores>();
        if (model is not null)
        {
            Dictionary<DatasetSplit, IReadOnlyList<IntervalScore>>? intervalScores = null;
            if (intervals is not null)
            {
                intervalScores = [];
                foreach (var split in AllSplits)
                {
                    if (data.WindowCount(split) > 0)
                        intervalScores[split] = ModelEvaluation.EvaluateIntervals(model, data, split, intervals);
                }
            }
            result.Add(new("model", null, Each(s => ModelEvaluation.Evaluate(model, data, s))) { Intervals = intervalScores });
        }
        result.Add(new("repeat_last", 1, Each(s => NaiveForecast.Evaluate(data, s, 1))));
        if (period is int p && p > 1)
            result.Add(new("seasonal_naive", p, Each(s => NaiveForecast.Evaluate(data, s, p))));
        if (classical)
            result.AddRange(ClassicalBaselines.Score(data, period, scales));
        return result;

        Dictionary<DatasetSplit, SplitScores> Each(Func<DatasetSplit, ForecastErrorAccumulator> errors) => EachSplit(data, scales, errors);
    }

    /// <summary>
    /// The scores of an ensemble — the mean of <paramref name="members"/>' forecasts (see
    /// <see cref="ModelEvaluation.Evaluate(IReadOnlyList{NetworkParameters{float}}, WindowedDataset, DatasetSplit)"/>) —
    /// on every split, named "ensemble", with MASE as <see cref="Score"/> computes it.
    /// </summary>
    public static ForecasterScores ScoreEnsemble(WindowedDataset data, IReadOnlyList<NetworkParameters<float>> members, int? period)
    {
        ArgumentNullException.ThrowIfNull(data);
        return ScoreEnsemble(data, new NetworkForecaster(members, data.Task), period);
    }

    /// <summary>The scores of an ensemble of any family (for example an <see cref="AveragingForecaster"/>), named "ensemble", as <see cref="ScoreEnsemble(WindowedDataset, IReadOnlyList{NetworkParameters{float}}, int?)"/> computes them.</summary>
    public static ForecasterScores ScoreEnsemble(WindowedDataset data, IWindowForecaster ensemble, int? period)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new("ensemble", null, EachSplit(data, MaseScales(data, period), s => ModelEvaluation.Evaluate(ensemble, data, s)));
    }

    /// <summary>Each target's MASE scale, or none when a target's training rows repeat with the period (no naive error to scale by: no MASE then, rather than a failed command).</summary>
    private static double[] MaseScales(WindowedDataset data, int? period)
    {
        var scales = NaiveForecast.MaseScales(data, period ?? 1);
        return Array.Exists(scales, s => !(s > 0)) ? [] : scales;
    }

    private static Dictionary<DatasetSplit, SplitScores> EachSplit(WindowedDataset data, double[] scales, Func<DatasetSplit, ForecastErrorAccumulator> errors)
    {
        var scores = new Dictionary<DatasetSplit, SplitScores>();
        foreach (var split in AllSplits)
            scores[split] = ModelEvaluation.Scores(errors(split), data.ScoringScalers, data.WindowCount(split), scales);
        return scores;
    }
}
