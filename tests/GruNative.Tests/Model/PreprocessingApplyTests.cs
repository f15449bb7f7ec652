using System.Runtime.CompilerServices;

namespace GruNative.Tests.Model;

/// <summary>
/// Preprocessing applied: each method held to a float64 computation written here from the definitions — hand-worked
/// values for tiny cases, then random ones — plus the lengths it refuses, the round trip through an identity model, and
/// zero allocation.
/// </summary>
public class PreprocessingApplyTests
{
    private static readonly ColumnScaler A = new("a", 10, 4), B = new("b", -2, 0.5);
    private static readonly ColumnScaler HourSin = new(CalendarFeatures.HourSin, 0.25, 0.5);

    [Fact]
    public void StandardizeInputs_maps_each_value_with_its_columns_scaler()
    {
        var p = new Preprocessing([A, B]);
        double[] observations = [12, -1, 6, -3];   // two steps of (a, b)
        var inputs = new double[4];
        p.StandardizeInputs<double>(observations, inputs);
        Assert.Equal([0.5, 2, -1, -2], inputs);

        var floats = new float[4];
        p.StandardizeInputs<float>([10.1, -2, 10, -2.3], floats);
        Assert.Equal([(float)((10.1 - 10) / 4), 0f, 0f, (float)((-2.3 + 2) / 0.5)], floats);   // in double, then rounded

        // In place, as the trainer standardises its series.
        p.StandardizeInputs<double>(observations, observations);
        Assert.Equal([0.5, 2, -1, -2], observations);
    }

    [Fact]
    public void StandardizeInputs_matches_float64_on_random_data()
    {
        var random = new Random(7);
        ColumnScaler[] columns = Enumerable.Range(0, 5).Select(i => new ColumnScaler($"c{i}", random.NextDouble() * 200 - 100, random.NextDouble() * 30 + 0.01)).ToArray();
        var p = new Preprocessing(columns);
        double[] observations = Enumerable.Range(0, 5 * 40).Select(_ => random.NextDouble() * 1000 - 500).ToArray();
        var inputs = new float[observations.Length];
        var inputsDouble = new double[observations.Length];
        p.StandardizeInputs<float>(observations, inputs);
        p.StandardizeInputs<double>(observations, inputsDouble);
        for (int j = 0; j < observations.Length; j++)
        {
            var scaler = columns[j % 5];
            double expected = (observations[j] - scaler.Mean) / scaler.StandardDeviation;
            Assert.Equal(expected, inputsDouble[j]);
            Assert.Equal((float)expected, inputs[j]);
        }
    }

    [Fact]
    public void StandardizeInputs_with_a_time_computes_the_calendar_inputs()
    {
        var p = new Preprocessing([A, HourSin, B]);
        var inputs = new float[3];
        p.StandardizeInputs<float>([14, double.NaN, -3], new DateTime(2016, 7, 1, 6, 0, 0), inputs);   // 06:00: sine 1
        Assert.Equal([1f, (float)((1 - 0.25) / 0.5), -2f], inputs);

        var doubles = new double[3];
        var time = new DateTime(2017, 3, 9, 22, 45, 0);
        p.StandardizeInputs<double>([14, 1e300, -3], time, doubles);
        Assert.Equal((Math.Sin(2 * Math.PI * 22.75 / 24) - 0.25) / 0.5, doubles[1], 12);

        Assert.Throws<ArgumentException>(() => p.StandardizeInputs<float>([1, 2, 3, 4, 5, 6], time, new float[6]));   // one step only
        Assert.Throws<ArgumentException>(() => p.StandardizeInputs<float>([1, 2, 3], time, new float[2]));
        Assert.Throws<ArgumentException>(() => new Preprocessing([new("calendar.moon_sin", 0, 1)]).StandardizeInputs<float>([0], time, new float[1]));
    }

    [Fact]
    public void Last_value_normalisation_subtracts_each_columns_last_value_and_exempts_calendar_columns()
    {
        var p = new Preprocessing([A, HourSin, B], [B], lookback: 3, horizon: 2, windowNormalization: WindowNormalization.LastValue);
        double[] window = [1, 0.5, 10, 2, -0.5, 20, 4, 1, 40];   // 3 steps of (a, calendar, b)
        var levels = new double[3];
        p.NormalizeWindow<double>(window, levels);
        Assert.Equal([4.0, 0, 40], levels);
        Assert.Equal([-3.0, 0.5, -30, -2, -0.5, -20, 0, 1, 0], window);
    }

