namespace GruNative.Generators.Tests.Accuracy;

/// <summary>
/// A baked model's Preprocessing is decoded at start-up from the metadata the generator checked at compile time,
/// and equals the Preprocessing of the ModelWeights the JSON file was written from (or is null when it had none),
/// exactly like a loaded model's.
/// </summary>
[Collection("Baked models")]
public class BakedPreprocessingTests(BakedModels models)
{
    public static TheoryData<int> Models() => new(Enumerable.Range(0, BakedModels.Cases.Length));

    [Theory]
    [MemberData(nameof(Models))]
    public void The_baked_preprocessing_equals_the_weights_preprocessing(int index)
    {
        var model = BakedModels.Cases[index].Model;
        var expected = models.Weights[index].Preprocessing;
        Assert.Equal(BakedModels.Cases[index].Preprocessing is null, expected is null);

        var baked = models.Assembly.Call(model.Driver, "Baked")!;
        var loaded = models.Assembly.Call(model.Driver, "LoadBytes", SafeTensorsWeights.ToBytes(models.Weights[index]))!;

        Assert.Equal(expected, (Preprocessing?)models.Assembly.Call(model.Driver, "Preprocessing", baked));
        Assert.Equal(expected, (Preprocessing?)models.Assembly.Call(model.Driver, "Preprocessing", loaded));
    }

    [Fact]
    public void Column_values_survive_bit_for_bit()
    {
        // Equality of Preprocessing already compares the doubles; this spells out the awkward ones of case 1.
        var model = BakedModels.Cases[1].Model;
        var baked = (Preprocessing)models.Assembly.Call(model.Driver, "Preprocessing", models.Assembly.Call(model.Driver, "Baked"))!;

        Assert.Equal("load \"kW\" \\ total", baked.InputColumns[0].Name);
        Assert.Equal(-1e-300, baked.InputColumns[0].Mean);
        Assert.Equal(double.Epsilon, baked.InputColumns[1].Mean);
        Assert.Equal(5e-324, baked.InputColumns[1].StandardDeviation);
        Assert.True(double.IsNegative(baked.TargetColumns[1].Mean), "−0 keeps its sign");
        Assert.Null(baked.Lookback);
        Assert.Equal(2, baked.Horizon);
    }
}
