using static GruNative.Tests.Weights.SafeTensorsTestKit;

namespace GruNative.Tests.Weights;

/// <summary>Box–Cox transforms and the seasonal window normalisation in the weights metadata: round trips and refusals.</summary>
public class TransformMetadataTests
{
    private static ModelWeights Seasonal() => ModelWeights.CreateRandom(
        new ModelSpec(CellKind.Gru, 2, 3, 1, 12), seed: 4,
        new Preprocessing(
            [new ColumnScaler("month", 6.5, 3.4), new ColumnScaler("passengers", 5.4, 0.4, 0)],
            [new ColumnScaler("passengers", 5.4, 0.4, 0)],
            lookback: 36, horizon: 12, WindowNormalization.Seasonal, seasonLength: 12));

    [Fact]
    public void Transforms_and_season_round_trip_through_both_formats_under_their_keys()
    {
        var model = Seasonal();
        var map = WeightsMetadata.Encode(model);
        Assert.Equal("[\"passengers\"]", map[WeightsMetadata.BoxCoxColumns]);
        Assert.Equal("[0]", map[WeightsMetadata.BoxCoxLambda]);
        Assert.Equal("12", map[WeightsMetadata.SeasonLength]);
        Assert.Equal("seasonal", map[WeightsMetadata.WindowNormalizationKey]);

        foreach (var read in new[] { ModelLoads(ReadVia.Span, SafeTensorsWeights.ToBytes(model)), JsonWeights.Parse(JsonWeights.Format(model)) })
        {
            var p = read.Preprocessing!;
            Assert.Equal(model.Preprocessing, p);
            Assert.Null(p.InputColumns[0].BoxCoxLambda);
            Assert.Equal(0, p.InputColumns[1].BoxCoxLambda);
            Assert.Equal(0, p.TargetColumns[0].BoxCoxLambda);
            Assert.Equal(12, p.SeasonLength);
            Assert.Equal(WindowNormalization.Seasonal, p.WindowNormalization);
            Assert.Equal(2 * 13, p.LevelsPerWindow);
        }
    }

