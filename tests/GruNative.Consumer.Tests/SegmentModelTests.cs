using GruNative.Kernels;

namespace GruNative.Consumer.Tests;

/// <summary>
/// The generated segment models (<see cref="SegmentModels"/>'s declarations, compiled by MSBuild as a user's would be),
/// held through their contract <see cref="ISegmentForecaster{TSelf}"/> to the float64 oracle written from the paper
/// (<see cref="SegmentReference"/>, no code shared with the runtime or the generator) on every vector path, and to their
/// documented behaviour: channels, the device's History, baked weights, errors and allocation.
/// </summary>
public class SegmentModelTests
{
    private static readonly VectorPath[] Paths = [VectorPath.Auto, VectorPath.Vector512, VectorPath.Vector256, VectorPath.Vector128, VectorPath.Scalar];

    /// <summary>Each declared loaded model by name, with the weights seed its tests use.</summary>
    public static TheoryData<string> Models => new(["LoadedSegmentTwin", "SegmentGruIds", "SegmentLstm", "SegmentLstmIds", "SegmentGruRecurrent", "SegmentLstmRecurrent", "SegmentGruLarge"]);

    private static void Run(string name, ISegmentCheck check)
    {
        switch (name)
        {
            case "LoadedSegmentTwin": check.Run<LoadedSegmentTwin, LoadedSegmentTwin.History>(); break;
            case "SegmentGruIds": check.Run<SegmentGruIds, SegmentGruIds.History>(); break;
            case "SegmentLstm": check.Run<SegmentLstm, SegmentLstm.History>(); break;
            case "SegmentLstmIds": check.Run<SegmentLstmIds, SegmentLstmIds.History>(); break;
            case "SegmentGruRecurrent": check.Run<SegmentGruRecurrent, SegmentGruRecurrent.History>(); break;
            case "SegmentLstmRecurrent": check.Run<SegmentLstmRecurrent, SegmentLstmRecurrent.History>(); break;
            case "SegmentGruLarge": check.Run<SegmentGruLarge, SegmentGruLarge.History>(); break;
            default: throw new ArgumentException(name);
        }
    }

    /// <summary>A check written once for any generated segment model.</summary>
    private interface ISegmentCheck
    {
        void Run<TModel, THistory>() where TModel : class, ISegmentForecaster<TModel, THistory> where THistory : struct, IObservationHistory<THistory>;
    }

