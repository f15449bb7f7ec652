using System.Text;
using StreamingForecaster;
using StreamingForecaster.Persistence;
using StreamingForecaster.Streaming;
using GruNative.Samples.EdgeIo;

namespace GruNative.StreamingForecaster.Tests;

/// <summary>
/// Bands tracked online on the device (a model whose intervals carry <see cref="PredictionIntervals.TrackingRate"/>): the
/// session's bounds against an independent replay of the update, the tracker saved with the state and restored from it,
/// and what the program refuses. In process, with the baked model's intervals given a rate.
/// </summary>
public class TrackedIntervalTests
{
    private const double Rate = 0.05;
    private static readonly double[][] Observations = SampleModel.Observations(300, seed: 41);

    private static ModelColumns Tracked() =>
        ModelColumns.Of(SensorForecaster.Spec, SensorForecaster.Baked.Preprocessing!.WithIntervals(SensorForecaster.Baked.Preprocessing.Intervals!.WithTrackingRate(Rate)));

    private static string Run(ModelColumns columns, IEnumerable<double[]> observations, StateStore? store = null, SavedState? restore = null)
    {
        using var forecasts = new MemoryStream();
        var levels = columns.IntervalLevels([]);
        var tracker = columns.Tracker(levels);
        var session = new ForecastSession(SensorForecaster.Baked, columns, forecasts, TextWriter.Null, store: store, intervalLevels: levels, trackers: tracker is null ? null : [tracker]);
        if (restore is not null)
            session.Restore(restore);
        session.WriteHeader();
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(SampleModel.Lines(observations)));
        Assert.True(session.Feed(input, "test", header: false, emitForecasts: true));
        session.SaveIfChanged();
        return Encoding.UTF8.GetString(forecasts.ToArray());
    }

    [Fact]
    public void EachLinesBandsAreTheForecastPlusOrMinusTheOffsetsEveryEarlierValueHasMoved()
    {
        var table = new ForecastTable(Run(Tracked(), Observations));
        var intervals = SensorForecaster.Baked.Preprocessing!.Intervals!;
        var scaler = SampleModel.TargetScaler;
        int horizon = SensorForecaster.OutputSize;
        Assert.Equal(Observations.Length, table.Rows.Count);

        // Independently: the model's outputs after each step (standardised), and the offsets by the update written out:
        // after the value of step t arrives, the forecast made after step t − 1 − s predicted it at output s.
        var states = SampleModel.PrefixStates(Observations);
        var outputs = new float[Observations.Length + 1][];
        for (int t = 1; t <= Observations.Length; t++)
        {
            var state = new SensorForecaster.State();
            state.CopyFrom(states[t]);
            outputs[t] = new float[horizon];
            SensorForecaster.Baked.Predict(in state, outputs[t]);
        }
        var q = new double[2, horizon];
        for (int l = 0; l < 2; l++)
        {
            for (int j = 0; j < horizon; j++)
                q[l, j] = intervals.Offset(l, j);
        }
        int moved = 0;
        for (int t = 1; t <= Observations.Length; t++)
        {
            double actual = scaler.Standardize(Observations[t - 1][0]);   // temperature, the target, is input 0
            for (int s = 0; s < horizon && t - 1 - s >= 1; s++)
            {
                double error = Math.Abs(outputs[t - 1 - s][s] - actual);
                for (int l = 0; l < 2; l++)
                {
                    q[l, s] = Math.Max(0, q[l, s] + Rate * intervals.Offset(1, s) * ((error > q[l, s] ? 1 : 0) - (1 - intervals.Levels[l])));
                    if (l == 1)
                        q[1, s] = Math.Max(q[1, s], q[0, s]);
                }
            }
            for (int l = 0; l < 2; l++)
            {
                string percent = l == 0 ? "80" : "95";
                for (int j = 0; j < horizon; j++)
                {
                    double expectedLower = scaler.Destandardize(outputs[t][j] - q[l, j]);
                    double expectedUpper = scaler.Destandardize(outputs[t][j] + q[l, j]);
                    Assert.Equal(expectedLower, table.Value(t - 1, $"temperature_lower_{percent}+{j + 1}"), 1e-5 * Math.Max(1, Math.Abs(expectedLower)));
                    Assert.Equal(expectedUpper, table.Value(t - 1, $"temperature_upper_{percent}+{j + 1}"), 1e-5 * Math.Max(1, Math.Abs(expectedUpper)));
                    if (Math.Abs(q[l, j] - intervals.Offset(l, j)) > 1e-3)
                        moved++;
                }
            }
        }
        Assert.True(moved > horizon, $"only {moved} offsets moved: the check would pass on calibrated bands");
    }

    [Fact]
    public void TheTrackerIsSavedWithTheStateAndARestoredRunWritesWhatAnUninterruptedOneWrites()
    {
        using var folder = new TempDirectory();
        string path = Path.Combine(folder.Path, "state.bin");
        var columns = Tracked();
        var tracker = columns.Tracker(columns.IntervalLevels([]))!;
        string whole = Run(columns, Observations);

        var store = new StateStore(path, SampleModel.Fingerprint, tracker.StateLength);
        Run(columns, Observations.Take(150), store);
        var saved = store.Load()!;
        Assert.Equal(150, saved.Steps);
        Assert.Equal(tracker.StateLength, saved.Tracker!.Length);
        Assert.Equal(150, saved.Tracker[0]);   // observations the tracker has seen
        Assert.Equal(StateFile.FileLength(SensorForecaster.StateLength, tracker.StateLength), new FileInfo(path).Length);

        string resumed = Run(columns, Observations.Skip(150), restore: saved);
        var wholeLines = whole.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var resumedLines = resumed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(wholeLines[151..], resumedLines[1..]);   // headers aside, line for line, to the printed digit

        // A version 1 file (saved without tracking) restores the model's state and leaves the bands as calibrated.
        var plain = new SavedState(saved.Steps, saved.Values);
        string fromPlain = Run(columns, Observations.Skip(150), restore: plain);
        Assert.NotEqual(resumedLines[1], fromPlain.Split('\n')[1]);
    }

    [Fact]
    public void AStateFileWithATrackerRoundTripsAndADamagedOneIsRefused()
    {
        float[] state = SampleModel.PrefixStates(Observations.Take(20).ToArray())[^1];
        double[] tracker = Enumerable.Range(0, 7).Select(i => i * 0.5).ToArray();
        var file = new byte[StateFile.FileLength(state.Length, tracker.Length)];
        Assert.Equal(592 + 4 + 56, file.Length);
        StateFile.Encode(file, SampleModel.Fingerprint, 20, state, tracker);
        Assert.Equal(StateFile.TrackedFormatVersion, BitConverter.ToInt32(file, 8));
        var saved = StateFile.Decode(file, SampleModel.Fingerprint);
        Assert.Equal(state, saved.Values);
        Assert.Equal(tracker, saved.Tracker);

        // The tracker's length no longer matches the file's: refused before the checksum is trusted.
        var damaged = (byte[])file.Clone();
        BitConverter.GetBytes(8).CopyTo(damaged, 76 + 4 * state.Length);
        Assert.Contains("a tracker of 8 values", Assert.Throws<StateFileException>(() => StateFile.Decode(damaged, SampleModel.Fingerprint)).Message);
        BitConverter.GetBytes(0).CopyTo(damaged, 76 + 4 * state.Length);
        Assert.Contains("a tracker of 0 values", Assert.Throws<StateFileException>(() => StateFile.Decode(damaged, SampleModel.Fingerprint)).Message);

        // A tracker state of another shape, or one a tracker cannot hold, stops the restore before anything changes.
        var columns = Tracked();
        var session = new ForecastSession(SensorForecaster.Baked, columns, Stream.Null, TextWriter.Null,
            intervalLevels: columns.IntervalLevels([]), trackers: columns.Trackers(columns.IntervalLevels([]), 1));
        Assert.Contains("holds an interval tracker state of 7 values that this program's tracker", Assert.Throws<StateFileException>(() => session.Restore(saved)).Message);
        var right = new double[columns.Tracker([0])!.StateLength];
        right[0] = -1;
        Assert.Contains("values that this program's tracker", Assert.Throws<StateFileException>(() => session.Restore(new SavedState(20, state, right))).Message);
        Assert.Equal(0, session.Steps);
    }

    [Fact]
    public void BandsAreTrackedOnlyWhenWrittenAndOnlyWithEveryTargetObserved()
    {
        var columns = Tracked();
        Assert.Null(columns.Tracker(null));   // no --intervals: nothing to track
        Assert.Null(ModelColumns.Of(SensorForecaster.Spec, SensorForecaster.Baked.Preprocessing).Tracker([0, 1]));   // no rate
        Assert.Equal(Rate, columns.Tracker([0])!.Rate);

        var p = SensorForecaster.Baked.Preprocessing!;
        var foreign = new Preprocessing(p.InputColumns, [new ColumnScaler("outdoor", 10, 5)], p.Lookback, p.Horizon, intervals: p.Intervals!.WithTrackingRate(Rate));
        var e = Assert.Throws<NotSupportedException>(() => ModelColumns.Of(SensorForecaster.Spec, foreign).Tracker([0]));
        Assert.Contains("target 'outdoor' is not an input column", e.Message);
        Assert.EndsWith("Train the model with --interval-tracking none to stream its calibrated bands.", e.Message);

        // A rate without the horizon (weights made by hand): the head's steps are the horizon, and the bands are tracked.
        var noHorizon = new Preprocessing(p.InputColumns, p.TargetColumns, p.Lookback, horizon: null, intervals: p.Intervals!.WithTrackingRate(Rate));
        Assert.Equal(SensorForecaster.OutputSize, ModelColumns.Of(SensorForecaster.Spec, noHorizon).Tracker([0])!.Horizon);
    }
}
