using System.Globalization;

namespace GruNative.Generators.Tests.Accuracy;

/// <summary>One model shape of the compile-and-run tests, and the C# that declares it and drives it.</summary>
internal sealed record ModelCase(CellKind Cell, int Input, int Hidden, int Layers, int Output, string? WeightsFile = null)
{
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{(Cell == CellKind.Gru ? "Gru" : "Lstm")}_I{Input}_H{Hidden}_L{Layers}_O{Output}{(WeightsFile is null ? "" : "_Baked")}");

    public ModelSpec Spec => new(Cell, Input, Hidden, Layers, Output);

    public int StateLength => (Cell == CellKind.Lstm ? 2 : 1) * Layers * Hidden;

    public string Driver => Name + "Driver";

    public override string ToString() => Spec.ToString();

    /// <summary>
    /// The model declaration and a static driver class the tests call by reflection. <c>Trace</c> steps the model
    /// through <c>inputs</c> on one vector path and records, after every step, the whole state (CopyTo: h of every
    /// layer, then c) and the head's output (Predict on the same path).
    /// </summary>
    public string Source()
    {
        string attribute = Cell == CellKind.Gru ? "GruModel" : "LstmModel";
        string weights = WeightsFile is null ? "" : $", WeightsFile = \"{WeightsFile}\"";
        string baked = WeightsFile is null ? "" : $$"""

                public static object Baked() => {{Name}}.Baked;
            """;
        return $$"""
            [GruNative.{{attribute}}({{Input}}, {{Hidden}}, {{Output}}, Layers = {{Layers}}{{weights}})]
            internal partial class {{Name}};

            internal static class {{Driver}}
            {
                public static object FromWeights(GruNative.ModelWeights weights) => {{Name}}.FromWeights(weights);
                public static object LoadBytes(byte[] safetensors) => {{Name}}.Load(safetensors);
                public static object LoadStream(byte[] safetensors) => {{Name}}.Load(new System.IO.MemoryStream(safetensors));
                public static object LoadFile(string path) => {{Name}}.Load(path);
                public static GruNative.Preprocessing? Preprocessing(object model) => (({{Name}})model).Preprocessing;{{baked}}

                public static void Trace(object instance, float[] inputs, GruNative.Kernels.VectorPath path, float[] states, float[] outputs)
                {
                    var model = ({{Name}})instance;
                    var state = new {{Name}}.State();
                    int steps = inputs.Length / {{Name}}.InputSize;
                    for (int t = 0; t < steps; t++)
                    {
                        model.Step(new System.ReadOnlySpan<float>(inputs, t * {{Name}}.InputSize, {{Name}}.InputSize), ref state, path);
                        state.CopyTo(new System.Span<float>(states, t * {{Name}}.StateLength, {{Name}}.StateLength));
                        model.Predict(in state, new System.Span<float>(outputs, t * {{Name}}.OutputSize, {{Name}}.OutputSize), path);
                    }
                }

                public static float[] Forecast(object instance, float[] window)
                {
                    var output = new float[{{Name}}.OutputSize];
                    (({{Name}})instance).Forecast(window, output);
                    return output;
                }
            }

            """;
    }

    /// <summary>What <c>Trace</c> records, in float32 from the generated code or float64 from the reference.</summary>
    public sealed record Trace<T>(T[] States, T[] Outputs);

    public Trace<float> Run(Infrastructure.CompiledAssembly assembly, object model, float[] inputs, Kernels.VectorPath path)
    {
        int steps = inputs.Length / Input;
        var trace = new Trace<float>(new float[steps * StateLength], new float[steps * Output]);
        assembly.Call(Driver, "Trace", model, inputs, path, trace.States, trace.Outputs);
        return trace;
    }

    /// <summary>The same trace from <see cref="Reference.ReferenceModel{T}"/> in float64.</summary>
    public Trace<double> Reference(ModelWeights weights, float[] inputs)
    {
        var reference = new Reference.ReferenceModel<double>(weights);
        var state = reference.CreateState();
        int steps = inputs.Length / Input;
        var trace = new Trace<double>(new double[steps * StateLength], new double[steps * Output]);
        var x = new double[Input];
        for (int t = 0; t < steps; t++)
        {
            for (int i = 0; i < Input; i++)
                x[i] = inputs[t * Input + i];
            reference.Step(x, state);
            var destination = trace.States.AsSpan(t * StateLength, StateLength);
            for (int k = 0; k < Layers; k++)
            {
                state.Hidden(k).CopyTo(destination.Slice(k * Hidden, Hidden));
                if (Cell == CellKind.Lstm)
                    state.Cell(k).CopyTo(destination.Slice((Layers + k) * Hidden, Hidden));
            }
            reference.Predict(state, trace.Outputs.AsSpan(t * Output, Output));
        }
        return trace;
    }

    /// <summary>Inputs U(−2, 2), row-major [steps, I].</summary>
    public float[] Inputs(int steps, int seed)
    {
        var random = new Random(seed);
        var inputs = new float[steps * Input];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = (float)(random.NextDouble() * 4 - 2);
        return inputs;
    }
}
