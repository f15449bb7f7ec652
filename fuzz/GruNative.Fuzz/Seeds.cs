using System.Text;
using GruNative.Fuzz.Targets;
using GruNative.Training.Data;

namespace GruNative.Fuzz;

/// <summary>
/// The seed corpora (fuzz/corpus/TARGET/, committed): small valid files of every format, written by the same code the
/// programs write with, each with the sample's real metadata where the format carries it, and a few hostile files from
/// the tests. `GruNative.Fuzz seeds REPO DIR` writes them.
/// </summary>
public static class Seeds
{
    public static IEnumerable<(string Target, string Name, byte[] Bytes)> Generate(string repository)
    {
        // The sample's preprocessing (three named inputs, one target, lookback and horizon) on a small model of its shape.
        var sample = JsonWeights.Read(Path.Combine(repository, "samples/StreamingForecaster/Model/model.weights.json"));
        var withMetadata = ModelWeights.CreateRandom(new ModelSpec(CellKind.Gru, 3, 2, 1, 24), 1, sample.Preprocessing);
        var tinyGru = ModelWeights.CreateRandom(new ModelSpec(CellKind.Gru, 1, 2, 1, 1), 2);
        var smallLstm = ModelWeights.CreateRandom(new ModelSpec(CellKind.Lstm, 2, 3, 2, 2), 3);

        foreach (var (name, model) in new[] { ("gru-with-metadata", withMetadata), ("tiny-gru", tinyGru), ("lstm-2-layers", smallLstm) })
        {
            yield return ("safetensors", name + ".safetensors", SafeTensorsWeights.ToBytes(model));
            yield return ("json-weights", name + ".json", Encoding.UTF8.GetBytes(JsonWeights.Format(model)));
        }
        // Hostile headers from SafeTensorsHostileInputTests: -0 as an offset (issue 17), a float dimension.
        yield return ("safetensors", "negative-zero-offset.safetensors", SafeTensors("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-0,4]}}", 4));
        yield return ("safetensors", "float-dimension.safetensors", SafeTensors("{\"t\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}", 4));

        yield return ("generator", "tiny-gru.json", [.. GeneratorTarget.Prefix(tinyGru.Spec), .. Encoding.UTF8.GetBytes(JsonWeights.Format(tinyGru))]);
        yield return ("generator", "lstm-2-layers.json", [.. GeneratorTarget.Prefix(smallLstm.Spec), .. Encoding.UTF8.GetBytes(JsonWeights.Format(smallLstm))]);

        yield return ("metadata", "sample.txt", Metadata(withMetadata));
        yield return ("metadata", "none.txt", Metadata(tinyGru));

        yield return ("csv", "dated.csv", CsvTarget.Input(MissingValuePolicy.Error, false, true,
            "date,temperature,humidity\n2024-01-01 00:00,18.2,66\n2024-01-01 01:00,18.9,64.2\n2024-01-01 02:00,19.4,63.1\n2024-01-01 03:00,19.0,65\n"));
        yield return ("csv", "gaps-filled.csv", CsvTarget.Input(MissingValuePolicy.LinearInterpolation, false, true,
            "timestamp,a,b\n2024-01-01,1,\n2024-01-02,,2\n2024-01-03,3,3.5e0\n"));
        yield return ("csv", "semicolons.csv", CsvTarget.Input(MissingValuePolicy.ForwardFill, true, false, "x;y\n1;2\n3;\n-4.5;6E-1\n"));
        yield return ("csv", "quoted.csv", CsvTarget.Input(MissingValuePolicy.Error, false, true, "\"date\",\"v\"\n\"2024-01-01T00:00:00\",\"1.5\"\n\"2024-01-01T01:00:00\",2\n"));

        var state = new float[StateFileTarget.StateLength];
        yield return ("state-file", "zero-state.bin", StateFileTarget.Encode(1, state));
        for (int i = 0; i < state.Length; i++)
            state[i] = MathF.Sin(i);
        yield return ("state-file", "state-12345.bin", StateFileTarget.Encode(12345, state));
        // Version 2: a tracker's state after the recurrent one (its values are the tracker's to check, not the file's).
        yield return ("state-file", "tracked-state-77.bin", StateFileTarget.Encode(77, state, [77, 0.5, 0.75, -1, 76, 0.25, 0.125]));
        // Version 3: a gateway's file, three sensors' states and trackers under one checksum.
        float[] states = [.. state, .. state.Select(v => -v), .. state.Select(v => 0.5f * v)];
        yield return ("state-file", "gateway-3-sensors-9.bin", StateFileTarget.Encode(9, states, [9, 0.5, 9, 0.25, 9, -0.5], sensors: 3));

        yield return ("observations", "positional.txt", ObservationsTarget.Input(false, false, "18.2,66.0,2.1\n18.9,64.2,2.3\n\n19.4,63.1,2.0\n"));
        yield return ("observations", "header.txt", ObservationsTarget.Input(true, false, "date,power,temperature,humidity\n2024-01-01,2.1,18.2,66\n2024-01-02,2.2,18.4,65.5\n"));
        yield return ("observations", "bad-lines.txt", ObservationsTarget.Input(false, true, "18.2,66.0\n1e400,1,2\nNaN,1,2\nabc,1,2\n18.2,66.0,2.1\n"));

        yield return ("checkpoint", "after-2-epochs.safetensors", CheckpointTarget.Seed(2));
        yield return ("checkpoint", "after-3-epochs.safetensors", CheckpointTarget.Seed(3));
    }

    private static byte[] Metadata(ModelWeights model) =>
        [.. MetadataTarget.Prefix(model.Spec), .. Encoding.UTF8.GetBytes(string.Concat(WeightsMetadata.Encode(model).Select(e => $"{e.Key}={e.Value}\n")))];

    private static byte[] SafeTensors(string header, int dataBytes)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + json.Length + dataBytes];
        BitConverter.TryWriteBytes(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        return file;
    }
}
