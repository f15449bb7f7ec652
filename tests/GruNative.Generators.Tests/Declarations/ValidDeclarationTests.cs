using GruNative.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GruNative.Generators.Tests.Declarations;

/// <summary>
/// Every supported way to declare a model produces code that compiles without a single diagnostic, of any
/// severity, for a strict consumer: nullable enabled, documentation diagnosed, every warning of the newest warning
/// wave an error. Each case also calls the generated API, so a missing or misnamed member fails here.
/// </summary>
public class ValidDeclarationTests
{
    private static readonly string GruJson = TestWeights.Json(CellKind.Gru, 3, 9, 2, 2);
    private static readonly string LstmJson = TestWeights.Json(CellKind.Lstm, 2, 8, 1, 3, seed: 2);

    // {0} is the model type as seen from the Use class; the Use class exercises the whole public surface.
    private const string Use = """

        /// <summary>Calls every generated member.</summary>
        internal static class Use
        {
            /// <summary>Runs the model on zeros.</summary>
            public static float Go(global::{0} model)
            {
                global::System.Span<float> input = stackalloc float[global::{0}.InputSize];
                global::System.Span<float> output = stackalloc float[global::{0}.OutputSize];
                var state = new global::{0}.State();
                model.Step(input, ref state);
                model.Step(input, ref state, global::GruNative.Kernels.VectorPath.Scalar);
                model.Predict(in state, output);
                model.Predict(in state, output, global::GruNative.Kernels.VectorPath.Vector128);
                model.Run(input, ref state);
                model.Forecast(input, output);
                global::System.Span<float> saved = stackalloc float[global::{0}.StateLength];
                state.CopyTo(saved);
                state.CopyFrom(saved);
                state = global::{0}.State.From(saved);
                state.Reset();
                global::GruNative.Preprocessing? preprocessing = model.Preprocessing;
                global::GruNative.ModelSpec spec = global::{0}.Spec;
                model.Forecast(input, output, global::GruNative.Kernels.VectorPath.Vector256);
                return output[0] + (preprocessing is null ? 0 : 1) + spec.HiddenSize + global::{0}.Layers + Contract<global::{0}, global::{0}.State>(model);
            }

            /// <summary>The model through the runtime contract every generated type implements.</summary>
            public static int Contract<TModel, TState>(TModel model)
                where TModel : class, global::GruNative.IRecurrentForecaster<TModel, TState>
                where TState : struct, global::GruNative.IRecurrentState<TState>
            {
                var state = default(TState);
                global::System.Span<float> input = stackalloc float[TModel.InputSize];
                model.Step(input, ref state);
                return TModel.Spec.HiddenSize + TState.Length + TModel.OutputSize + (int)TModel.ActivePath;
            }

            /// <summary>Every way to load weights.</summary>
            public static global::{0} Load(global::GruNative.ModelWeights weights, byte[] bytes, string path) =>
                global::{0}.FromWeights(weights) ?? global::{0}.Load(bytes) ?? global::{0}.Load(new global::System.IO.MemoryStream(bytes)) ?? global::{0}.Load(path);
        }
        """;

