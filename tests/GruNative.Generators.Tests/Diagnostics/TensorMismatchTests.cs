using System.Text.Json.Nodes;
using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Diagnostics;

/// <summary>
/// GRUN007: the file's tensors must be exactly those of the declared model — none missing, none misshaped, none
/// left over. The diagnostic names the tensor and says what was expected and what was found; it points at the
/// tensor in the JSON file when the tensor is there.
/// </summary>
public class TensorMismatchTests
{
    private const string Declaration = "[GruNative.GruModel(2, 4, 3, Layers = 2, WeightsFile = \"model.json\")] public partial class Forecaster;";
    private const string Path = "/project/model.json";
    private static readonly string Json = TestWeights.Json(CellKind.Gru, 2, 4, 2, 3);

    public static TheoryData<string, Action<JsonObject>, string, string> Cases() => new()
    {
        { "a missing tensor", root => root.Remove("rnn.bias_hh_l1"), "rnn.bias_hh_l1", "tensor is missing; expected shape [12]" },
        { "a missing head", root => root.Remove("head.weight"), "head.weight", "tensor is missing: a GruNative model needs a dense head [O, H]" },
        { "a missing first layer", root => root.Remove("rnn.weight_hh_l0"), "rnn.weight_hh_l0", "tensor is missing: a GruNative model needs rnn.weight_hh_l0 [G·H, H]" },
        { "a bias too short", root => root.SetTensor("rnn.bias_ih_l0", 11), "rnn.bias_ih_l0", "shape [11] differs from the expected [12]" },
        { "a matrix too wide", root => root.SetTensor("rnn.weight_hh_l1", 12, 5), "rnn.weight_hh_l1", "shape [12, 5] differs from the expected [12, 4]" },
        { "a bias of rank 2", root => root.SetTensor("head.bias", 3, 1), "head.bias", "shape [3, 1] differs from the expected [3]" },
        { "gate blocks of no cell", root => root.SetTensor("rnn.weight_hh_l0", 5, 4), "rnn.weight_hh_l0", "shape [5, 4] is neither [3·H, H] (GRU) nor [4·H, H] (LSTM)" },
        { "a tensor left over", root => root.SetTensor("extra.tensor", 1), "extra.tensor", "tensor is not part of a 2-layer GRU forecaster (I=2, H=4, O=3); unused tensors are an error, never ignored" },
        { "a stray tensor of a third layer", root => root.SetTensor("rnn.bias_ih_l2", 12), "rnn.bias_ih_l2", "tensor is not part of a 2-layer GRU forecaster (I=2, H=4, O=3); unused tensors are an error, never ignored" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Names_the_tensor_and_what_was_expected(string description, Action<JsonObject> edit, string tensor, string problem)
    {
        _ = description;
        string json = TestWeights.Edit(Json, edit);

        var run = GeneratorHarness.Run(Declaration, (Path, json));

        var diagnostic = run.SingleDiagnostic("GRUN007");
        Assert.Equal($"'Forecaster': tensor '{tensor}' in model.json: {problem}", diagnostic.GetMessage());
        if (json.Contains($"\"{tensor}\"", StringComparison.Ordinal))
        {
            var (line, column) = TestWeights.Position(json, $"\"{tensor}\"");
            DiagnosticAssert.InFile(diagnostic, Path, line, column);
        }
        else
        {
            DiagnosticAssert.AtFileStart(diagnostic, Path);
        }
    }
}
