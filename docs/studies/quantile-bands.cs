#:project ../../src/GruNative.Training/GruNative.Training.csproj
// Quantile models against conformal bands: the measurement behind docs/accuracy.md's "Quantile models" section.
//
//   dotnet run docs/studies/quantile-bands.cs -- --data ../shared/data/ETTh1.csv --split ett \
//       --point s96/model.safetensors --quantiles 0.025=q0.025/model.safetensors,0.1=q0.1/model.safetensors,0.9=q0.9/model.safetensors,0.975=q0.975/model.safetensors
//
// The point model and the four quantile models (grunative train --loss pinball --quantile τ) must read the same columns,
// lookback and horizon. A channel-independent plain model (one file per column) is named by a quoted pattern:
// 'm96/model.*.safetensors'. The 80 % band is [q0.1, q0.9], the 95 % band [q0.025, q0.975]. Every band below is a
// (lower, upper) pair per window and output, on the standardised scale; the point model's band is (ŷ, ŷ), so one code
// path scores split conformal bands and conformalised quantile bands alike:
//
//   raw       the quantile models' own band, uncalibrated
//   fixed     conformalised on every validation window (Romano, Patterson and Candès 2019, "Conformalized quantile
//             regression"): per output j, E = max(lower − y, y − upper) and Q_j = the ⌈(n + 1)·level⌉-th smallest E,
//             band [lower − Q_j, upper + Q_j]. With lower = upper = ŷ, E = |y − ŷ|: the trainer's split conformal bands.
//   tracked   fixed, then Q_j tracked online as the runtime's IntervalTracker tracks its offsets: when a value arrives,
//             Q ← Q + η (1[outside] − (1 − level)), η = γ · (the calibrated 95 % band's mean half-width at j); γ chosen
//             on validation windows only, as --interval-tracking auto chooses it (calibrate on the earlier half, replay
//             the later half from its first window, lowest mean coverage error, within a point the lowest Winkler score).
//             For the point model this is the trainer's tracker (offsets kept ≥ 0 and nested across levels), so its rows
//             can be checked against `grunative evaluate --interval-tracking auto`; the quantile bands' offsets are
//             tracked per level, never below minus the band's half-width.
//
// Scores are those of ModelEvaluation: coverage (share of actual values inside), mean width, and the Winkler score
// width + 2/α × miss, α = 1 − level, all on the standardised scale.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using GruNative;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Segments;

var invariant = CultureInfo.InvariantCulture;
var options = Options.Parse(args);
double[] levels = [0.8, 0.95];
double[][] taus = [[0.1, 0.9], [0.025, 0.975]];
double?[] rates = [null, 0.002, 0.005, 0.01, 0.02, 0.05];

var table = CsvTableReader.Read(options.Data, new CsvReadOptions { DateColumn = options.DateColumn });
var point = Model.Read(options.Point, table);
var quantileModels = options.Quantiles.ToDictionary(q => q.Key, q => Model.Read(q.Value, table));
foreach (double tau in taus.SelectMany(t => t))
{
    if (!quantileModels.ContainsKey(tau))
        throw new ArgumentException($"--quantiles needs a model for τ = {tau.ToString(invariant)}.");
}

var task = new ForecastTask(point.Inputs.Select(c => c.Name).ToArray(), point.Targets.Select(c => c.Name).ToArray(), point.Lookback, point.Horizon);
var data = WindowedDataset.Create(table, task, SplitPlan.Parse(options.Split), point.Normalization,
    point.Inputs.Concat(point.Targets).DistinctBy(c => c.Name).ToArray(), point.Season);
Console.WriteLine(data);
foreach (var (tau, model) in quantileModels)
{
    // Every forecast is taken back to the data's units with the point model's preprocessing: the quantile models must
    // share it (the same columns, scalers, window normalisation, lookback and horizon: trained on the same data).
    if (!model.Inputs.SequenceEqual(point.Inputs) || !model.Targets.SequenceEqual(point.Targets) || model.Lookback != point.Lookback
        || model.Horizon != point.Horizon || model.Normalization != point.Normalization || model.Season != point.Season)
        throw new ArgumentException($"The τ = {tau.ToString(invariant)} model does not read and forecast as the point model does (columns, scalers, window normalisation, lookback or horizon differ).");
}

// Every window's forecasts of the validation and test splits, on the standardised scale, with the actual values.
var validation = Forecasts.Of(data, DatasetSplit.Validation, point, quantileModels);
var test = Forecasts.Of(data, DatasetSplit.Test, point, quantileModels);
int windows = validation.Actual.Length;
// As --interval-tracking auto: with fewer than 19 windows in either part (the 95 % level's minimum) there is no check and
// the bands stay fixed.
var check = IntervalCheckSplit.Of(windows, task.Horizon);
int needed = levels.Max(IntervalCalibration.MinimumResiduals);
if (check is not null && (check.CalibrationWindows < needed || check.CheckWindows < needed))
    check = null;
