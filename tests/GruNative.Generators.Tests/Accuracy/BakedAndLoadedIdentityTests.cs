using GruNative.Kernels;

namespace GruNative.Generators.Tests.Accuracy;

/// <summary>
/// Baked weights are the loaded weights, bit for bit: on every vector path, the Baked instance, FromWeights of the
/// same ModelWeights, and Load of its safetensors bytes (as a span, a stream and a file) produce identical states
/// and outputs at every step. Forecast is the same computation as stepping on the Auto path and predicting.
/// </summary>
[Collection("Baked models")]
public class BakedAndLoadedIdentityTests(BakedModels models)
{
    private const int Steps = 300;

    public static TheoryData<int> Models() => new(Enumerable.Range(0, BakedModels.Cases.Length));

    [Theory]
    [MemberData(nameof(Models))]
    public void Baked_and_every_way_of_loading_give_bit_identical_results_on_every_path(int index)
    {
        var model = BakedModels.Cases[index].Model;
        var weights = models.Weights[index];
        byte[] safetensors = SafeTensorsWeights.ToBytes(weights);
        string file = Path.Combine(Path.GetTempPath(), $"grunative-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(file, safetensors);
        try
        {
            var instances = new (string Name, object Instance)[]
            {
                ("Baked", models.Assembly.Call(model.Driver, "Baked")!),
                ("FromWeights", models.Assembly.Call(model.Driver, "FromWeights", weights)!),
                ("Load(span)", models.Assembly.Call(model.Driver, "LoadBytes", safetensors)!),
                ("Load(stream)", models.Assembly.Call(model.Driver, "LoadStream", safetensors)!),
                ("Load(path)", models.Assembly.Call(model.Driver, "LoadFile", file)!),
            };
            var inputs = model.Inputs(Steps, seed: index);
            foreach (var path in new[] { VectorPath.Vector512, VectorPath.Vector256, VectorPath.Vector128, VectorPath.Scalar, VectorPath.Auto })
            {
                var baked = model.Run(models.Assembly, instances[0].Instance, inputs, path);
                foreach (var (name, instance) in instances.Skip(1))
                {
                    var loaded = model.Run(models.Assembly, instance, inputs, path);
                    Assert.True(BitEqual(baked.States, loaded.States), $"{model} on {path}: states of Baked and {name} differ");
                    Assert.True(BitEqual(baked.Outputs, loaded.Outputs), $"{model} on {path}: outputs of Baked and {name} differ");
                }
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Forecast_is_stepping_then_predicting(int index)
    {
        var model = BakedModels.Cases[index].Model;
        var baked = models.Assembly.Call(model.Driver, "Baked")!;
        var window = model.Inputs(48, seed: 1000 + index);

        var forecast = (float[])models.Assembly.Call(model.Driver, "Forecast", baked, window)!;
        var stepped = model.Run(models.Assembly, baked, window, VectorPath.Auto);

        Assert.True(BitEqual(forecast, stepped.Outputs.AsSpan(stepped.Outputs.Length - model.Output)));
    }

    private static bool BitEqual(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(a).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(b));
}
