using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using GruNative.Cli.Comparison;
using GruNative.Cli.Output;
using GruNative.Training.Data;
using GruNative.Training.Fitting;
using GruNative.Training.Network;

namespace GruNative.Cli.Commands;

/// <summary>
/// <c>grunative compare</c>: trains every configuration of a grid (architectures × cells × layers × hidden units × seeds) on the same data,
/// under the same options and protocol, and writes a report — accuracy, training cost, generated-kernel speed and size
/// per shape, beside the naive and classical baselines. An interrupted sweep resumes: finished runs are read back, the run in progress
/// continues from its last epoch's checkpoint.
/// </summary>
/// <remarks>
/// Output folder: <c>sweep.json</c> (what every run shares), <c>runs/NAME/</c> (each run's <c>model.safetensors</c> and
/// <c>result.json</c>; a <c>checkpoint/</c> while it trains), <c>speed.json</c>, <c>report.md</c>, <c>report.json</c> and the
/// charts <c>accuracy.png</c>, <c>training-time.png</c>, <c>inference.png</c>.
/// </remarks>
internal static class CompareCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var training = new TrainingOptionSet();
        var architectures = new Option<string[]>("--architectures") { Description = "Architectures to compare: recurrent (a GRU or LSTM over every step), segrnn (the segment-recurrent model, one layer of d = each --hidden, options as train's --segment-length, --decoding, --channel-ids), or both. --loss applies to both, each with its default (mse, mae) when absent; not pinball.", DefaultValueFactory = _ => ["recurrent"] };
        var loss = new LossOptionSet();
        var segment = new SegmentOptionSet(loss);
        var cells = new Option<string[]>("--cells") { Description = "Cells to compare: gru, lstm (comma-separated or repeated).", DefaultValueFactory = _ => ["gru", "lstm"] };
        var hidden = new Option<string[]>("--hidden") { Description = "Hidden units per layer to try (comma-separated or repeated).", DefaultValueFactory = _ => ["16", "32", "64"] };
        var layers = new Option<string[]>("--layers") { Description = "Stacked layers to try (comma-separated or repeated).", DefaultValueFactory = _ => ["1", "2"] };
        var seeds = new Option<int>("--seeds") { Description = "Runs per shape, with seeds --seed, --seed + 1, …; the report shows mean ± spread.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output", "-o") { Description = "Folder for the runs and the report; rerunning the same command into it resumes.", DefaultValueFactory = _ => "compare" };
        var noSpeed = new Option<bool>("--no-speed") { Description = "Do not compile and time each shape's generated kernel." };

        var command = new Command("compare", "Train a grid of GRU and LSTM configurations on the same data and write a comparison report (Markdown + PNG).");
        data.AddTo(command);
        foreach (var option in new Option[] { architectures, cells, layers, hidden, seeds })
            command.Options.Add(option);
        segment.AddTo(command);
        loss.AddTo(command);
        training.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(noSpeed);

        command.SetAction(result => CommandLine.Guard(result, writer =>
        {
            // The recurrent runs' loss is --loss as train reads it for the plain architecture (the MSE by default); the
            // segrnn runs read the same option with their own default (MAE). compare ranks its runs by validation MSE,
            // which a quantile model is not meant to minimise: no pinball loss here.
            var recurrentLoss = loss.Read(result, ForecastLoss.SquaredError);
            if (recurrentLoss.Loss == ForecastLoss.Pinball)
                throw new ArgumentException("--loss pinball: compare ranks its runs by validation MSE, which a quantile model does not aim at; train quantile models with `grunative train --loss pinball --quantile τ`.");
            var families = Architectures(result.GetValue(architectures));
            var options = training.Read(result);
            // Only where recurrent runs train, so a segrnn-only sweep's settings (and its resume) are what they were.
            if (families.Contains(ModelArchitecture.Recurrent))
                options = options with { Loss = recurrentLoss.Loss, HuberDelta = recurrentLoss.HuberDelta, Quantile = recurrentLoss.Quantile };
            var intervalVariant = training.IntervalVariant(result);
            var intervalTracking = training.IntervalTrackingOf(result);
            int seedCount = result.GetValue(seeds);
            if (seedCount < 1)
                throw new ArgumentException($"--seeds must be at least 1 (got {seedCount}).");
            var grid = SweepRun.Grid(Cells(result.GetValue(cells)), Numbers("--layers", result.GetValue(layers)), Numbers("--hidden", result.GetValue(hidden)), options.Seed, seedCount, families);

            var table = data.ReadTable(result);
            var task = data.Task(result, table);
            var dataset = data.Dataset(result, table, task);
            // Segment runs read the windows standardised only (the model takes each window's last value off itself); the
            // scores of both families are on the same scale, over the same windows.
            SegmentRuns? segmentRuns = null;
            if (families.Contains(ModelArchitecture.SegRnn))
                segmentRuns = new SegmentRuns(SegmentRuns.DataFor(table, dataset), segment, training, result);
            else
                segment.RefuseWithout(result, ModelArchitecture.Recurrent);
            // Every shape is checked before the first one trains: a sweep must not fail after an hour on its last shape.
            var (inputs, outputs) = families.Contains(ModelArchitecture.Recurrent) ? data.ModelSize(result, task) : (0, 0);
            foreach (var shape in grid.Select(r => r.Shape).Distinct())
            {
                if (shape.IsSegment)
                    segmentRuns!.Spec(shape);
                else
                    shape.Spec(inputs, outputs);
            }
            int? period = Scoreboard.Period(dataset, result.GetValue(data.Season));
            var baselines = Scoreboard.Score(dataset, null, period);

            string folder = result.GetValue(output)!;
            string dataFingerprint = data.Fingerprint(result, dataset);
            var sources = (Train: data.Windows(result, dataset, DatasetSplit.Train), Validation: data.Windows(result, dataset, DatasetSplit.Validation));
            var settings = new SortedDictionary<string, string>(options.Fingerprint(), StringComparer.Ordinal) { ["data"] = dataFingerprint };
            settings.Remove("seed");
            if (period is int p)
                settings["season"] = p.ToString(CultureInfo.InvariantCulture);
            bool refit = result.GetValue(training.Refit);
            var intervalLevels = training.IntervalLevels(result);
            if (refit)
                settings["refit"] = "true";
            if (segmentRuns is not null)
            {
                settings["architectures"] = string.Join(",", families);
                foreach (var (key, value) in segment.Fingerprint(result))
                    settings["segrnn." + key] = value;
            }
            WindowedDataset? refitData = refit ? Refitting.Data(table, dataset) : null;
            Func<ModelSpec, TrainingOptions, int, TrainingResult>? refitRun = refitData is null ? null
                : (spec, runOptions, epochs) => Refitting.Run(data, result, refitData, spec, runOptions, epochs, null);
            bool resuming = SweepManifest.WriteOrCheck(folder, settings);
            writer.WriteLine(dataset.ToString());
            writer.WriteLine($"{grid.Count} run(s): {grid.Select(r => r.Shape).Distinct().Count()} shape(s) × {seedCount} seed(s); {options.Threads} thread(s); output {folder}/{(resuming ? " (resuming)" : "")}");

            var records = new List<RunRecord>();
            for (int i = 0; i < grid.Count; i++)
                records.Add(grid[i].Shape.IsSegment
                    ? segmentRuns!.Run(writer, grid[i], $"[{i + 1}/{grid.Count}]", period, folder, intervalLevels, intervalVariant, intervalTracking, refit ? table : null)
                    : RunOne(writer, grid[i], $"[{i + 1}/{grid.Count}]", dataset, sources, options, dataFingerprint, period, folder, refitRun, intervalLevels, intervalVariant, intervalTracking));

            var speeds = result.GetValue(noSpeed) ? new Dictionary<SweepShape, KernelSpeed>() : MeasureSpeeds(writer, records, folder);
            var shapes = ShapeSummary.Summarize(records, speeds)
                .Select(s => s with { Ensemble = s.Shape.IsSegment ? segmentRuns!.ScoreEnsemble(s, period, folder) : ScoreEnsemble(s, dataset, period, folder) })
                .ToList();
            var charts = new List<string> { "accuracy.png", "training-time.png" };
            ComparePlots.Accuracy(shapes, baselines, Path.Combine(folder, "accuracy.png"));
            ComparePlots.Cost(shapes, inference: false, Path.Combine(folder, "training-time.png"));
            if (speeds.Count > 0)
            {
                ComparePlots.Cost(shapes, inference: true, Path.Combine(folder, "inference.png"));
                charts.Add("inference.png");
            }
            var context = new CompareReport.Context(CommandText(result), dataset, result.GetValue(data.Split)!, options, seedCount, baselines)
            {
                Refit = refit,
                SegmentBatchSize = shapes.Any(s => s.Shape.IsSegment) ? segment.TrainingOptions(result, training).Optimization.BatchSize : null,
            };
            string report = CompareReport.Render(context, shapes, charts);
            AtomicFile.Write(Path.Combine(folder, "report.md"), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(report)));
            CompareSummaryJson.Write(Path.Combine(folder, "report.json"), shapes, baselines);

            writer.WriteLine();
            writer.Write(report[report.IndexOf("## Results", StringComparison.Ordinal)..]);
            writer.WriteLine($"wrote {folder}/: report.md, report.json, {string.Join(", ", charts)}, runs/");
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// The scores of a shape's seeds as one ensemble (the mean of their forecasts), read back from the runs' weights files;
    /// null for a single seed.
    /// </summary>
    private static ForecasterScores? ScoreEnsemble(ShapeSummary shape, WindowedDataset dataset, int? period, string folder)
    {
        if (shape.Runs.Count < 2)
            return null;
        var members = shape.Runs
            .Select(r => Training.Network.NetworkParameters<float>.FromWeights(SafeTensorsWeights.Read(Path.Combine(folder, "runs", r.Run.Name, r.ModelFile))))
            .ToList();
        return Scoreboard.ScoreEnsemble(dataset, members, period);
    }

    /// <summary>Trains one run, or reads it back when a previous invocation finished it.</summary>
    private static RunRecord RunOne(TextWriter writer, SweepRun run, string position, WindowedDataset dataset,
        (IWindowSource Train, IWindowSource Validation) sources, TrainingOptions shared,
        string dataFingerprint, int? period, string folder, Func<ModelSpec, TrainingOptions, int, TrainingResult>? refit,
        IReadOnlyList<double> intervalLevels, IntervalVariantRequest intervalVariant, IntervalTrackingRequest intervalTracking)
    {
        if (RunRecord.Finished(writer, folder, run, position) is RunRecord done)
            return done;
        string runFolder = Path.Combine(folder, "runs", run.Name);

        var spec = run.Shape.Spec(sources.Train.InputSize, sources.Train.OutputSize);
        var options = shared with { Seed = run.Seed };
        string checkpointFolder = Path.Combine(runFolder, "checkpoint");
        bool resume = Training.Fitting.Trainer.CheckpointExists(checkpointFolder);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{position} {run.Name}: {spec}, {spec.ParameterCount:N0} parameters, seed {run.Seed}{(resume ? " (resuming from its checkpoint)" : "")}"));

        var trainer = new Training.Fitting.Trainer(spec, options, sources.Train, sources.Validation, dataFingerprint);
        var training = TrainingDisplay.Run(writer, options.Epochs, (onEpoch, onBatch) => trainer.Run(onEpoch, checkpointFolder, resume, onBatch));
        // The epochs' own clocks, so a resumed run counts the time of the epochs before the interruption too.
        double seconds = training.History.Sum(h => h.Seconds);
        // As train does: intervals calibrated on the validation windows by the model validation chose (before any refit),
        // so a run's weights file is the one train writes with the same options.
        var intervals = IntervalCalibrationStep.Run(writer, intervalLevels, intervalVariant, intervalTracking, new NetworkForecaster(training.Best, dataset.Task), dataset, period,
            verbose: false)?.Intervals;
        if (refit is not null)
        {
            var refitted = refit(spec, options, training.BestEpoch);
            seconds += refitted.History.Sum(h => h.Seconds);
            training = training with { Best = refitted.Best };
        }
        // The baselines are scored once for the whole sweep; here only the model is wanted.
        var scores = Scoreboard.Score(dataset, new NetworkForecaster(training.Best, dataset.Task), period, classical: false, intervals: intervals)[0];

        var files = ModelFiles.Save(runFolder, training.Best, dataset, channelIndependent: sources.Train is ChannelWindows, json: false, intervals);
        return RunRecord.Complete(writer, folder, run, position, spec.ParameterCount, training.History, training.BestEpoch, training.StoppedEarly,
            seconds, scores, files[0]);
    }

    /// <summary>
    /// Times each shape's generated kernel once (with its first seed's weights), after all training is done, so no
    /// training thread competes with the timing; shapes timed by an earlier invocation on this machine are read back.
    /// </summary>
    private static Dictionary<SweepShape, KernelSpeed> MeasureSpeeds(TextWriter writer, IReadOnlyList<RunRecord> records, string folder)
    {
        var cached = SpeedCache.Load(folder);
        // compare times the plain family's kernels in process (GeneratedKernelTimer); the segment kernel is not timed here yet
        // (docs/benchmarks.md, "A segment model's forecast", has its figures).
        records = records.Where(r => !r.Run.Shape.IsSegment).ToList();
        var missing = records.GroupBy(r => r.Run.Shape).Select(g => g.First()).Where(r => !cached.ContainsKey(r.Run.Shape.Name)).ToList();
        if (missing.Count > 0)
        {
            writer.WriteLine($"timing the generated kernels of {missing.Count} shape(s): each is generated, compiled and run in process …");
            var paths = missing.Select(r => Path.Combine(folder, "runs", r.Run.Name, r.ModelFile)).ToList();
            var timings = Speed.GeneratedKernelTimer.Measure(paths);
            for (int i = 0; i < missing.Count; i++)
            {
                var t = timings[i];
                cached[missing[i].Run.Shape.Name] = new KernelSpeed(t.NanosecondsPerStep, t.AllocatedBytesPerStep, t.Path.ToString(), t.JitSettled);
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {missing[i].Run.Shape.Label}: {t.NanosecondsPerStep:N0} ns/step, {t.AllocatedBytesPerStep:G3} B/step allocated, {t.Path}{(t.JitSettled ? "" : " (JIT still busy: may read high)")}"));
            }
            SpeedCache.Save(folder, cached);
        }
        return records.Select(r => r.Run.Shape).Distinct().ToDictionary(shape => shape, shape => cached[shape.Name]);
    }

    private static List<ModelArchitecture> Architectures(string[]? values)
    {
        var result = new List<ModelArchitecture>();
        foreach (string name in DataOptions.List(values))
        {
            result.Add(name.ToLowerInvariant() switch
            {
                "recurrent" => ModelArchitecture.Recurrent,
                "segrnn" => ModelArchitecture.SegRnn,
                _ => throw new ArgumentException($"--architectures: '{name}' is not an architecture; use recurrent, segrnn or both."),
            });
        }
        if (result.Count == 0)
            throw new ArgumentException("--architectures names no architecture; use recurrent, segrnn or both.");
        return result.Distinct().ToList();
    }

    private static List<CellKind> Cells(string[]? values)
    {
        var cells = new List<CellKind>();
        foreach (string name in DataOptions.List(values))
        {
            cells.Add(name.ToLowerInvariant() switch
            {
                "gru" => CellKind.Gru,
                "lstm" => CellKind.Lstm,
                _ => throw new ArgumentException($"--cells: '{name}' is not a cell; use gru, lstm or both."),
            });
        }
        if (cells.Count == 0)
            throw new ArgumentException("--cells names no cell; use gru, lstm or both.");
        return cells.Distinct().ToList();
    }

    private static List<int> Numbers(string option, string[]? values)
    {
        var numbers = new List<int>();
        foreach (string text in DataOptions.List(values))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
                throw new ArgumentException($"{option}: '{text}' is not a whole number of at least 1.");
            numbers.Add(n);
        }
        if (numbers.Count == 0)
            throw new ArgumentException($"{option} names no value.");
        return numbers.Distinct().ToList();
    }

    // The command as typed, for the report: a reader must be able to rerun it.
    private static string CommandText(ParseResult result) =>
        "grunative " + string.Join(' ', result.Tokens.Select(t => t.Value.Contains(' ') ? $"\"{t.Value}\"" : t.Value));
}
