namespace GruNative.Tests.Model;

public class IntervalTrackerTests
{
    // Two steps of one target; scaler μ = 10, σ = 2; levels 50% and 90% with offsets (1, 2) and (2, 4); γ = 0.1, so the
    // step sizes are γ times the 90% offsets: η = (0.2, 0.4).
    private static Preprocessing TwoSteps(double? rate = 0.1, int? scaleSteps = null) =>
        new([new ColumnScaler("y", 10, 2)], [new ColumnScaler("y", 10, 2)], lookback: 4, horizon: 2,
            intervals: new PredictionIntervals([0.5, 0.9], [1, 2, 2, 4], scaleSteps, rate));

    [Fact]
    public void Each_arriving_value_moves_the_offsets_of_the_forecasts_that_predicted_it_by_hand()
    {
        var tracker = new IntervalTracker(TwoSteps());
        Assert.Equal(0.1, tracker.Rate);
        Assert.Equal([1.0, 2.0], tracker.OffsetsOf(0).ToArray());

        // Origin 0 forecasts (0, 0) on the model's scale; x₀ = 14 is y = 2 there: step 0 of origin 0 is off by 2.
        // 50%: 2 > 1, a miss: q = 1 + 0.2 · (1 − 0.5) = 1.1.  90%: 2 > 2 is no miss: q = 2 − 0.2 · 0.1 = 1.98.
        tracker.Issue<double>([0, 0]);
        tracker.Observe([14]);
        Assert.Equal(1.1, tracker.OffsetsOf(0)[0], 12);
        Assert.Equal(1.98, tracker.OffsetsOf(1)[0], 12);
        Assert.Equal([2.0, 4.0], [tracker.OffsetsOf(0)[1], tracker.OffsetsOf(1)[1]]);   // step 1 has seen nothing yet

        // Origin 1 forecasts (1, 1); x₁ = 10 is y = 0. Step 0 of origin 1 is off by 1: hits at both levels
        // (q = 1.1 − 0.2 · 0.5 = 1.0; 1.98 − 0.02 = 1.96). Step 1 of origin 0 is off by 0: hits (2 − 0.4 · 0.5 = 1.8; 4 − 0.04 = 3.96).
        tracker.Issue<double>([1, 1]);
        tracker.Observe([10]);
        Assert.Equal(1.0, tracker.OffsetsOf(0)[0], 12);
        Assert.Equal(1.96, tracker.OffsetsOf(1)[0], 12);
        Assert.Equal(1.8, tracker.OffsetsOf(0)[1], 12);
        Assert.Equal(3.96, tracker.OffsetsOf(1)[1], 12);
        Assert.Equal(2, tracker.Observations);

        // Without a new forecast, origin 1's step 1 is the only one waiting for x₂ = 10 (off by 1: 1 < 1.8, a hit).
        tracker.Observe([10]);
        Assert.Equal(1.0, tracker.OffsetsOf(0)[0], 12);
        Assert.Equal(1.8 - 0.2, tracker.OffsetsOf(0)[1], 12);
        tracker.Reset();
        Assert.Equal([2.0, 4.0], tracker.OffsetsOf(1).ToArray());
        Assert.Equal(0, tracker.Observations);
    }

    [Fact]
    public void Bands_stay_nested_and_never_go_below_zero()
    {
        // One step; 50% and 60% bands of 1 and 1.05, γ = 1, so η = 1.05. A value 1.03 away misses the 50% band
        // (1 + 1.05 · 0.5 = 1.525) and falls inside the 60% one (1.05 − 1.05 · 0.4 = 0.63), which would now be the narrower:
        // it is raised to 1.525.
        var p = new Preprocessing(targetColumns: [new ColumnScaler("y", 0, 1)], horizon: 1,
            intervals: new PredictionIntervals([0.5, 0.6], [1, 1.05], trackingRate: 1));
        var tracker = new IntervalTracker(p);
        tracker.Issue<double>([0]);
        tracker.Observe([1.03]);
        Assert.Equal(1.525, tracker.OffsetsOf(0)[0], 12);
        Assert.Equal(1.525, tracker.OffsetsOf(1)[0], 12);
        // Values on the forecast: 50% loses 0.525 a step, 60% 0.42 (never below the 50% one), and both stop at 0.
        tracker.Issue<double>([0]);
        tracker.Observe([0]);
        Assert.Equal(1.0, tracker.OffsetsOf(0)[0], 12);
        Assert.Equal(1.105, tracker.OffsetsOf(1)[0], 12);
        for (int i = 0; i < 20; i++)
        {
            tracker.Issue<double>([0]);
            tracker.Observe([0]);
        }
        Assert.Equal(0, tracker.OffsetsOf(0)[0]);
        Assert.Equal(0, tracker.OffsetsOf(1)[0]);
    }