Console.WriteLine(check is null
    ? $"validation {windows} windows (no rate check: too few for two parts of {needed}); test {test.Actual.Length} windows"
    : $"validation {windows} windows (rate check: calibrate on 0–{check.CalibrationWindows - 1}, replay {check.CheckStart}–{check.CheckEnd - 1}); test {test.Actual.Length} windows");

Console.WriteLine();
Console.WriteLine("| band | method | γ | validation check: coverage error (points) / Winkler | test 80 %: coverage / width / Winkler | test 95 %: coverage / width / Winkler |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (bool quantileBands in new[] { false, true })
{
    string source = quantileBands ? "quantile models" : "point ± conformal";
    Bands[] Of(Forecasts f) => quantileBands
        ? taus.Select(pair => new Bands(f.Quantiles[pair[0]], f.Quantiles[pair[1]])).ToArray()
        : levels.Select(_ => new Bands(f.Point, f.Point)).ToArray();
    // The point model's offsets are kept nested across levels, as IntervalTracker keeps them; the quantile models' bands
    // differ per level, so their offsets are not comparable and are tracked apart.
    bool nested = !quantileBands;

    if (quantileBands)
        Row(source, "raw", "–", "–", Score(Of(test), test.Actual, levels, offsets: null, rate: null, scale: null, nested, task.TargetCount));

    // The rate check, on validation windows only.
    var checks = new List<(double CoverageError, double MeanWinkler)>();
    if (check is not null)
    {
        var earlier = Of(validation).Select(b => b.Take(0, check.CalibrationWindows)).ToArray();
        var later = Of(validation).Select(b => b.Take(check.CheckStart, check.CheckWindows)).ToArray();
        var earlierActual = validation.Actual[..check.CalibrationWindows];
        var earlyOffsets = levels.Select((level, i) => Calibrate(earlier[i], earlierActual, level)).ToArray();
        var earlyScale = HalfWidths(earlyOffsets[^1], earlier[^1]);
        foreach (double? rate in rates)
        {
            var scores = Score(later, validation.Actual[check.CheckStart..check.CheckEnd], levels, earlyOffsets, rate, earlyScale, nested, task.TargetCount);
            checks.Add((scores.Average(s => Math.Abs(s.Coverage - s.Level)), scores.Average(s => s.Winkler)));
        }
    }
    int chosen = check is null ? 0 : Choose(checks);

    // Test: calibrated on every validation window, replayed over the test windows from the first.
    var all = Of(validation);
    var offsets = levels.Select((level, i) => Calibrate(all[i], validation.Actual, level)).ToArray();
    var scale = HalfWidths(offsets[^1], all[^1]);
    foreach (int candidate in check is null ? new[] { 0 } : new[] { 0, chosen })
    {
        string gamma = rates[candidate] is double g ? g.ToString(invariant) : "none";
        string checkText = check is null ? "no check" : $"{100 * checks[candidate].CoverageError:F2} / {checks[candidate].MeanWinkler:F3}";
        Row(source, candidate == 0 ? "fixed" : "tracked", gamma, checkText,
            Score(Of(test), test.Actual, levels, offsets, rates[candidate], scale, nested, task.TargetCount));
    }
    if (check is not null)
        Console.WriteLine($"|  | (rate check, every γ: {string.Join("; ", rates.Select((r, i) => $"{(r is double g ? g.ToString(invariant) : "none")} {100 * checks[i].CoverageError:F2} / {checks[i].MeanWinkler:F3}"))}) | | | | |");
}
return 0;

void Row(string source, string method, string gamma, string checkText, IntervalScore[] scores) =>
    Console.WriteLine(string.Create(invariant,
        $"| {source} | {method} | {gamma} | {checkText} | {string.Join(" | ", scores.Select(s => $"{100 * s.Coverage:F1} / {s.MeanWidth:F3} / {s.Winkler:F3}"))} |"));

// The check's rule (IntervalVariantSelection's): lowest mean coverage error; among candidates within a point of it, the
// lowest mean Winkler score; exact ties keep the earlier candidate.
static int Choose(List<(double CoverageError, double MeanWinkler)> scores)
{
    double best = scores.Min(s => s.CoverageError);
    int chosen = -1;
    for (int i = 0; i < scores.Count; i++)
    {
        if (scores[i].CoverageError <= best + 0.01 && (chosen < 0 || scores[i].MeanWinkler < scores[chosen].MeanWinkler))
            chosen = i;
    }
    return chosen;
}

// Per output j: the ⌈(n + 1)·level⌉-th smallest conformity score max(lower − y, y − upper) over the windows (the largest
// when n is too small for the level), as split conformal calibration ranks |y − ŷ|.
static double[] Calibrate(Bands bands, double[][] actual, double level)
{
    int n = actual.Length, outputs = actual[0].Length;
    int rank = Math.Min(n, (int)Math.Ceiling((n + 1) * level - 1e-9));
    var offsets = new double[outputs];
    var scores = new double[n];
    for (int j = 0; j < outputs; j++)
    {
        for (int w = 0; w < n; w++)
            scores[w] = Math.Max(bands.Lower[w][j] - actual[w][j], actual[w][j] - bands.Upper[w][j]);
        Array.Sort(scores);
        offsets[j] = scores[rank - 1];
    }
    return offsets;
}

// Per output j: the mean half-width of the calibrated band — for the point model, the offset itself.
static double[] HalfWidths(double[] offsets, Bands bands)
{
    var half = new double[offsets.Length];
    for (int j = 0; j < half.Length; j++)
        half[j] = offsets[j] + bands.Upper.Select((upper, w) => (upper[j] - bands.Lower[w][j]) / 2).Average();
    return half;
}

// Scores each level's bands over consecutive windows, widened by its offsets (none: as they are). With a rate, each
// output's offset is tracked from its calibrated value as the runtime's IntervalTracker tracks it: window w's forecast
// for output j (step s = j / K of target j % K) targets the row after w's last input + s, so its value is known when
// window w + s + 1 is issued; before issuing window w, each output compares the conformity score of window w − 1 − s
// with its current offset and moves the offset; nested, each level's offset is then raised to the level below's. An offset never goes below minus the
// band's smallest half-width at j (for the point model: never below 0).
static IntervalScore[] Score(Bands[] bands, double[][] actual, double[] levels, double[][]? offsets, double? rate, double[]? scale, bool nested, int targets)
{
    int n = actual.Length, outputs = actual[0].Length;
    var q = levels.Select((_, l) => offsets is null ? new double[outputs] : (double[])offsets[l].Clone()).ToArray();
    var floor = bands.Select(b => Enumerable.Range(0, outputs)
        .Select(j => -Enumerable.Range(0, n).Min(w => Math.Abs(b.Upper[w][j] - b.Lower[w][j]) / 2)).ToArray()).ToArray();
    var covered = new double[levels.Length];
    var width = new double[levels.Length];
    var winkler = new double[levels.Length];
    for (int w = 0; w < n; w++)
    {
        if (rate is double gamma)
        {
            for (int j = 0; j < outputs; j++)
            {
                int resolved = w - 1 - j / targets;   // output j is step j / K of target j % K
                if (resolved < 0)
                    continue;
                for (int l = 0; l < levels.Length; l++)
                {
                    var b = bands[l];
                    double score = Math.Max(Math.Min(b.Lower[resolved][j], b.Upper[resolved][j]) - actual[resolved][j],
                        actual[resolved][j] - Math.Max(b.Lower[resolved][j], b.Upper[resolved][j]));
                    q[l][j] = Math.Max(floor[l][j], q[l][j] + gamma * scale![j] * ((score > q[l][j] ? 1 : 0) - (1 - levels[l])));
                    if (nested && l > 0)
                        q[l][j] = Math.Max(q[l][j], q[l - 1][j]);
                }
            }
        }
        for (int l = 0; l < levels.Length; l++)
        {
            double alpha = 1 - levels[l];
            for (int j = 0; j < outputs; j++)
            {
                double lower = Math.Min(bands[l].Lower[w][j], bands[l].Upper[w][j]) - q[l][j];
                double upper = Math.Max(bands[l].Lower[w][j], bands[l].Upper[w][j]) + q[l][j];
                double y = actual[w][j];
                double miss = y < lower ? lower - y : y > upper ? y - upper : 0;
                covered[l] += miss == 0 ? 1 : 0;
                width[l] += upper - lower;
                winkler[l] += upper - lower + 2 / alpha * miss;
            }
        }
    }
    double count = (double)n * outputs;
    return levels.Select((level, l) => new IntervalScore(level, covered[l] / count, width[l] / count, winkler[l] / count)).ToArray();
}

/// <summary>Lower and upper forecasts per window (outer) and output (inner), on the standardised scale.</summary>
sealed record Bands(double[][] Lower, double[][] Upper)
{
    public Bands Take(int first, int count) => new(Lower[first..(first + count)], Upper[first..(first + count)]);
}

/// <summary>A split's forecasts by the point model and each quantile model, with the actual values.</summary>
sealed record Forecasts(double[][] Point, Dictionary<double, double[][]> Quantiles, double[][] Actual)
{
    public static Forecasts Of(WindowedDataset data, DatasetSplit split, Model point, Dictionary<double, Model> quantiles)
    {
        int count = data.WindowCount(split);
        double[][] actual = new double[count][];
        double[][] Run(Model model)
        {
            var forecaster = model.Forecaster(data);
            var result = new double[count][];
            for (int w = 0; w < count; w++)
            {
                var (forecast, observed) = ModelEvaluation.ForecastWindow(forecaster, data, split, w);
                int k = data.Task.TargetCount;
                result[w] = forecast.Select((v, j) => data.ScoringScalers[j % k].Standardize(v)).ToArray();
                actual[w] ??= observed.Select((v, j) => data.ScoringScalers[j % k].Standardize(v)).ToArray();
            }
            return result;
        }
        var pointForecasts = Run(point);
        return new Forecasts(pointForecasts, quantiles.ToDictionary(q => q.Key, q => Run(q.Value)), actual);
    }
}

/// <summary>
/// A trained model of either family, as the trainer wrote it: its weights and what it reads and forecasts. A path with
/// a '*' names the files a channel-independent plain model wrote (`--mode M --channel-independent`: model.COLUMN.safetensors,
/// the same weights with each column's scaler): they are read as one model of every such column, in the data's order.
/// </summary>
sealed record Model(ModelWeights? Plain, SegmentModelWeights? Segment, IReadOnlyList<ColumnScaler> Inputs, IReadOnlyList<ColumnScaler> Targets,
    int Lookback, int Horizon, WindowNormalization Normalization, int? Season)
{
    public static Model Read(string path, TimeSeriesTable table)
    {
        if (!path.Contains('*'))
            return Of(path);
        string folder = Path.GetDirectoryName(path) is { Length: > 0 } d ? d : ".";
        var models = Directory.GetFiles(folder, Path.GetFileName(path)).Select(Of)
            .OrderBy(m => table.GetColumnIndex(m.Targets.Single().Name)).ToList();
        if (models.Count == 0)
            throw new ArgumentException($"{path}: no file matches.");
        var first = models[0];
        var weights = GruNative.Training.Network.NetworkParameters<float>.FromWeights(first.Plain ?? throw new ArgumentException($"{path}: only plain models come one file per column.")).Values;
        foreach (var model in models)
        {
            if (model.Plain is null || model.Inputs.Count != 1 || model.Inputs[0].Name != model.Targets[0].Name
                || !GruNative.Training.Network.NetworkParameters<float>.FromWeights(model.Plain).Values.SequenceEqual(weights)
                || model.Lookback != first.Lookback || model.Horizon != first.Horizon || model.Normalization != first.Normalization || model.Season != first.Season)
                throw new ArgumentException($"{path}: the files are not one channel-independent model (univariate, the same weights, lookback, horizon and window normalisation).");
        }
        var scalers = models.Select(m => m.Targets[0]).ToArray();
        return first with { Inputs = scalers, Targets = scalers };
    }

    private static Model Of(string path)
    {
        ModelWeights? plain = null;
        SegmentModelWeights? segment = null;
        try
        {
            plain = SafeTensorsWeights.Read(path);
        }
        catch (WeightsFormatException e) when (e.TensorName == WeightsMetadata.Architecture)
        {
            segment = SafeTensorsSegmentWeights.Read(path);
        }
        var p = (plain?.Preprocessing ?? segment!.Preprocessing)
            ?? throw new ArgumentException($"{path}: the model has no GruNative preprocessing metadata; `grunative train` writes it.");
        if (p.Lookback is not int lookback || p.Horizon is not int horizon)
            throw new ArgumentException($"{path}: the model does not say its lookback and horizon.");
        return new Model(plain, segment, p.InputColumns, p.TargetColumns, lookback, horizon, p.WindowNormalization, p.SeasonLength);
    }

    public IWindowForecaster Forecaster(WindowedDataset data) => Plain is not null
        ? new NetworkForecaster(GruNative.Training.Network.NetworkParameters<float>.FromWeights(Plain), data.Task)
        : new SegmentForecaster(Segment!.Spec, new SegmentParameterLayout(Segment.Spec).FromWeights(Segment), data);
}

/// <summary>The command line: --data, --split, --date-column, --point, --quantiles τ=path,….</summary>
sealed record Options(string Data, string Split, string DateColumn, string Point, Dictionary<double, string> Quantiles)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (int i = 0; i + 1 < args.Length; i += 2)
            values[args[i]] = args[i + 1];
        string Get(string name, string? fallback = null) => values.TryGetValue(name, out var v) ? v
            : fallback ?? throw new ArgumentException($"{name} is required.");
        var quantiles = Get("--quantiles").Split(',').Select(part => part.Split('=', 2))
            .ToDictionary(kv => double.Parse(kv[0], CultureInfo.InvariantCulture), kv => kv[1]);
        return new Options(Get("--data"), Get("--split", "ett"), Get("--date-column", "date"), Get("--point"), quantiles);
    }
}
