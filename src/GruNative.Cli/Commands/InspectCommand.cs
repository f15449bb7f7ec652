using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using GruNative.Cli.Output;

namespace GruNative.Cli.Commands;

/// <summary>
/// <c>grunative inspect FILE</c>: shapes, parameter count, metadata and preprocessing of a weights file (GruNative's,
/// or a safetensors file saved from PyTorch), and the C# declaration that bakes it. A file that is not a GruNative
/// model is still listed, tensor by tensor, followed by what stops it from loading.
/// </summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A .safetensors or .json weights file." };
        var command = new Command("inspect", "Show the shapes, parameter count, metadata and C# declaration of a weights file.") { file };
        command.SetAction(result => CommandLine.Guard(result, output =>
        {
            string path = result.GetValue(file)!;
            Run(path, output);
            return 0;
        }));
        return command;
    }

    private static void Run(string path, TextWriter output)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such file.", path);
        string format = WeightsFiles.IsJson(path) ? "JSON weights" : "safetensors";
        output.WriteLine($"file        {path} ({format}, {new FileInfo(path).Length.ToString("N0", CultureInfo.InvariantCulture)} bytes)");

        if (WeightsFiles.IsSafeTensors(path))
        {
            // List what is there before judging it: a PyTorch file with other names is still worth seeing.
            var raw = SafeTensorsFile.Read(path);
            output.WriteLine("tensors");
            foreach (var t in raw.Tensors)
                output.WriteLine($"  {t.Name,-24} {t.DType,-5} {PyTorchTensors.Format(t.Shape)}");
            WriteMetadata(output, raw.Metadata);
            ModelWeights weights;
            try
            {
                weights = SafeTensorsWeights.FromFile(raw, path);
            }
            catch (WeightsFormatException e)
            {
                string prefixes = string.Join(", ", raw.Tensors.Select(t => t.Name.Split('.')[0] + ".").Distinct());
                throw new WeightsFormatException(path, e.TensorName,
                    $"{e.Problem}. GruNative expects PyTorch names rnn.* (nn.GRU/nn.LSTM) and head.* (nn.Linear) in float32; this file has {prefixes} — "
                    + "`grunative export FILE --output model.safetensors --rename OLD.=rnn. --rename OLD.=head.` renames and converts F16/BF16/F64");
            }
            WriteModel(output, weights, path);
        }
        else
        {
            var weights = WeightsFiles.Read(path);
            WriteMetadata(output, WeightsMetadata.Encode(weights));
            WriteModel(output, weights, path);
        }
    }

    private static void WriteMetadata(TextWriter output, System.Collections.Generic.IReadOnlyDictionary<string, string> metadata)
    {
        output.WriteLine(metadata.Count == 0 ? "metadata    (none)" : "metadata");
        foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            output.WriteLine($"  {key} = {value}");
    }

    private static void WriteModel(TextWriter output, ModelWeights weights, string path)
    {
        var spec = weights.Spec;
        string n(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
        output.WriteLine($"model       {spec.Cell.ToString().ToUpperInvariant()}, input {spec.InputSize}, hidden {spec.HiddenSize}, layers {spec.Layers}, output {spec.OutputSize}");
        output.WriteLine($"parameters  {n(spec.ParameterCount)} ({(spec.ParameterCount * 4 / 1024.0).ToString("F1", CultureInfo.InvariantCulture)} KiB as float32); {n(spec.FlopsPerStep)} FLOPs per step");
        if (weights.Preprocessing is { } p)
        {
            output.WriteLine("preprocessing");
            foreach (var c in p.InputColumns)
                output.WriteLine($"  input  {c}");
            foreach (var c in p.TargetColumns)
                output.WriteLine($"  target {c}");
            output.WriteLine($"  lookback {p.Lookback?.ToString(CultureInfo.InvariantCulture) ?? "?"}, horizon {p.Horizon?.ToString(CultureInfo.InvariantCulture) ?? "?"}, window normalisation {p.WindowNormalization}");
        }
        string json = WeightsFiles.IsJson(path) ? Path.GetFileName(path) : Path.ChangeExtension(Path.GetFileName(path), ".weights.json");
        output.WriteLine("declaration (bakes the JSON twin; `grunative export` writes it)");
        foreach (var line in DeclarationSnippet.For(spec, "Forecaster", json).Split('\n'))
            output.WriteLine("  " + line);
    }
}