    [Fact]
    public void Mean_normalisation_subtracts_each_columns_mean_and_exempts_calendar_columns()
    {
        var p = new Preprocessing([A, HourSin, B], [B], lookback: 3, horizon: 2, windowNormalization: WindowNormalization.Mean);
        float[] window = [1, 0.5f, 10, 2, -0.5f, 20, 4, 1, 40];
        var levels = new float[3];
        p.NormalizeWindow<float>(window, levels);
        Assert.Equal([7 / 3f, 0, 70 / 3f], levels);
        Assert.Equal([1 - 7 / 3f, 0.5f, 10 - 70 / 3f, 2 - 7 / 3f, -0.5f, 20 - 70 / 3f, 4 - 7 / 3f, 1, 40 - 70 / 3f], window);
    }

    [Theory]
    [InlineData(WindowNormalization.LastValue)]
    [InlineData(WindowNormalization.Mean)]
    public void Window_normalisation_matches_float64_on_random_data(WindowNormalization mode)
    {
        const int Lookback = 24, Width = 4;
        var random = new Random(11);
        var p = new Preprocessing([A, B, HourSin, new("c", 0, 1)], [B, A], Lookback, 3, mode);
        float[] window = Enumerable.Range(0, Lookback * Width).Select(_ => (float)(random.NextDouble() * 8 - 4)).ToArray();
        var original = window.ToArray();
        var levels = new float[Width];
        p.NormalizeWindow<float>(window, levels);
        for (int i = 0; i < Width; i++)
        {
            double level = 0;
            if (i != 2)   // the calendar column keeps its values
            {
                for (int t = 0; t < Lookback; t++)
                    level += original[t * Width + i];
                level = mode == WindowNormalization.LastValue ? original[(Lookback - 1) * Width + i] : level / Lookback;
            }
            Assert.Equal(level, levels[i], 1e-6);
            for (int t = 0; t < Lookback; t++)
                Assert.Equal(original[t * Width + i] - level, window[t * Width + i], 1e-5);
        }
    }

    [Fact]
    public void No_normalisation_leaves_the_window_and_gives_levels_of_zero()
    {
        var p = new Preprocessing([A, B], [B]);
        double[] window = [1, 2, 3, 4];
        var levels = new double[] { 9, 9 };
        p.NormalizeWindow<double>(window, levels);
        Assert.Equal([1.0, 2, 3, 4], window);
        Assert.Equal([0.0, 0], levels);
    }

    [Fact]
    public void ToForecast_adds_back_each_targets_level_then_destandardises()
    {
        // Targets (b, a), 2 steps: output index = step · 2 + target.
        var p = new Preprocessing([A, B], [B, A], lookback: 2, horizon: 2, windowNormalization: WindowNormalization.LastValue);
        float[] outputs = [1, -1, 0.5f, 0];
        float[] levels = [3, -2];   // a's level 3, b's −2
        var forecast = new double[4];
        p.ToForecast<float, double>(outputs, levels, forecast);
        // b: (y − 2) · 0.5 − 2; a: (y + 3) · 4 + 10.
        Assert.Equal([(1 - 2) * 0.5 - 2, (-1 + 3) * 4 + 10.0, (0.5 - 2) * 0.5 - 2, (0 + 3) * 4 + 10.0], forecast);
        Assert.Equal([-1f, 2, -1.5f, 3], outputs);   // the outputs now hold the forecast on the standardised scale

        // Without normalisation the levels may be empty, and the forecast may overwrite the outputs.
        var plain = new Preprocessing([A, B], [B, A], horizon: 2);
        float[] values = [2, 0.25f, -4, 1];
        plain.ToForecast<float, float>(values, [], values);
        Assert.Equal([-1f, 11, -4, 14], values);
    }

