using System.Globalization;
using System.Text;
using SegmentForecaster;
using SegmentForecaster.Persistence;
using SegmentForecaster.Streaming;
using GruNative.Samples.EdgeIo;

namespace GruNative.SegmentForecaster.Tests;

/// <summary>
/// Bands tracked online by the segment model's device loop (weights whose intervals carry a tracking rate): each line's
/// bounds against an independent replay of the update, and the tracker saved with the history. In process, with the
/// baked model's intervals given a rate.
/// </summary>
public class TrackedIntervalTests
{
    private const double Rate = 0.05;
    private const int Horizon = 96, Lookback = 336;

    private static Preprocessing Tracked()
    {
        var p = OilTemperatureForecaster.Baked.Preprocessing!;
        return p.WithIntervals(p.Intervals!.WithTrackingRate(Rate));
    }

    private static string[] Run(IEnumerable<double> values, HistoryStore? store = null, SavedHistory? restore = null)
    {
        var preprocessing = Tracked();
        int[] levels = IntervalLevels.Resolve(preprocessing, []);
        var tracker = IntervalLevels.Tracker(preprocessing, levels);
        Assert.NotNull(tracker);
        using var forecasts = new MemoryStream();
        var writer = new ForecastWriter(forecasts, preprocessing, Horizon, levels);
        var session = new ForecastSession(OilTemperatureForecaster.Baked, new ObservationReader(preprocessing, "test"), writer, store: store, tracker: tracker);
        if (restore is not null)
            session.Restore(restore, "test.state");
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(SampleModel.Lines(values)));
        session.Feed(input, "test", header: false, emitForecasts: true);
        session.SaveIfChanged();
        return Encoding.UTF8.GetString(forecasts.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void EachLinesBandsAreTheForecastPlusOrMinusTheOffsetsEveryEarlierReadingHasMoved()
    {
        double[] values = SampleModel.TestStretch(200);   // 336 readings to fill the history, then 200 forecasts
        string[] lines = Run(values);
        Assert.Equal(values.Length - Lookback + 1, lines.Length);

        // Independently: the model's forecast after each reading from the 336th on (standardised, as the loop computes
        // it), and the offsets by the update written out.
        var scaler = SampleModel.Scaler;
        var intervals = OilTemperatureForecaster.Baked.Preprocessing!.Intervals!;
        var history = new OilTemperatureForecaster.History();
        var outputs = new Dictionary<int, float[]>();
        var q = new double[2, Horizon];
        for (int l = 0; l < 2; l++)
        {
            for (int j = 0; j < Horizon; j++)
                q[l, j] = intervals.Offset(l, j);
        }
        int line = -1, moved = 0;   // the session writes no header: line 0 is the first forecast
        for (int t = 1; t <= values.Length; t++)
        {
            history.Push([(float)scaler.Standardize(values[t - 1])]);
            double actual = scaler.Standardize(values[t - 1]);
            // The forecast written after reading t − 1 − s predicted this reading at its step s.
            for (int s = 0; s < Horizon; s++)
            {
                if (!outputs.TryGetValue(t - 1 - s, out var earlier))
                    continue;
                double error = Math.Abs(earlier[s] - actual);
                for (int l = 0; l < 2; l++)
                {
                    q[l, s] = Math.Max(0, q[l, s] + Rate * intervals.Offset(1, s) * ((error > q[l, s] ? 1 : 0) - (1 - intervals.Levels[l])));
                    if (l == 1)
                        q[1, s] = Math.Max(q[1, s], q[0, s]);
                }
            }
            if (t < Lookback)
                continue;
            var forecast = new float[Horizon];
            OilTemperatureForecaster.Baked.Forecast(in history, forecast);
            outputs[t] = forecast;

            string[] cells = lines[++line].Split(',');
            Assert.Equal(t.ToString(CultureInfo.InvariantCulture), cells[0]);
            for (int l = 0; l < 2; l++)
            {
                for (int j = 0; j < Horizon; j++)
                {
                    double lower = scaler.Destandardize(forecast[j] - q[l, j]), upper = scaler.Destandardize(forecast[j] + q[l, j]);
                    int column = 1 + Horizon + 2 * l * Horizon + j;
                    Assert.Equal(lower, double.Parse(cells[column], CultureInfo.InvariantCulture), 1e-5 * Math.Max(1, Math.Abs(lower)));
                    Assert.Equal(upper, double.Parse(cells[column + Horizon], CultureInfo.InvariantCulture), 1e-5 * Math.Max(1, Math.Abs(upper)));
                    if (Math.Abs(q[l, j] - intervals.Offset(l, j)) > 1e-3)
                        moved++;
                }
            }
        }
        Assert.True(moved > Horizon, $"only {moved} offsets moved: the check would pass on calibrated bands");
    }

    [Fact]
    public void TheTrackerIsSavedWithTheHistoryAndARestoredRunWritesWhatAnUninterruptedOneWrites()
    {
        double[] values = SampleModel.TestStretch(160);
        string[] whole = Run(values);

        using var folder = new TempFolder();
        var tracker = IntervalLevels.Tracker(Tracked(), [0, 1])!;
        Assert.Equal(1 + 2 * Horizon + Horizon * (1 + Horizon + 1), tracker.StateLength);
        var store = new HistoryStore(folder.File("ot.state"), ModelIdentity.Baked, tracker.StateLength);
        Run(values.Take(400), store);
        var saved = store.Load()!;
        Assert.Equal(400, saved.Observations);
        Assert.Equal(400, saved.Tracker![0]);   // readings the tracker has seen
        Assert.Equal(HistoryFile.FileLength(Lookback, tracker.StateLength), new FileInfo(folder.File("ot.state")).Length);

        string[] resumed = Run(values.Skip(400), restore: saved);
        Assert.Equal(whole[^resumed.Length..], resumed);   // line for line, to the printed digit

        // A tracker state of another length, or one a tracker cannot hold, is refused before anything is restored.
        var e = Assert.Throws<StateFileException>(() => Run([], restore: saved with { Tracker = [1, 2, 3] }));
        Assert.Contains("holds an interval tracker state of 3 values that this program's tracker (9601 values) cannot hold", e.Message);
        var bad = (double[])saved.Tracker.Clone();
        bad[1] = -1;
        e = Assert.Throws<StateFileException>(() => Run([], restore: saved with { Tracker = bad }));
        Assert.Contains("holds an interval tracker state of 9601 values that this program's tracker (9601 values) cannot hold", e.Message);
    }

    [Fact]
    public void AHistoryFileWithATrackerRoundTripsAndADamagedOneIsRefused()
    {
        float[] history = [.. Enumerable.Range(0, 10).Select(i => 0.1f * i)];
        double[] tracker = [.. Enumerable.Range(0, 5).Select(i => 0.5 * i)];
        var file = new byte[HistoryFile.FileLength(history.Length, tracker.Length)];
        Assert.Equal(HistoryFile.FileLength(history.Length) + 4 + 40, file.Length);
        HistoryFile.Encode(file, ModelIdentity.Baked, 10, history, tracker);
        Assert.Equal(HistoryFile.TrackedFormatVersion, BitConverter.ToInt32(file, 8));
        var saved = HistoryFile.Decode(file, ModelIdentity.Baked);
        Assert.Equal(history, saved.Values);
        Assert.Equal(tracker, saved.Tracker);

        BitConverter.GetBytes(6).CopyTo(file, 80 + 4 * history.Length);
        Assert.Contains("a tracker of 6", Assert.Throws<StateFileException>(() => HistoryFile.Decode(file, ModelIdentity.Baked)).Message);
    }
}
