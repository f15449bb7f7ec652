using System.Runtime.InteropServices;

namespace GruNative.Cli.Tests;

public class ExportAndInspectTests
{
    private static ModelWeights Lstm() => ModelWeights.CreateRandom(new ModelSpec(CellKind.Lstm, 2, 5, 2, 3), seed: 7,
        new Preprocessing([new("a", 1, 2), new("b", 0, 1)], [new("b", 0, 1)], lookback: 12, horizon: 3, WindowNormalization.LastValue));

    [Fact]
    public void Safetensors_to_json_and_back_is_lossless()
    {
        using var dir = new TempFolder();
        var model = Lstm();
        SafeTensorsWeights.Save(model, dir.File("m.safetensors"));

        var toJson = CliRunner.Run("export", dir.File("m.safetensors"), "--output", dir.File("m.weights.json"));
        var back = CliRunner.Run("export", dir.File("m.weights.json"), "-o", dir.File("back.safetensors"));

        Assert.Equal(0, toJson.Exit);
        Assert.Equal(0, back.Exit);
        Assert.Equal(File.ReadAllBytes(dir.File("m.safetensors")), File.ReadAllBytes(dir.File("back.safetensors")));
        Assert.Contains("[LstmModel(inputSize: 2, hiddenSize: 5, outputSize: 3, Layers = 2, WeightsFile = \"m.weights.json\")]", toJson.Output);
        Assert.Contains("public partial class Forecaster;", toJson.Output);
    }

    [Fact]
    public void A_PyTorch_module_with_other_names_and_float64_converts_with_renames()
    {
        using var dir = new TempFolder();
        var model = Lstm();
        // The same tensors as saved from `self.lstm = nn.LSTM(...)`, `self.fc = nn.Linear(...)` in float64.
        var ours = SafeTensorsWeights.ToFile(model);
        var foreign = new SafeTensorsFile(ours.Tensors.Select(t => new SafeTensor(
            t.Name.Replace("rnn.", "lstm.", StringComparison.Ordinal).Replace("head.", "fc.", StringComparison.Ordinal), "F64", t.Shape,
            MemoryMarshal.AsBytes(t.ToFloat32().Select(f => (double)f).ToArray().AsSpan()))));
        File.WriteAllBytes(dir.File("torch.safetensors"), foreign.ToBytes());

        var inspect = CliRunner.Run("inspect", dir.File("torch.safetensors"));
        Assert.Equal(1, inspect.Exit);
        Assert.Contains("lstm.weight_ih_l0", inspect.Output);
        Assert.Contains("--rename", inspect.Error);

        var export = CliRunner.Run("export", dir.File("torch.safetensors"), "-o", dir.File("m.safetensors"), "--rename", "lstm.=rnn.", "--rename", "fc.=head.");
        Assert.Equal(0, export.Exit);
        var converted = SafeTensorsWeights.Read(dir.File("m.safetensors"));
        Assert.Equal(model.Spec, converted.Spec);
        for (int k = 0; k < model.Spec.Layers; k++)
            Assert.Equal(model.Layers[k].WeightHh.ToArray(), converted.Layers[k].WeightHh.ToArray());
        Assert.Equal(model.HeadWeight.ToArray(), converted.HeadWeight.ToArray());
    }

    [Fact]
    public void Inspect_shows_shape_parameters_preprocessing_and_declaration()
    {
        using var dir = new TempFolder();
        SafeTensorsWeights.Save(Lstm(), dir.File("m.safetensors"));

        var (exit, output, error) = CliRunner.Run("inspect", dir.File("m.safetensors"));

        Assert.Equal(0, exit);
        Assert.Empty(error);
        // LSTM parameters: Σ_k 4H(in_k + H + 2) + O(H + 1) = 4·5·(2+5+2) + 4·5·(5+5+2) + 3·6 = 180 + 240 + 18.
        Assert.Contains("model       LSTM, input 2, hidden 5, layers 2, output 3", output);
        Assert.Contains("parameters  438 ", output);
        Assert.Contains("rnn.weight_hh_l1", output);
        Assert.Contains("window normalisation LastValue", output);
        Assert.Contains("WeightsFile = \"m.weights.json\"", output);
    }

    [Theory]
    [InlineData("inspect", "missing.safetensors")]
    [InlineData("export", "missing.json")]
    public void A_missing_file_is_one_line_on_standard_error(string command, string file)
    {
        var (exit, _, error) = CliRunner.Run(command, file);
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", error);
        Assert.Contains("no such file", error);
    }

    [Fact]
    public void A_damaged_file_is_an_error_naming_the_file()
    {
        using var dir = new TempFolder();
        SafeTensorsWeights.Save(Lstm(), dir.File("m.safetensors"));
        var bytes = File.ReadAllBytes(dir.File("m.safetensors"));
        File.WriteAllBytes(dir.File("m.safetensors"), bytes[..^5]);

        var (exit, _, error) = CliRunner.Run("inspect", dir.File("m.safetensors"));

        Assert.Equal(1, exit);
        Assert.Contains("m.safetensors", error);
    }

    [Fact]
    public void Renames_need_old_and_new()
    {
        using var dir = new TempFolder();
        SafeTensorsWeights.Save(Lstm(), dir.File("m.safetensors"));
        var (exit, _, error) = CliRunner.Run("export", dir.File("m.safetensors"), "--rename", "lstm.");
        Assert.Equal(1, exit);
        Assert.Contains("expected OLD=NEW", error);
    }
}