    public static TheoryData<string, string, string> Declarations() => new()
    {
        {
            "GRU, baked, block namespace", "Forecasts.BakedGru", """
            namespace Forecasts
            {
                /// <summary>A model.</summary>
                [GruNative.GruModel(3, 9, 2, Layers = 2, WeightsFile = "gru.json")]
                public partial class BakedGru;
            }
            """
        },
        {
            "LSTM, baked, file-scoped namespace", "Forecasts.Deep.BakedLstm", """
            namespace Forecasts.Deep;

            /// <summary>A model.</summary>
            [GruNative.LstmModel(inputSize: 2, hiddenSize: 8, outputSize: 3, WeightsFile = "weights/lstm.json")]
            internal sealed partial class BakedLstm;
            """
        },
        {
            "GRU, loaded, global namespace", "LoadedGru", """
            /// <summary>A model.</summary>
            [GruNative.GruModel(1, 1, 1)]
            public partial class LoadedGru { }
            """
        },
        {
            "LSTM, loaded, nested in a partial class", "Forecasts.Outer.LoadedLstm", """
            namespace Forecasts
            {
                /// <summary>An outer class.</summary>
                public static partial class Outer
                {
                    /// <summary>A model.</summary>
                    [GruNative.LstmModel(7, 33, 5, Layers = 3)]
                    public partial class LoadedLstm;
                }
            }
            """
        },
        {
            "GRU, baked, nested in a partial struct in a partial class", "Forecasts.A.B.Nested", """
            namespace Forecasts;

            /// <summary>Outer.</summary>
            public partial class A
            {
                /// <summary>Middle.</summary>
                public partial struct B
                {
                    /// <summary>A model.</summary>
                    [GruNative.GruModel(3, 9, 2, Layers = 2, WeightsFile = "gru.json")]
                    internal partial class Nested;
                }
            }
            """
        },
        {
            "LSTM, loaded, nested in a partial record struct and a partial record", "R.S.M", """
            /// <summary>Outer.</summary>
            public partial record R
            {
                /// <summary>Middle.</summary>
                public partial record struct S
                {
                    /// <summary>A model.</summary>
                    [GruNative.LstmModel(64, 64, 1, Layers = 2)]
                    public partial class M;
                }
            }
            """
        },
        {
            "GRU, loaded, record class", "Forecasts.RecordModel", """
            namespace Forecasts;

            /// <summary>A model.</summary>
            [GruNative.GruModel(4, 31, 24, Layers = 4)]
            public sealed partial record class RecordModel;
            """
        },
        {
            "LSTM, baked, record", "BakedRecord", """
            /// <summary>A model.</summary>
            [GruNative.LstmModel(2, 8, 3, WeightsFile = "lstm.json")]
            public partial record BakedRecord;
            """
        },
        {
            "GRU, loaded, in a namespace under GruNative", "GruNative.Samples.InRuntimeNamespace", """
            namespace GruNative.Samples;

            /// <summary>A model.</summary>
            [GruModel(2, 16, 1)]
            public partial class InRuntimeNamespace;
            """
        },
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Compiles_without_any_diagnostic(string description, string typeName, string declaration)
    {
        _ = description;
        var run = GeneratorHarness.Run(
            new[] { declaration, Use.Replace("{0}", typeName, StringComparison.Ordinal) },
            new AdditionalText[] { new InMemoryAdditionalText("/project/gru.json", GruJson), new InMemoryAdditionalText("/project/weights/lstm.json", LstmJson) });

        run.AssertGeneratorDidNotFail();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotNull(run.SourceFor(typeName));
        Assert.Empty(run.CompilationDiagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Several_models_in_one_compilation_each_get_their_own_file()
    {
        var run = GeneratorHarness.Run(
            new[]
            {
                """
                namespace N;

                /// <summary>A.</summary>
                [GruNative.GruModel(1, 8, 1)] public partial class A;

                /// <summary>B.</summary>
                [GruNative.LstmModel(1, 8, 1)] public partial class B;

                /// <summary>C.</summary>
                [GruNative.GruModel(3, 9, 2, Layers = 2, WeightsFile = "gru.json")] public partial class C;
                """,
            },
            new AdditionalText[] { new InMemoryAdditionalText("/project/gru.json", GruJson) });

        run.AssertGeneratorDidNotFail();
        Assert.Equal(new[] { "N.A", "N.B", "N.C" }, run.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(run.CompilationDiagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void The_obsolete_Weights_property_still_bakes_with_only_its_obsolescence_warning()
    {
        var run = GeneratorHarness.Run(
            new[]
            {
                """
                namespace N;

                /// <summary>A model declared with the old property name.</summary>
                [GruNative.GruModel(3, 9, 2, Layers = 2, Weights = "gru.json")] public partial class Old;

                /// <summary>Uses the baked instance.</summary>
                internal static class UseOld
                {
                    /// <summary>The baked model.</summary>
                    public static Old Model => Old.Baked;
                }
                """,
            },
            new AdditionalText[] { new InMemoryAdditionalText("/project/gru.json", GruJson) });

        run.AssertGeneratorDidNotFail();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(new[] { "CS0618" }, run.CompilationDiagnostics.Select(d => d.Id));
    }
}
