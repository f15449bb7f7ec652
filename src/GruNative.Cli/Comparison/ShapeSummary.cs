using System;
using System.Collections.Generic;
using System.Linq;

namespace GruNative.Cli.Comparison;

/// <summary>A mean over seeds and its spread: the sample standard deviation (n − 1), 0 for a single seed.</summary>
internal readonly record struct MeanSpread(double Mean, double Spread, int Count)
{
    public static MeanSpread Of(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length == 0)
            return new(double.NaN, double.NaN, 0);
        double mean = v.Average();
        double spread = v.Length < 2 ? 0 : Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        return new(mean, spread, v.Length);
    }
}

/// <summary>The inference speed of a shape's generated kernel, as measured on this machine.</summary>
/// <param name="NanosecondsPerStep">Median time of Step + Predict (one observation in, the whole forecast out).</param>
/// <param name="AllocatedBytesPerStep">Managed bytes allocated per step (0 for a healthy kernel).</param>
/// <param name="VectorPath">The SIMD width the kernel ran, e.g. "Vector512".</param>
/// <param name="JitSettled">False when the JIT was still busy after the warm-up's cap: the figure may read high.</param>
internal sealed record KernelSpeed(double NanosecondsPerStep, double AllocatedBytesPerStep, string VectorPath, bool JitSettled);

/// <summary>Every seed of one shape, summarised for the report.</summary>
internal sealed record ShapeSummary(SweepShape Shape, long Parameters, IReadOnlyList<RunRecord> Runs, KernelSpeed? Speed)
{
    /// <summary>Bytes of the weights as float32 — what a device stores or bakes into its binary.</summary>
    public long WeightBytes => Parameters * sizeof(float);

    public MeanSpread TrainingSeconds => MeanSpread.Of(Runs.Select(r => r.TrainingSeconds));
    public MeanSpread BestEpoch => MeanSpread.Of(Runs.Select(r => (double)r.BestEpoch));
    public MeanSpread ValidationMse => MeanSpread.Of(Runs.Select(r => r.Validation.Mse));
    public MeanSpread ValidationMae => MeanSpread.Of(Runs.Select(r => r.Validation.Mae));
    public MeanSpread TestMse => MeanSpread.Of(Runs.Select(r => r.Test.Mse));
    public MeanSpread TestMae => MeanSpread.Of(Runs.Select(r => r.Test.Mae));
    public MeanSpread? TestMase => Runs.All(r => r.Test.Mase is not null) ? MeanSpread.Of(Runs.Select(r => r.Test.Mase!.Value)) : null;

    /// <summary>
    /// The scores of the seeds' ensemble (the mean of their forecasts; a device runs every seed's model, at k× the cost of
    /// one), when the shape has two seeds or more.
    /// </summary>
    public Training.Fitting.ForecasterScores? Ensemble { get; init; }

    /// <summary>The shapes of <paramref name="records"/>, in the grid's order, each with its seeds.</summary>
    public static IReadOnlyList<ShapeSummary> Summarize(IEnumerable<RunRecord> records, IReadOnlyDictionary<SweepShape, KernelSpeed> speeds) =>
        records.GroupBy(r => r.Run.Shape)
            .Select(g => new ShapeSummary(g.Key, g.First().Parameters, g.OrderBy(r => r.Run.Seed).ToList(), speeds.GetValueOrDefault(g.Key)))
            .ToList();
}