    [Theory]
    [InlineData(WeightsMetadata.BoxCoxLambda, "[-0.5]", "outside [0, 2]")]
    [InlineData(WeightsMetadata.BoxCoxLambda, "[0, 1]", "1 column(s) but 2")]
    [InlineData(WeightsMetadata.BoxCoxLambda, null, "must appear together")]
    [InlineData(WeightsMetadata.BoxCoxColumns, "[\"rain\"]", "'rain' is neither an input nor a target column")]
    [InlineData(WeightsMetadata.BoxCoxColumns, "[\"passengers\", \"passengers\"]", "2 column(s) but 1")]
    [InlineData(WeightsMetadata.SeasonLength, null, "needs a season length")]
    [InlineData(WeightsMetadata.SeasonLength, "0", "not a positive integer")]
    [InlineData(WeightsMetadata.SeasonLength, "19", "at least two seasons (38), not 36")]
    [InlineData(WeightsMetadata.WindowNormalizationKey, "last", "only read by the seasonal")]
    public void Bad_transform_or_season_metadata_is_refused_with_its_key(string key, string? value, string message)
    {
        var e = Assert.Throws<WeightsFormatException>(() => ModelLoads(ReadVia.Span, WithMetadata(Seasonal(), key, value)));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Intervals_round_trip_through_both_formats_and_bad_ones_are_refused()
    {
        var intervals = new PredictionIntervals([0.8, 0.95], Enumerable.Range(0, 24).Select(i => 0.1 * (i % 12 + 1) + (i >= 12 ? 0.5 : 0)).ToArray());
        var model = ModelWeights.CreateRandom(Seasonal().Spec, 4, Seasonal().Preprocessing!.WithIntervals(intervals));
        var map = WeightsMetadata.Encode(model);
        Assert.Equal("[0.8,0.95]", map[WeightsMetadata.IntervalLevels]);
        foreach (var read in new[] { ModelLoads(ReadVia.Span, SafeTensorsWeights.ToBytes(model)), JsonWeights.Parse(JsonWeights.Format(model)) })
            Assert.Equal(intervals, read.Preprocessing!.Intervals);

        string Refused(string key, string? value) =>
            Assert.Throws<WeightsFormatException>(() => ModelLoads(ReadVia.Span, WithMetadata(model, key, value))).Message;
        Assert.Contains("outside (0, 1)", Refused(WeightsMetadata.IntervalLevels, "[0.8,1.5]"));
        Assert.Contains("must increase", Refused(WeightsMetadata.IntervalLevels, "[0.95,0.8]"));
        Assert.Contains("must appear together", Refused(WeightsMetadata.IntervalOffsets, null));
        Assert.Contains("× the head's 12 output(s)", Refused(WeightsMetadata.IntervalOffsets, "[1,2,3,4]"));
        Assert.Contains("narrows", Refused(WeightsMetadata.IntervalOffsets, "[" + string.Join(",", Enumerable.Repeat("2", 12).Concat(Enumerable.Repeat("1", 12))) + "]"));
        Assert.Contains("must be finite and ≥ 0", Refused(WeightsMetadata.IntervalOffsets, "[" + string.Join(",", Enumerable.Repeat("-1", 24)) + "]"));
        Assert.Contains("is only read with", Assert.Throws<WeightsFormatException>(() => ModelLoads(ReadVia.Span, WithMetadata(Seasonal(), WeightsMetadata.IntervalScaleSteps, "3"))).Message);

        // Scale-adaptive intervals keep their k, and need a lookback of k + 1.
        var adaptive = ModelWeights.CreateRandom(Seasonal().Spec, 4, Seasonal().Preprocessing!.WithIntervals(new PredictionIntervals(intervals.Levels, Enumerable.Range(0, 24).Select(i => 1.0 + (i >= 12 ? 1 : 0)).ToArray(), scaleSteps: 12)));
        Assert.Equal("12", WeightsMetadata.Encode(adaptive)[WeightsMetadata.IntervalScaleSteps]);
        Assert.Equal(12, ModelLoads(ReadVia.Span, SafeTensorsWeights.ToBytes(adaptive)).Preprocessing!.Intervals!.ScaleSteps);
        Assert.Contains("not a positive integer", Assert.Throws<WeightsFormatException>(() => ModelLoads(ReadVia.Span, WithMetadata(adaptive, WeightsMetadata.IntervalScaleSteps, "0"))).Message);
        Assert.Contains("lookback of at least 41", Assert.Throws<WeightsFormatException>(() => ModelLoads(ReadVia.Span, WithMetadata(adaptive, WeightsMetadata.IntervalScaleSteps, "40"))).Message);
    }

    [Fact]
    public void A_tracking_rate_round_trips_through_both_formats_and_a_bad_one_is_refused()
    {
        var intervals = new PredictionIntervals([0.8, 0.95], Enumerable.Range(0, 24).Select(i => 0.1 * (i % 12 + 1) + (i >= 12 ? 0.5 : 0)).ToArray(), trackingRate: 0.005);
        var model = ModelWeights.CreateRandom(Seasonal().Spec, 4, Seasonal().Preprocessing!.WithIntervals(intervals));
        Assert.Equal("0.005", WeightsMetadata.Encode(model)[WeightsMetadata.IntervalTrackingRate]);
        foreach (var read in new[] { ModelLoads(ReadVia.Span, SafeTensorsWeights.ToBytes(model)), JsonWeights.Parse(JsonWeights.Format(model)) })
        {
            Assert.Equal(0.005, read.Preprocessing!.Intervals!.TrackingRate);
            Assert.Equal(intervals, read.Preprocessing.Intervals);
        }
        Assert.NotEqual(intervals, intervals.WithTrackingRate(null));
        Assert.False(WeightsMetadata.Encode(ModelWeights.CreateRandom(Seasonal().Spec, 4, Seasonal().Preprocessing!.WithIntervals(intervals.WithTrackingRate(null))))
            .ContainsKey(WeightsMetadata.IntervalTrackingRate));

        string Refused(string? value) =>
            Assert.Throws<WeightsFormatException>(() => ModelLoads(ReadVia.Span, WithMetadata(model, WeightsMetadata.IntervalTrackingRate, value))).Message;
        Assert.Contains("outside (0, 1]", Refused("0"));
        Assert.Contains("outside (0, 1]", Refused("1.5"));
        Assert.Contains("outside (0, 1]", Refused("NaN"));
        Assert.Contains("is not a number", Refused("fast"));
        Assert.Contains("is only read with", Assert.Throws<WeightsFormatException>(() => ModelLoads(ReadVia.Span, WithMetadata(Seasonal(), WeightsMetadata.IntervalTrackingRate, "0.01"))).Message);
    }

    [Fact]
    public void A_twice_named_column_is_refused()
    {
        var bytes = Edited(Seasonal(), (_, m) =>
        {
            m[WeightsMetadata.BoxCoxColumns] = "[\"passengers\", \"passengers\"]";
            m[WeightsMetadata.BoxCoxLambda] = "[0, 0]";
        });
        Assert.Contains("appears twice", Assert.Throws<WeightsFormatException>(() => ModelLoads(ReadVia.Span, bytes)).Message);
    }
}