    /// <summary>K channels' windows, step-major: U(−2, 2) around a level per channel, so the last-value shift matters.</summary>
    private static float[] Windows(int lookback, int channels, int seed)
    {
        var random = new Random(seed);
        var windows = new float[lookback * channels];
        for (int t = 0; t < lookback; t++)
        {
            for (int c = 0; c < channels; c++)
                windows[t * channels + c] = (float)(3.0 * c - 2.5 + 0.05 * t + (random.NextDouble() * 4 - 2));
        }
        return windows;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_path_matches_the_float64_oracle_within_1e5(string name) => Run(name, new OracleCheck());

    private sealed class OracleCheck : ISegmentCheck
    {
        public void Run<TModel, THistory>() where TModel : class, ISegmentForecaster<TModel, THistory> where THistory : struct, IObservationHistory<THistory>
        {
            var spec = TModel.Spec;
            var weights = SegmentWeightsCatalog.Random(spec, seed: 11);
            var model = TModel.FromWeights(weights, "random");
            var oracle = SegmentWeightsCatalog.Oracle(weights);
            int channels = spec.UsesChannelIds ? spec.Channels : 3;
            float[] windows = Windows(spec.Lookback, channels, seed: 12);
            var expected = new double[spec.Horizon * channels];
            for (int c = 0; c < channels; c++)
            {
                var window = new double[spec.Lookback];
                for (int t = 0; t < window.Length; t++)
                    window[t] = windows[t * channels + c];
                var forecast = oracle.Forecast(window, spec.UsesChannelIds ? c : null);
                for (int t = 0; t < forecast.Length; t++)
                    expected[t * channels + c] = forecast[t];
            }
            foreach (var path in Paths)
            {
                var actual = new float[expected.Length];
                model.ForecastChannels(windows, actual, path);
                double worst = expected.Select((e, i) => Math.Abs(e - actual[i])).Max();
                Assert.True(worst <= 1e-5, $"{spec} on {path}: largest difference from the float64 oracle {worst:E2}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Forecast_of_its_own_channels_is_ForecastChannels_and_channels_are_independent(string name) => Run(name, new ChannelCheck());

    private sealed class ChannelCheck : ISegmentCheck
    {
        public void Run<TModel, THistory>() where TModel : class, ISegmentForecaster<TModel, THistory> where THistory : struct, IObservationHistory<THistory>
        {
            var spec = TModel.Spec;
            var model = TModel.FromWeights(SegmentWeightsCatalog.Random(spec, seed: 21), "random");
            int own = TModel.InputSize;
            Assert.Equal(spec.UsesChannelIds ? spec.Channels : 1, own);
            Assert.Equal(spec.Horizon * own, TModel.OutputSize);
            float[] windows = Windows(spec.Lookback, own, seed: 22);
            var viaForecast = new float[TModel.OutputSize];
            var viaChannels = new float[TModel.OutputSize];
            model.Forecast(windows, viaForecast);
            model.ForecastChannels(windows, viaChannels);
            Assert.Equal(viaChannels, viaForecast);
            if (spec.UsesChannelIds)
                return;

            // Without channel ids any K channels run through the same weights, each exactly as alone.
            const int k = 4;
            float[] many = Windows(spec.Lookback, k, seed: 23);
            var together = new float[spec.Horizon * k];
            model.ForecastChannels(many, together);
            for (int c = 0; c < k; c++)
            {
                var alone = new float[spec.Horizon];
                model.Forecast(Enumerable.Range(0, spec.Lookback).Select(t => many[t * k + c]).ToArray(), alone);
                Assert.Equal(alone, Enumerable.Range(0, spec.Horizon).Select(t => together[t * k + c]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void History_forecasts_exactly_as_the_window_it_holds_after_wrapping(string name) => Run(name, new HistoryCheck());

    private sealed class HistoryCheck : ISegmentCheck
    {
        public void Run<TModel, THistory>() where TModel : class, ISegmentForecaster<TModel, THistory> where THistory : struct, IObservationHistory<THistory>
        {
            var spec = TModel.Spec;
            var model = TModel.FromWeights(SegmentWeightsCatalog.Random(spec, seed: 31), "random");
            int channels = TModel.InputSize, pushes = spec.Lookback + 17;
            float[] stream = Windows(pushes, channels, seed: 32);
            var history = default(THistory);
            Assert.False(history.IsFull);
            for (int t = 0; t < pushes; t++)
            {
                history.Push(stream.AsSpan(t * channels, channels));
                Assert.Equal(Math.Min(t + 1, spec.Lookback), history.Count);
                Assert.Equal(t + 1 >= spec.Lookback, history.IsFull);
            }
            float[] window = stream.AsSpan((pushes - spec.Lookback) * channels).ToArray();
            var fromWindow = new float[TModel.OutputSize];
            var fromHistory = new float[TModel.OutputSize];
            model.Forecast(window, fromWindow);
            model.Forecast(in history, fromHistory);
            Assert.Equal(fromWindow, fromHistory);

            // Persisted and restored, oldest first, it forecasts the same; a partial history restores partially.
            var saved = new float[spec.Lookback * channels];
            history.CopyTo(saved);
            Assert.Equal(window, saved);
            var restored = default(THistory);
            restored.CopyFrom(saved);
            Assert.True(restored.IsFull);
            model.Forecast(in restored, fromHistory);
            Assert.Equal(fromWindow, fromHistory);
            restored.CopyFrom(saved.AsSpan(0, 5 * channels));
            Assert.Equal(5, restored.Count);
            var five = new float[5 * channels];
            restored.CopyTo(five);
            Assert.Equal(saved.AsSpan(0, 5 * channels).ToArray(), five);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Bad_arguments_are_refused_with_the_sizes_in_the_message(string name) => Run(name, new ArgumentCheck());

    private sealed class ArgumentCheck : ISegmentCheck
    {
        public void Run<TModel, THistory>() where TModel : class, ISegmentForecaster<TModel, THistory> where THistory : struct, IObservationHistory<THistory>
        {
            var spec = TModel.Spec;
            var model = TModel.FromWeights(SegmentWeightsCatalog.Random(spec, seed: 41), "random");
            int own = TModel.InputSize;
            var output = new float[TModel.OutputSize];
            Assert.Contains($"window of {spec.Lookback} step(s)", Assert.Throws<ArgumentException>(() => model.Forecast(new float[spec.Lookback * own - 1], output)).Message);
            Assert.Contains($"forecasts {TModel.OutputSize} value(s)", Assert.Throws<ArgumentException>(() => model.Forecast(new float[spec.Lookback * own], new float[1])).Message);
            Assert.Throws<ArgumentException>(() => model.ForecastChannels(new float[spec.Lookback + 1], output));
            Assert.Throws<ArgumentException>(() => model.ForecastChannels(Array.Empty<float>(), output));
            if (spec.UsesChannelIds)
                Assert.Contains($"exactly {spec.Channels}", Assert.Throws<ArgumentException>(() => model.ForecastChannels(new float[spec.Lookback * (spec.Channels + 1)], new float[spec.Horizon * (spec.Channels + 1)])).Message);

            var history = default(THistory);
            Assert.Contains($"holds 0", Assert.Throws<InvalidOperationException>(() => model.Forecast(in history, output)).Message);
            Assert.Throws<ArgumentException>(() => history.Push(new float[own + 1]));
            var bad = new float[own];
            bad[own - 1] = float.NaN;
            Assert.Contains("finite", Assert.Throws<ArgumentException>(() => history.Push(bad)).Message);
            Assert.Equal(0, history.Count);
            Assert.Throws<ArgumentException>(() => history.CopyFrom(new float[(spec.Lookback + 1) * own]));
            Assert.Throws<ArgumentException>(() => history.CopyTo(new float[1]));

            // Weights of another shape are refused by name.
            var other = new SegmentModelSpec(spec.Cell == CellKind.Gru ? CellKind.Lstm : CellKind.Gru, spec.Lookback, spec.Horizon, spec.SegmentLength,
                spec.HiddenSize, spec.Decoding, spec.Channels);
            var error = Assert.Throws<WeightsFormatException>(() => TModel.FromWeights(SegmentWeightsCatalog.Random(other, seed: 1), "other.safetensors"));
            Assert.Contains(other.ToString(), error.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Forecasts_and_pushes_allocate_nothing(string name) => Run(name, new AllocationCheck());

    private sealed class AllocationCheck : ISegmentCheck
    {
        public void Run<TModel, THistory>() where TModel : class, ISegmentForecaster<TModel, THistory> where THistory : struct, IObservationHistory<THistory>
        {
            var spec = TModel.Spec;
            var model = TModel.FromWeights(SegmentWeightsCatalog.Random(spec, seed: 51), "random");
            int own = TModel.InputSize;
            float[] window = Windows(spec.Lookback, own, seed: 52);
            var output = new float[TModel.OutputSize];
            var history = default(THistory);
            for (int t = 0; t < spec.Lookback; t++)
                history.Push(window.AsSpan(t * own, own));

            long Measure(int repeats, VectorPath path)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < repeats; i++)
                {
                    model.Forecast(window, output, path);
                    model.ForecastChannels(window, output, path);
                    history.Push(window.AsSpan(0, own));
                    model.Forecast(in history, output, path);
                }
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }
            foreach (var path in Paths)
                Measure(300, path);   // warm-up: tiered JIT, the array pool's first rent
            foreach (var path in Paths)
            {
                // Up to three measurements, the first zero wins: tier-1 compilation may land inside the first on a loaded
                // machine (AllocationTests.SteadyState says more); an allocation per call shows in all three.
                long bytes = Measure(200, path);
                for (int attempt = 1; attempt < 3 && bytes != 0; attempt++)
                {
                    Thread.Sleep(200);
                    bytes = Measure(200, path);
                }
                Assert.True(bytes == 0, $"{spec} on {path} allocated {bytes} bytes");
            }
        }
    }

    [Fact]
    public void Baked_weights_forecast_bit_for_bit_as_the_same_weights_loaded_and_carry_their_preprocessing()
    {
        var definition = SegmentWeightsCatalog.BakedSegment;
        Assert.Equal(definition.Spec, BakedSegment.Spec);
        var loaded = LoadedSegmentTwin.FromWeights(definition.Weights);
        var fromFile = LoadedSegmentTwin.Load(SafeTensorsSegmentWeights.ToBytes(definition.Weights));
        float[] windows = Windows(48, 3, seed: 61);
        foreach (var path in Paths)
        {
            var baked = new float[BakedSegment.OutputSize];
            var twin = new float[BakedSegment.OutputSize];
            var file = new float[BakedSegment.OutputSize];
            BakedSegment.Baked.Forecast(windows, baked, path);
            loaded.Forecast(windows, twin, path);
            fromFile.Forecast(windows, file, path);
            Assert.Equal(twin, baked);
            Assert.Equal(twin, file);
        }
        Assert.Equal(definition.Weights.Preprocessing, BakedSegment.Baked.Preprocessing);
        Assert.NotNull(BakedSegment.Baked.Preprocessing!.Intervals);
    }
}