    [Fact]
    public void ToForecast_matches_float64_on_random_data()
    {
        var random = new Random(3);
        ColumnScaler[] targets = Enumerable.Range(0, 3).Select(i => new ColumnScaler($"t{i}", random.NextDouble() * 50, random.NextDouble() * 9 + 0.1)).ToArray();
        var p = new Preprocessing([new("x", 0, 1), .. targets], targets, horizon: 8, windowNormalization: WindowNormalization.Mean);
        float[] outputs = Enumerable.Range(0, 24).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray();
        float[] levels = Enumerable.Range(0, 4).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var original = outputs.ToArray();
        var forecast = new float[24];
        p.ToForecast<float, float>(outputs, levels, forecast);
        for (int j = 0; j < 24; j++)
        {
            var scaler = targets[j % 3];
            double expected = ((double)original[j] + levels[1 + j % 3]) * scaler.StandardDeviation + scaler.Mean;
            Assert.Equal(expected, forecast[j], Math.Abs(expected) * 1e-6 + 1e-6);
        }
    }

    [Fact]
    public void StandardizeTargets_inverts_ToForecast_without_normalisation()
    {
        var p = new Preprocessing(targetColumns: [B, A]);
        double[] actuals = [-1.5, 12, -2, 2];
        var targets = new double[4];
        p.StandardizeTargets<double>(actuals, targets);
        Assert.Equal([1.0, 0.5, 0, -2], targets);
        var back = new double[4];
        p.ToForecast<double, double>(targets, [], back);
        Assert.Equal(actuals, back);
    }

    [Theory]
    [InlineData(WindowNormalization.None)]
    [InlineData(WindowNormalization.LastValue)]
    [InlineData(WindowNormalization.Mean)]
    public void Observations_through_an_identity_model_come_back_as_forecasts(WindowNormalization mode)
    {
        // MS with a calendar input: the "model" forecasts b's last two normalised inputs, so the forecast must be b's
        // last two observations again.
        const int Lookback = 6, Horizon = 2;
        var p = new Preprocessing([A, B, HourSin], [B], Lookback, Horizon, mode);
        var random = new Random(5);
        var start = new DateTime(2020, 1, 1);
        var window = new float[Lookback * 3];
        var observed = new double[Lookback];
        for (int t = 0; t < Lookback; t++)
        {
            observed[t] = random.NextDouble() * 10 - 5;
            p.StandardizeInputs<float>([random.NextDouble() * 40, observed[t], double.NaN], start.AddHours(t), window.AsSpan(t * 3, 3));
        }
        var levels = new float[3];
        p.NormalizeWindow<float>(window, levels);
        float[] outputs = [window[(Lookback - 2) * 3 + 1], window[(Lookback - 1) * 3 + 1]];
        var forecast = new double[Horizon];
        p.ToForecast<float, double>(outputs, levels, forecast);
        Assert.Equal(observed[Lookback - 2], forecast[0], 1e-5);
        Assert.Equal(observed[Lookback - 1], forecast[1], 1e-5);
        Assert.Equal(0, levels[2]);
    }

    [Fact]
    public void The_calls_read_as_the_readme_shows_them()
    {
        // README "From observations to forecasts": arrays in, element types inferred, no levels without normalisation.
        var p = new Preprocessing([A, HourSin], [A], horizon: 2);
        double[] observation = [14, 0];
        var inputs = new float[2];
        var time = new DateTime(2024, 2, 29, 18, 0, 0);   // 18:00: sine −1
        p.StandardizeInputs(observation, time, inputs);
        Assert.Equal([1f, -2.5f], inputs);
        float[] outputs = [inputs[0], -inputs[0]];           // a stand-in for the model
        var forecast = new float[2];
        p.ToForecast(outputs, [], forecast);
        Assert.Equal([14f, 6f], forecast);
    }

