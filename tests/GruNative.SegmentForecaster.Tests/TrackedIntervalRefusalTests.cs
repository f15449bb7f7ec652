using GruNative.Samples.EdgeIo;
using SegmentForecaster.Streaming;

namespace GruNative.SegmentForecaster.Tests;

/// <summary>Bands meant to be tracked online are refused, not written as calibrated: this program does not track them yet.</summary>
public class TrackedIntervalRefusalTests
{
    [Fact]
    public void AModelWhoseBandsAreTrackedOnlineIsRefusedWithWhatToDo()
    {
        var intervals = new PredictionIntervals([0.8, 0.95], [1.0, 2.0]);
        var preprocessing = new Preprocessing(targetColumns: [new ColumnScaler("OT", 0, 1)], horizon: 1, intervals: intervals);
        Assert.Equal([0, 1], IntervalLevels.Resolve(preprocessing, []));

        var tracked = preprocessing.WithIntervals(intervals.WithTrackingRate(0.005));
        var e = Assert.Throws<UsageException>(() => IntervalLevels.Resolve(tracked, []));
        Assert.StartsWith("--intervals: the model's bands are to be tracked online (grunative.interval_tracking_rate)", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("train the model with --interval-tracking none for bands it writes as calibrated.", e.Message, StringComparison.Ordinal);
    }
}
