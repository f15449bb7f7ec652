using System.Text.Json;
using System.Text.Json.Nodes;

namespace GruNative.Generators.Tests.Infrastructure;

/// <summary>Deterministic weights and JSON weights files for the tests.</summary>
internal static class TestWeights
{
    public static ModelWeights Create(CellKind cell, int input, int hidden, int layers, int output, int seed = 1, Preprocessing? preprocessing = null) =>
        ModelWeights.CreateRandom(new ModelSpec(cell, input, hidden, layers, output), seed, preprocessing);

    /// <summary>The JSON weights file of a PyTorch-initialised model, as <see cref="JsonWeights.Format"/> writes it.</summary>
    public static string Json(CellKind cell, int input, int hidden, int layers, int output, int seed = 1, Preprocessing? preprocessing = null) =>
        JsonWeights.Format(Create(cell, input, hidden, layers, output, seed, preprocessing));

    /// <summary>
    /// Parses a weights file, lets <paramref name="edit"/> change it (tensors and the <c>__metadata__</c> map are
    /// properties of the root object) and writes it back. Numbers keep their exact text.
    /// </summary>
    public static string Edit(string json, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        edit(root);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public static JsonObject Metadata(this JsonObject root) => root["__metadata__"]!.AsObject();

    /// <summary>Replaces a tensor's shape and data: <paramref name="shape"/> with that many zeros.</summary>
    public static void SetTensor(this JsonObject root, string name, params int[] shape)
    {
        int count = shape.Aggregate(1, (a, b) => a * b);
        root[name] = new JsonObject
        {
            ["dtype"] = "F32",
            ["shape"] = new JsonArray(shape.Select(d => (JsonNode)d).ToArray()),
            ["data"] = new JsonArray(Enumerable.Repeat(0, count).Select(v => (JsonNode)v).ToArray()),
        };
    }

    /// <summary>1-based line and column of the first occurrence of <paramref name="marker"/> in <paramref name="text"/>.</summary>
    public static (int Line, int Column) Position(string text, string marker)
    {
        int index = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{marker}' is not in the text");
        int line = 1 + text.AsSpan(0, index).Count('\n');
        int lineStart = index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
        return (line, index - lineStart + 1);
    }
}
