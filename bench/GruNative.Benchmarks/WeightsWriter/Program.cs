using System.Globalization;
using System.Text.RegularExpressions;
using GruNative;

// Usage: GruNative.Benchmarks.WeightsWriter OUTPUT_DIRECTORY NAME...
// For each benchmark model NAME (Gru|Lstm, I<in>, H<hidden>, optional L<layers> and O<outputs>; defaults L1 and O1 —
// GruI1H16, LstmI8H128, GruI1H64L2), writes NAME.weights.json with ModelWeights.CreateRandom(spec, seed: 1): the
// weights the benchmarks' loaded rows use, so a baked model and its loaded twin hold the same numbers bit for bit.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: GruNative.Benchmarks.WeightsWriter OUTPUT_DIRECTORY NAME...");
    return 2;
}

Directory.CreateDirectory(args[0]);
foreach (string name in args.Skip(1))
{
    var match = Regex.Match(name, "^(Gru|Lstm)I([0-9]+)H([0-9]+)(?:L([0-9]+))?(?:O([0-9]+))?$");
    if (!match.Success)
    {
        Console.Error.WriteLine($"'{name}' is not a benchmark model name such as GruI1H16, LstmI8H128 or GruI1H64L2.");
        return 2;
    }
    int Size(int group, int absent) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : absent;
    var spec = new ModelSpec(match.Groups[1].Value == "Gru" ? CellKind.Gru : CellKind.Lstm,
        inputSize: Size(2, 0), hiddenSize: Size(3, 0), layers: Size(4, 1), outputSize: Size(5, 1));
    JsonWeights.Save(ModelWeights.CreateRandom(spec, seed: 1), Path.Combine(args[0], name + ".weights.json"));
}
return 0;