    [Fact]
    public void Wrong_lengths_are_refused()
    {
        var p = new Preprocessing([A, B], [B], lookback: 3, horizon: 2, windowNormalization: WindowNormalization.LastValue);
        Assert.Throws<ArgumentException>(() => p.StandardizeInputs<float>(new double[4], new float[3]));
        Assert.Throws<ArgumentException>(() => p.StandardizeInputs<float>(new double[3], new float[3]));
        Assert.Throws<ArgumentException>(() => p.NormalizeWindow<float>(new float[4], new float[2]));    // 2 steps, lookback 3
        Assert.Throws<ArgumentException>(() => p.NormalizeWindow<float>(new float[6], new float[1]));
        Assert.Throws<ArgumentException>(() => p.ToForecast<float, float>(new float[3], new float[2], new float[3]));   // horizon 2 × 1
        Assert.Throws<ArgumentException>(() => p.ToForecast<float, float>(new float[2], new float[2], new float[1]));
        Assert.Throws<ArgumentException>(() => p.ToForecast<float, float>(new float[2], [], new float[2]));           // levels needed
        Assert.Throws<ArgumentException>(() => p.StandardizeTargets<float>(new double[2], new float[1]));

        // Without known window lengths, any whole number of steps goes, and nothing else.
        var loose = new Preprocessing([A, B], [B, A], windowNormalization: WindowNormalization.Mean);
        loose.NormalizeWindow<float>(new float[10], new float[2]);
        loose.ToForecast<float, float>(new float[6], new float[2], new float[6]);
        Assert.Throws<ArgumentException>(() => loose.NormalizeWindow<float>(new float[5], new float[2]));
        Assert.Throws<ArgumentException>(() => loose.NormalizeWindow<float>([], new float[2]));
        Assert.Throws<ArgumentException>(() => loose.ToForecast<float, float>(new float[5], new float[2], new float[5]));
        Assert.Throws<ArgumentException>(() => loose.ToForecast<float, float>([], new float[2], []));
    }

    [Fact]
    public void Methods_without_their_columns_refuse_to_run()
    {
        var time = new DateTime(2020, 1, 1);
        var empty = new Preprocessing();
        Assert.Throws<InvalidOperationException>(() => empty.StandardizeInputs<float>([1.0], new float[1]));
        Assert.Throws<InvalidOperationException>(() => empty.StandardizeInputs<float>([1.0], time, new float[1]));
        Assert.Throws<InvalidOperationException>(() => empty.NormalizeWindow<float>(new float[1], new float[1]));
        Assert.Throws<InvalidOperationException>(() => empty.ToForecast<float, float>(new float[1], [], new float[1]));
        Assert.Throws<InvalidOperationException>(() => empty.StandardizeTargets<float>([1.0], new float[1]));

        var foreignTarget = new Preprocessing([A], [B], windowNormalization: WindowNormalization.LastValue);
        var e = Assert.Throws<InvalidOperationException>(() => foreignTarget.NormalizeWindow<float>(new float[2], new float[1]));
        Assert.Contains("'b' among the input columns", e.Message);
        Assert.Throws<InvalidOperationException>(() => foreignTarget.ToForecast<float, float>(new float[1], new float[1], new float[1]));
        foreignTarget.StandardizeInputs<float>([1.0], new float[1]);   // standardising needs no window arithmetic
    }

    [Fact]
    public void Applying_preprocessing_allocates_nothing()
    {
        var p = new Preprocessing([A, HourSin, B], [B, A], lookback: 4, horizon: 3, windowNormalization: WindowNormalization.Mean);
        var buffers = new Buffers(new double[3], new float[12], new double[12], new float[3], new float[6], new double[6], new float[6]);
        var time = new DateTime(2021, 5, 4, 13, 30, 0);
        for (int i = 0; i < 3; i++)
            Apply(p, buffers, time);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            Apply(p, buffers, time.AddHours(i));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private sealed record Buffers(double[] Observation, float[] Window, double[] WindowDouble, float[] Levels, float[] Outputs, double[] Forecast, float[] Targets);

    // A separate, never-inlined method: exactly the calls are measured.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Apply(Preprocessing p, Buffers b, DateTime time)
    {
        b.Observation[0] = time.Hour;
        b.Observation[2] = time.Minute;
        for (int t = 0; t < 4; t++)
            p.StandardizeInputs<float>(b.Observation, time.AddHours(t), b.Window.AsSpan(t * 3, 3));
        p.StandardizeInputs<double>(b.WindowDouble, b.WindowDouble);
        p.NormalizeWindow<float>(b.Window, b.Levels);
        b.Window.AsSpan(0, 6).CopyTo(b.Outputs);
        p.ToForecast<float, double>(b.Outputs, b.Levels, b.Forecast);
        p.StandardizeTargets<float>(b.Forecast, b.Targets);
    }
}
