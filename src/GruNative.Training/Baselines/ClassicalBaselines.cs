using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Metrics;

namespace GruNative.Training.Baselines;

/// <summary>
/// The classical forecasters a user would otherwise pick — seasonal naive with drift, automatic ETS and Theta — scored
/// over exactly the windows the model is scored on, on the same scales, each forecast made only from the rows before
/// its origin.
/// </summary>
/// <remarks>
/// <para>Protocol ("fitted once, state-updated, refit never"): ETS (form chosen by AICc, parameters and initial states by
/// maximum likelihood) and Theta (seasonal decision, seasonal indices, α, ℓ₀ and slope) are fitted once per target
/// column on the training rows, in the column's own units. For each window, the fitted model runs its state update over
/// every row before the window's first forecast row — the training rows and, for validation and test windows, the rows
/// of those splits already observed — and forecasts the horizon from there; nothing is refitted. That is what a
/// deployed ETS does, and it is what makes thousands of windows affordable. Seasonal naive with drift fits nothing: it
/// reads all the rows before each origin.</para>
/// <para>Forecasts are standardised with the target's training scaler and compared with the standardised targets, so
/// the MSE/MAE, original-unit MSE/MAE and MASE are those of the model's own scoring.</para>
/// </remarks>
public static class ClassicalBaselines
{
    /// <summary>Key of seasonal naive with drift in scores and metrics.</summary>
    public const string SeasonalNaiveDriftName = "seasonal_naive_drift";

    /// <summary>Key of automatic ETS.</summary>
    public const string EtsName = "ets";

    /// <summary>Key of the Theta method.</summary>
    public const string ThetaName = "theta";

    /// <summary>The protocol of the fitted methods, as the reports state it.</summary>
    public const string FittedProtocol =
        "fitted once per target column on the training rows (form and parameters), then state-updated: each window's forecast runs the fitted model over every row before its origin; never refitted";

    /// <summary>The protocol of seasonal naive with drift.</summary>
    public const string DriftProtocol =
        "nothing fitted: at each origin, the drift is the mean seasonal difference of every row before it";

    private static readonly DatasetSplit[] AllSplits = [DatasetSplit.Train, DatasetSplit.Validation, DatasetSplit.Test];

    /// <summary>
    /// The three classical baselines' scores on every split of <paramref name="data"/>: seasonal naive with drift, ETS,
    /// Theta, in that order. A baseline that cannot be fitted is returned without scores and with the reason.
    /// </summary>
    /// <param name="data">The dataset the model is scored on.</param>
    /// <param name="period">The season (null or 1: none).</param>
    /// <param name="maseScales">Each target's MASE scale (see <see cref="NaiveForecast.MaseScales"/>).</param>
    public static IReadOnlyList<ForecasterScores> Score(WindowedDataset data, int? period, ReadOnlySpan<double> maseScales)
    {
        ArgumentNullException.ThrowIfNull(data);
        var scales = maseScales.ToArray();
        int m = period ?? 1;
        var driftNotes = m > 1 ? Array.Empty<string>() : ["no season given: naive with drift (m = 1)"];
        return
        [
            Evaluate(data, SeasonalNaiveDriftName, m, DriftProtocol, scales, _ =>
                (new SeasonalNaiveDrift(m), [], [], driftNotes, null)),
            Evaluate(data, EtsName, period, FittedProtocol, scales, FitEts(period)),
            Evaluate(data, ThetaName, period, FittedProtocol, scales, FitTheta(period)),
        ];
    }

    /// <summary>A fit of one column: the forecaster (or null and the reason), its parameters, states and notes.</summary>
    private delegate (IClassicalForecaster? Forecaster, List<KeyValuePair<string, double>> Parameters, List<KeyValuePair<string, double>> States, IReadOnlyList<string> Notes, string? Reason) ColumnFitter(double[] trainingRows);

