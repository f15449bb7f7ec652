using System.CommandLine;
using System.IO;
using GruNative.Cli.Output;

namespace GruNative.Cli.Commands;

/// <summary>
/// <c>grunative export INPUT --output OUTPUT</c>: converts between safetensors and the generator's JSON weights (the
/// formats follow the extensions), optionally renaming a PyTorch module's tensor prefixes and widening F16/BF16/F64,
/// and prints the C# declaration for the model.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "The weights file to read (.safetensors or .json)." };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write (.safetensors or .json); omit to only print the declaration." };
        var renames = new Option<string[]>("--rename") { Description = "Rename a tensor-name prefix of a PyTorch file, OLD=NEW (e.g. lstm.=rnn. fc.=head.); repeatable." };
        var className = new Option<string>("--class-name") { Description = "The class name in the printed declaration.", DefaultValueFactory = _ => "Forecaster" };
        var command = new Command("export", "Convert weights between safetensors and JSON, and print the C# declaration.") { input, output, renames, className };
        command.SetAction(result => CommandLine.Guard(result, writer =>
        {
            string from = result.GetValue(input)!;
            string? to = result.GetValue(output);
            var pairs = ForeignTensors.ParseRenames(result.GetValue(renames) ?? []);
            ModelWeights weights;
            if (WeightsFiles.IsSafeTensors(from))
            {
                if (!File.Exists(from))
                    throw new FileNotFoundException($"{from}: no such file.", from);
                weights = SafeTensorsWeights.FromFile(ForeignTensors.Normalize(SafeTensorsFile.Read(from), pairs, from), from);
            }
            else
            {
                if (pairs.Count > 0)
                    throw new System.ArgumentException("--rename applies to safetensors input only.");
                weights = WeightsFiles.Read(from);
            }
            if (to is not null)
            {
                WeightsFiles.Write(weights, to);
                writer.WriteLine($"wrote {to}");
            }
            string json = to is not null && WeightsFiles.IsJson(to) ? Path.GetFileName(to)
                : WeightsFiles.IsJson(from) ? Path.GetFileName(from) : Path.ChangeExtension(Path.GetFileName(from), ".weights.json");
            writer.WriteLine(DeclarationSnippet.For(weights.Spec, result.GetValue(className)!, json));
            return 0;
        }));
        return command;
    }
}
