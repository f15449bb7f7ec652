using GruNative.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GruNative.Generators.Tests.Baselines;

/// <summary>
/// The generated source of four representative models equals the golden files in this folder (see README.md;
/// <c>GRUNATIVE_UPDATE_BASELINES=1</c> rewrites them).
/// </summary>
public class BaselineTests
{
    private const string Source = """
        using GruNative;

        namespace Samples
        {
            /// <summary>GRU I=1 H=8 O=1, loaded.</summary>
            [GruModel(1, 8, 1)]
            public partial class TinyGru;

            /// <summary>LSTM I=2 H=40 L=2 O=3, baked.</summary>
            [LstmModel(2, 40, 3, Layers = 2, WeightsFile = "lstm.weights.json")]
            public partial class BakedLstm;

            /// <summary>GRU I=3 H=24 O=1 with bfloat16 weights, loaded: a 16-unit group and an 8-unit one, an odd input count.</summary>
            [GruModel(3, 24, 1, WeightPrecision = WeightPrecision.BFloat16)]
            public partial class TinyGruBf16;

            /// <summary>A station.</summary>
            public partial class Station
            {
                /// <summary>Its sensors.</summary>
                public partial struct Sensors
                {
                    /// <summary>GRU I=5 H=33 L=3 O=2, loaded.</summary>
                    [GruModel(5, 33, 2, Layers = 3)]
                    public partial class NestedGru;
                }
            }
        }

        /// <summary>LSTM I=64 H=64 L=2 O=24, loaded.</summary>
        [LstmModel(64, 64, 24, Layers = 2)]
        public partial class WideLstm;

        namespace Samples.Segments
        {
            /// <summary>SegRNN GRU L=96 H=24 w=12 d=24 PMF C=3 (channel ids), loaded.</summary>
            [SegmentModel(CellKind.Gru, 96, 24, 12, 24, Channels = 3)]
            public partial class GridLoad;

            /// <summary>SegRNN LSTM L=48 H=12 w=6 d=16 RMF, loaded.</summary>
            [SegmentModel(CellKind.Lstm, 48, 12, 6, 16, Decoding = SegmentDecoding.Recurrent)]
            public partial class RecurrentLstm;
        }
        """;

    private static readonly Lazy<GeneratorRun> Run = new(() =>
    {
        var preprocessing = new Preprocessing(
            inputColumns: [new ColumnScaler("load", 12.5, 3.25), new ColumnScaler("temperature \"°C\"", -1.0 / 3, 0.1)],
            targetColumns: [new ColumnScaler("load", 12.5, 3.25)],
            lookback: 96,
            horizon: 3);
        string json = TestWeights.Json(CellKind.Lstm, 2, 40, 2, 3, seed: 7, preprocessing);
        return GeneratorHarness.Run(new[] { Source }, new AdditionalText[] { new InMemoryAdditionalText("/project/models/lstm.weights.json", json) });
    });

    [Theory]
    [InlineData("Samples.TinyGru")]
    [InlineData("Samples.TinyGruBf16")]
    [InlineData("Samples.BakedLstm")]
    [InlineData("Samples.Station.Sensors.NestedGru")]
    [InlineData("WideLstm")]
    [InlineData("Samples.Segments.GridLoad")]
    [InlineData("Samples.Segments.RecurrentLstm")]
    public void Generated_source_matches_the_baseline(string model)
    {
        Run.Value.AssertGeneratorDidNotFail();
        Assert.Empty(Run.Value.GeneratorDiagnostics);
        Assert.True(Run.Value.Sources.TryGetValue(model, out var source), $"no source for {model}; generated: {string.Join(", ", Run.Value.Sources.Keys)}");

        Baseline.AssertMatches(model + ".g.cs.txt", source);
    }

    [Fact]
    public void The_baselined_models_compile_cleanly() =>
        Assert.Empty(Run.Value.CompilationDiagnostics.Select(d => d.ToString()));

    [Fact]
    public void Every_baseline_file_belongs_to_a_test()
    {
        var expected = new[]
        {
            "Samples.BakedLstm.g.cs.txt", "Samples.Segments.GridLoad.g.cs.txt", "Samples.Segments.RecurrentLstm.g.cs.txt",
            "Samples.Station.Sensors.NestedGru.g.cs.txt", "Samples.TinyGru.g.cs.txt", "Samples.TinyGruBf16.g.cs.txt", "WideLstm.g.cs.txt",
        };
        if (Baseline.Updating)
            return;
        Assert.Equal(expected, System.IO.Directory.GetFiles(Baseline.Directory, "*.g.cs.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