    private static ColumnFitter FitEts(int? period) => rows =>
    {
        var selection = AutoEts.Select(rows, period);
        var notes = selection.Notes.ToList();
        if (selection.Best is not EtsFit best)
            return (null, [], [], notes, selection.Notes.Count > 0 && selection.Candidates.Count == 0 ? selection.Notes[^1] : "no ETS form could be fitted");
        var model = best.Model;
        var p = model.Parameters;
        var parameters = new List<KeyValuePair<string, double>> { new("alpha", p.Alpha) };
        if (model.Form.HasTrend)
            parameters.Add(new("beta", p.Beta));
        if (model.Form.HasSeason)
            parameters.Add(new("gamma", p.Gamma));
        if (model.Form.IsDamped)
            parameters.Add(new("phi", p.Phi));
        parameters.Add(new("aicc", best.Aicc));
        parameters.Add(new("log_likelihood", model.LogLikelihood(rows)));
        var states = new List<KeyValuePair<string, double>> { new("l", model.Level) };
        if (model.Form.HasTrend)
            states.Add(new("b", model.Growth));
        for (int i = 0; i < model.Season.Count; i++)
            states.Add(new($"s{i + 1}", model.Season[i]));
        int fitted = selection.Candidates.Count(c => c.Fit is not null);
        if (!best.Converged)
            notes.Add($"the optimiser stopped at its budget of {best.Evaluations} likelihood evaluations before its simplex converged");
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"chosen by AICc among {fitted} fitted form(s): {string.Join(", ", selection.Candidates.Where(c => c.Fit is not null).OrderBy(c => c.Fit!.Aicc).Select(c => $"{c.Form} {c.Fit!.Aicc:F1}"))}"));
        return (model, parameters, states, notes, null);
    };

    private static ColumnFitter FitTheta(int? period) => rows =>
    {
        var (model, notes, reason) = ThetaModel.Fit(rows, period);
        if (model is null)
            return (null, [], [], notes, reason);
        var parameters = new List<KeyValuePair<string, double>> { new("alpha", model.Alpha), new("drift", model.Slope / 2) };
        var states = new List<KeyValuePair<string, double>> { new("l", model.InitialLevel) };
        if (model.SeasonalIndices is { } indices)
        {
            for (int i = 0; i < indices.Count; i++)
                states.Add(new($"season_index{i}", indices[i]));
        }
        return (model, parameters, states, notes, null);
    };

    private static ForecasterScores Evaluate(
        WindowedDataset data, string name, int? period, string protocol, double[] scales, ColumnFitter fit)
    {
        var task = data.Task;
        int targets = task.TargetCount, rows = data.Splits.UsedRows, trainRows = data.Splits.Train.Count;
        var series = new double[targets][];
        for (int k = 0; k < targets; k++)
        {
            series[k] = new double[rows];
            for (int r = 0; r < rows; r++)
                series[k][r] = data.OriginalTargets[r * targets + k];
        }

        var forecasters = new IClassicalForecaster[targets];
        var columns = new List<ClassicalColumnFit>();
        for (int k = 0; k < targets; k++)
        {
            var clock = Stopwatch.StartNew();
            var (forecaster, parameters, states, notes, reason) = fit(series[k][..trainRows]);
            string column = task.TargetColumns[k];
            if (forecaster is null)
                return Unavailable(name, period, protocol, $"{column}: {reason}");
            forecasters[k] = forecaster;
            columns.Add(new ClassicalColumnFit(column, forecaster.Method, parameters, states, notes, clock.Elapsed.TotalSeconds));
        }

        var splits = new Dictionary<DatasetSplit, SplitScores>();
        foreach (var split in AllSplits)
        {
            var errors = new ForecastErrorAccumulator(targets);
            int windows = data.WindowCount(split);
            if (windows > 0)
            {
                int firstOrigin = data.Splits.Windows(split).Start + task.Lookback, horizon = task.Horizon;
                var perColumn = new double[targets][];
                for (int k = 0; k < targets; k++)
                {
                    perColumn[k] = new double[windows * horizon];
                    forecasters[k].ForecastFromOrigins(series[k], firstOrigin, windows, horizon, perColumn[k]);
                    int bad = Array.FindIndex(perColumn[k], v => !double.IsFinite(v));
                    if (bad >= 0)
                        return Unavailable(name, period, protocol, $"{task.TargetColumns[k]}: the forecast from row {firstOrigin + bad / horizon} is not finite (the fitted model's state diverged)");
                }
                var forecast = new double[task.OutputSize];
                var actual = new double[task.OutputSize];
                for (int w = 0; w < windows; w++)
                {
                    int origin = firstOrigin + w;
                    for (int h = 0; h < horizon; h++)
                    {
                        for (int k = 0; k < targets; k++)
                        {
                            var scaler = data.ScoringScalers[k];
                            forecast[h * targets + k] = (perColumn[k][w * horizon + h] - scaler.Mean) / scaler.StandardDeviation;
                            actual[h * targets + k] = data.ScoringTargets[(origin + h) * targets + k];
                        }
                    }
                    errors.Add<double>(forecast, actual);
                }
            }
            splits[split] = ModelEvaluation.Scores(errors, data.ScoringScalers, windows, scales);
        }
        return new ForecasterScores(name, period, splits) { Classical = new ClassicalFitSummary(protocol, columns, null) { Forecasters = forecasters } };
    }

    private static ForecasterScores Unavailable(string name, int? period, string protocol, string reason) =>
        new(name, period, new Dictionary<DatasetSplit, SplitScores>()) { Classical = new ClassicalFitSummary(protocol, [], reason) };
}