    [Fact]
    public void After_the_noise_triples_tracked_bands_cover_at_their_levels_where_calibrated_ones_collapse()
    {
        // A forecaster that always says 0 of a series that is N(0, 1) for 5,000 steps and N(0, 3²) for 20,000 after:
        // bands calibrated for σ = 1 (the normal quantiles) cover 1/3 of the later values at 80%. Tracked at γ = 0.01, the
        // bands each forecast was issued with must cover within 2 points of both levels over the whole run.
        const int Horizon = 3, Steps = 25_000;
        var intervals = new PredictionIntervals([0.8, 0.95], [1.2816, 1.2816, 1.2816, 1.96, 1.96, 1.96], trackingRate: 0.01);
        var tracker = new IntervalTracker(new Preprocessing(targetColumns: [new ColumnScaler("y", 0, 1)], horizon: Horizon, intervals: intervals));
        var random = new Random(11);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var issued = new double[Steps, 2, Horizon];   // the offsets each origin's band was drawn with
        long[] trackedHits = new long[2], calibratedHits = new long[2];
        long scored = 0;
        for (int t = 0; t < Steps; t++)
        {
            double value = (t < 5_000 ? 1 : 3) * Normal();
            if (t > 0)
            {
                tracker.Observe([value]);
                for (int s = 0; s < Horizon && t - s >= 1; s++)
                {
                    int origin = t - s;
                    for (int l = 0; l < 2; l++)
                    {
                        if (Math.Abs(value) <= issued[origin, l, s])
                            trackedHits[l]++;
                        if (Math.Abs(value) <= intervals.Offset(l, s))
                            calibratedHits[l]++;
                    }
                    scored++;
                }
            }
            if (t + 1 < Steps)
            {
                for (int l = 0; l < 2; l++)
                {
                    for (int s = 0; s < Horizon; s++)
                        issued[t + 1, l, s] = tracker.OffsetsOf(l)[s];
                }
                tracker.Issue<double>([0, 0, 0]);   // origin t + 1: forecasts t + 1 … t + 3
            }
        }
        Assert.Equal(0.80, trackedHits[0] / (double)scored, 0.02);
        Assert.Equal(0.95, trackedHits[1] / (double)scored, 0.02);
        Assert.InRange(calibratedHits[0] / (double)scored, 0.3, 0.55);   // what the tracker is for
        Assert.InRange(tracker.OffsetsOf(1)[0], 1.96 * 3 * 0.8, 1.96 * 3 * 1.2);   // it has learned σ = 3
    }

    [Fact]
    public void Scale_adaptive_tracking_compares_errors_in_units_of_each_forecasts_window_scale()
    {
        // Offsets (50%) 1 and 2 in window-scale units; a forecast issued with scale 4 is off by 6 standardised units at
        // step 0 (1.5 scale units: a miss of q = 1 → 1 + 0.2 · 0.5 = 1.1), where scale 1 would have read 6 (also a miss).
        // At 90% (q = 2): 1.5 is a hit (2 − 0.02 = 1.98); with scale 1 it would be a miss: the scale is what decides.
        var tracker = new IntervalTracker(TwoSteps(scaleSteps: 2));
        Assert.True(tracker.ScaleAdaptive);
        Assert.Throws<ArgumentException>(() => tracker.Issue<double>([0, 0]));
        tracker.Issue<double>([0, 0], [4.0]);
        tracker.Observe([10 + 2 * 6]);
        Assert.Equal(1.1, tracker.OffsetsOf(0)[0], 12);
        Assert.Equal(1.98, tracker.OffsetsOf(1)[0], 12);
    }

    [Fact]
    public void A_saved_state_resumes_bit_for_bit_and_a_bad_one_is_refused_without_change()
    {
        var first = new IntervalTracker(TwoSteps());
        var random = new Random(5);
        void Run(IntervalTracker tracker, Random r, int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                tracker.Issue<double>([r.NextDouble(), r.NextDouble()]);
                tracker.Observe([10 + 4 * r.NextDouble()]);
            }
        }
        Run(first, random, 7);
        first.Issue<double>([0.25, 0.5]);   // a forecast still waiting for both of its values
        var state = new double[first.StateLength];
        Assert.Equal(1 + 2 * 2 + 2 * (1 + 2 + 1), state.Length);
        first.CopyTo(state);

