using GruNative.Reference;
using GruNative.Tests.Weights;
using static GruNative.Tests.Weights.SegmentTestKit;

namespace GruNative.Tests.Reference;

/// <summary>
/// The runtime's segment reference (<see cref="SegmentReferenceModel{T}"/>) held to the float64 oracle
/// (<see cref="SegmentReference"/>, written from the paper with no shared code) for GRU and LSTM × parallel decoding with
/// and without channel ids × recurrent decoding, in double and in float.
/// </summary>
public class SegmentReferenceModelTests
{
    // Both sides compute in float64 from the same float32 weights and inputs; they differ only in summation order (the
    // oracle starts each dot product at the bias, ReferenceCells adds it last), a few ulps.
    private const double DoubleTolerance = 1e-12;

    // float32 rounds every product, sum and activation at 2^-24 ≈ 6e-8 relative. One forecast value passes through n + m
    // = 4 + 3 steps, each a dot product of ≤ 2d = 12 terms of magnitude ≲ 1 plus an activation, then the head (6 terms)
    // and the last value added back (|x| ≤ 2): a few hundred roundings of values ≲ 2, whose errors the contractive gates
    // (σ′ ≤ 1/4, tanh′ ≤ 1) do not amplify, so ≲ 300 × 2 × 6e-8 ≈ 4e-5 in the worst case; a random-walk sum of them is
    // ~20× smaller (observed: ~1e-7). 2e-5 holds with room, and a wrong gate, segment or embedding row moves a forecast
    // by ~1e-1.
    private const double FloatTolerance = 2e-5;

    [Theory]
    [MemberData(nameof(AllCases), MemberType = typeof(SegmentTestKit))]
    public void Double_reference_matches_the_float64_oracle(SegmentCase c) => MatchesOracle<double>(c, DoubleTolerance, seed: 100);

    [Theory]
    [MemberData(nameof(AllCases), MemberType = typeof(SegmentTestKit))]
    public void Float_reference_matches_the_float64_oracle_within_float_rounding(SegmentCase c) => MatchesOracle<float>(c, FloatTolerance, seed: 200);

    /// <summary>Every channel (one without channel ids) of a random window, through the reference in <typeparamref name="T"/> and the oracle.</summary>
    private static void MatchesOracle<T>(SegmentCase c, double tolerance, int seed) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var model = SegmentModel(c);
        var oracle = Oracle(c, model);
        var reference = new SegmentReferenceModel<T>(model);
        for (int channel = 0; channel < Math.Max(c.Channels, 1); channel++)
        {
            float[] window = Window(c.Lookback, seed + channel);
            int? id = c.Channels > 0 ? channel : null;
            double[] expected = oracle.Forecast([.. window.Select(v => (double)v)], id);
            var actual = new T[c.Horizon];
            reference.Forecast([.. window.Select(T.CreateChecked)], id, actual);
            for (int t = 0; t < c.Horizon; t++)
            {
                double value = double.CreateChecked(actual[t]);
                Assert.True(Math.Abs(expected[t] - value) <= tolerance, $"{c} {typeof(T).Name} channel {channel} step {t}: {value:R}, oracle {expected[t]:R}");
            }
        }
    }

    [Fact]
    public void Channel_ids_change_the_forecast()
    {
        // Guards the test above against a reference that ignores channel_emb: the same window with two ids must differ.
        var c = Case("gru-pmf-ids");
        var reference = new SegmentReferenceModel<double>(SegmentModel(c));
        double[] window = [.. Window(c.Lookback, 5).Select(v => (double)v)];
        var first = new double[c.Horizon];
        var second = new double[c.Horizon];
        reference.Forecast(window, 0, first);
        reference.Forecast(window, 1, second);
        Assert.True(first.Zip(second).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
    }

    [Theory]
    [InlineData("gru-pmf-ids")]
    [InlineData("lstm-pmf")]
    [InlineData("gru-rmf")]
    public void Channels_run_one_by_one_step_major_with_their_ids(string name)
    {
        var c = Case(name);
        int channels = 3;
        var model = SegmentModel(c);
        var oracle = Oracle(c, model);
        float[] windows = Window(c.Lookback * channels, seed: 9);   // index step · K + channel
        var actual = new double[c.Horizon * channels];
        new SegmentReferenceModel<double>(model).ForecastChannels([.. windows.Select(v => (double)v)], actual);

        for (int k = 0; k < channels; k++)
        {
            double[] column = [.. Enumerable.Range(0, c.Lookback).Select(t => (double)windows[t * channels + k])];
            double[] expected = oracle.Forecast(column, c.Channels > 0 ? k : null);
            for (int t = 0; t < c.Horizon; t++)
                Assert.True(Math.Abs(expected[t] - actual[t * channels + k]) <= DoubleTolerance, $"{name} channel {k} step {t}");
        }
    }

    [Fact]
    public void Observations_are_standardised_per_channel_forecast_and_mapped_back()
    {
        // Written out independently of Preprocessing: z = (x − μ_k) / σ_k, forecast z, then y · σ_k + μ_k.
        var c = Case("lstm-pmf-ids");
        var model = SegmentModel(c, Scalers(3, c.Lookback, c.Horizon));
        var oracle = Oracle(c, model);
        var scalers = model.Preprocessing!.InputColumns;
        var random = new Random(3);
        double[] observations = [.. Enumerable.Range(0, c.Lookback * 3).Select(i => scalers[i % 3].Mean + scalers[i % 3].StandardDeviation * (random.NextDouble() * 4 - 2))];

        var actual = new double[c.Horizon * 3];
        new SegmentReferenceModel<double>(model).ForecastObservations(observations, actual);

        for (int k = 0; k < 3; k++)
        {
            double[] z = [.. Enumerable.Range(0, c.Lookback).Select(t => (observations[t * 3 + k] - scalers[k].Mean) / scalers[k].StandardDeviation)];
            double[] y = oracle.Forecast(z, k);
            for (int t = 0; t < c.Horizon; t++)
                Assert.True(Math.Abs(y[t] * scalers[k].StandardDeviation + scalers[k].Mean - actual[t * 3 + k]) <= 1e-9, $"channel {k} step {t}");
        }
    }

    [Fact]
    public void Wrong_lengths_and_channel_ids_are_refused_with_their_reason()
    {
        var withIds = new SegmentReferenceModel<double>(SegmentModel(Case("gru-pmf-ids")));
        var withoutIds = new SegmentReferenceModel<double>(SegmentModel(Case("gru-pmf")));
        var window = new double[8];
        var forecast = new double[6];
        Assert.Contains("L = 8", Assert.Throws<ArgumentException>(() => withIds.Forecast(new double[7], 0, forecast)).Message);
        Assert.Contains("H = 6", Assert.Throws<ArgumentException>(() => withIds.Forecast(window, 0, new double[5])).Message);
        Assert.Contains("channel id", Assert.Throws<ArgumentException>(() => withIds.Forecast(window, null, forecast)).Message);
        Assert.Contains("no channel ids", Assert.Throws<ArgumentException>(() => withoutIds.Forecast(window, 0, forecast)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => withIds.Forecast(window, 3, forecast));
        Assert.Contains("exactly 3", Assert.Throws<ArgumentException>(() => withIds.ForecastChannels(new double[16], new double[12])).Message);
        Assert.Contains("no channel columns", Assert.Throws<InvalidOperationException>(() => withoutIds.ForecastObservations(window, forecast)).Message);
    }
}