        var second = new IntervalTracker(TwoSteps());
        second.CopyFrom(state);
        var copy = new Random(9);
        var again = new Random(9);
        Run(first, copy, 20);
        Run(second, again, 20);
        Assert.Equal(first.OffsetsOf(0).ToArray(), second.OffsetsOf(0).ToArray());
        Assert.Equal(first.OffsetsOf(1).ToArray(), second.OffsetsOf(1).ToArray());
        Assert.Equal(first.Observations, second.Observations);

        var before = new double[second.StateLength];
        second.CopyTo(before);
        foreach (var (index, value, message) in new (int, double, string)[]
        {
            (0, -1, "value 0: the observation count"), (0, 2.5, "value 0: the observation count"), (1, -0.5, "value 1: an offset must be finite"),
            (3, 0.5, "value 3: an offset must not narrow"), (5, 3, "value 5: a slot must be empty"), (5, 1e6, "value 5: a slot must be empty"),
            (7, double.NaN, "value 7: a waiting forecast"), (11, 1, "value 11: fixed intervals keep no window scale"),
        })
        {
            var bad = (double[])before.Clone();
            bad[index] = value;
            Assert.Contains(message, Assert.Throws<ArgumentException>(() => second.CopyFrom(bad)).Message);
            Assert.False(second.TryCopyFrom(bad));
            var after = new double[second.StateLength];
            second.CopyTo(after);
            Assert.Equal(before, after);
        }
        Assert.Throws<ArgumentException>(() => second.CopyFrom(new double[3]));
        Assert.False(second.TryCopyFrom(new double[3]));
        Assert.True(second.TryCopyFrom(before));
    }

    [Fact]
    public void Tracking_allocates_nothing()
    {
        var tracker = new IntervalTracker(TwoSteps());
        var p = TwoSteps();
        var outputs = new float[2];
        var forecast = new double[2];
        var lower = new double[2];
        var upper = new double[2];
        var state = new double[tracker.StateLength];
        void Step(int i)
        {
            tracker.Observe([10 + (i % 5)]);
            outputs[0] = 0.1f * (i % 3);
            outputs[1] = -0.2f;
            p.ToForecastWithOffsets<float, double>(outputs, [], tracker.OffsetsOf(1), forecast, lower, upper, []);
            tracker.Issue<float>(outputs);
            tracker.CopyTo(state);
        }
        long allocated = long.MaxValue;
        for (int attempt = 0; attempt < 3 && allocated != 0; attempt++)
        {
            for (int i = 0; i < 200; i++)
                Step(i);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
                Step(i);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.Equal(0, allocated);
        tracker.CopyFrom(state);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_the_sizes_in_the_message()
    {
        Assert.Contains("no prediction intervals", Assert.Throws<ArgumentException>(() => new IntervalTracker(new Preprocessing(targetColumns: [new ColumnScaler("y", 0, 1)], horizon: 2))).Message);
        Assert.Contains("No tracking rate", Assert.Throws<ArgumentException>(() => new IntervalTracker(TwoSteps(rate: null))).Message);
        Assert.Contains("outside (0, 1]", Assert.Throws<ArgumentException>(() => new IntervalTracker(TwoSteps(rate: null), 1.5)).Message);
        Assert.Equal(0.5, new IntervalTracker(TwoSteps(), 0.5).Rate);   // an explicit rate wins over the carried one
        Assert.Contains("outside (0, 1]", Assert.Throws<ArgumentException>(() => new PredictionIntervals([0.8], [1.0], trackingRate: 0)).Message);

        var tracker = new IntervalTracker(TwoSteps());
        Assert.Contains("3 forecast value(s) for 2 step(s) × 1 target(s)", Assert.Throws<ArgumentException>(() => tracker.Issue<double>([0, 0, 0])).Message);
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => tracker.Issue<double>([0, double.NaN])).Message);
        Assert.Contains("2 value(s) for 1 target(s)", Assert.Throws<ArgumentException>(() => tracker.Observe([1, 2])).Message);
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => tracker.Observe([double.PositiveInfinity])).Message);
        Assert.Equal(0, tracker.Observations);   // nothing refused was counted
        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.OffsetsOf(2));

        var logged = new Preprocessing(targetColumns: [new ColumnScaler("y", 0, 1, 0)], horizon: 2,
            intervals: new PredictionIntervals([0.8], [1, 1], trackingRate: 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalTracker(logged).Observe([-1]));   // no log of −1
    }
}
