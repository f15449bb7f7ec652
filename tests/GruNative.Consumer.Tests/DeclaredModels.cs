// The models this project declares, the way a user would. The generator writes each kernel into the partial type,
// with the runtime contract (IRecurrentForecaster, IBakedForecaster): the test kit's harness calls the generated
// members through it, so a generated member with another signature than documented fails the build, not a test.

using GruNative;

namespace GruNative.Consumer.Tests
{
    /// <summary>Baked GRU, two layers: I=1 H=32 L=2 O=24 (a univariate day-ahead forecaster).</summary>
    [GruModel(inputSize: 1, hiddenSize: 32, outputSize: 24, Layers = 2, WeightsFile = "baked_gru.weights.json")]
    public partial class BakedGru;

    /// <summary>Baked LSTM with preprocessing metadata: I=3 H=20 L=1 O=4 (2 steps × 2 targets).</summary>
    [LstmModel(3, 20, 4, WeightsFile = "baked_lstm.weights.json")]
    public partial class BakedLstm;

    /// <summary>Loaded-at-run-time twin of <see cref="BakedGru"/>: same shape, weights from FromWeights/Load.</summary>
    [GruModel(1, 32, 24, Layers = 2)]
    public partial class LoadedGruTwin;

    /// <summary>Loaded-at-run-time twin of <see cref="BakedLstm"/>.</summary>
    [LstmModel(3, 20, 4)]
    public partial class LoadedLstmTwin;

    /// <summary>Loaded GRU, wide: I=5 H=72 L=2 O=12 (H ≥ 64 and not a multiple of 16, so 512-bit paths mix widths).</summary>
    [GruModel(5, 72, 12, Layers = 2)]
    public partial class WideGru;

    /// <summary>Loaded LSTM, odd: I=2 H=13 L=3 O=3 (H not a multiple of 8, three layers).</summary>
    [LstmModel(2, 13, 3, Layers = 3)]
    public partial class OddLstm;
}

namespace GruNative.Consumer.Tests
{
    /// <summary>Loaded GRU I=1 H=128: a layer over 96 KB, so each 512-bit pass takes one 16-unit group with k split in two (three streams at a time).</summary>
    [GruModel(1, 128, 1)]
    public partial class StreamsGru;

    /// <summary>Loaded LSTM I=8 H=64: paired 512-bit groups taken one at a time (four streams at a time), eight input rows.</summary>
    [LstmModel(8, 64, 4)]
    public partial class StreamsLstm;

    /// <summary>Loaded GRU I=3 H=48 L=2: three 16-unit groups, a pair and a single one with k split, in one kernel.</summary>
    [GruModel(3, 48, 2, Layers = 2)]
    public partial class StreamsMixedGru;
}

namespace GruNative.Consumer.Tests.Plant
{
    /// <summary>A containing type, as a user might group the models of one site.</summary>
    public static partial class Station
    {
        /// <summary>Baked GRU nested in a static partial class, weights named by a path ending: I=2 H=9 L=1 O=3.</summary>
        [GruModel(2, 9, 3, WeightsFile = "Weights/station_sensor.weights.json")]
        public partial class Sensor;

        /// <summary>Loaded twin of <see cref="Sensor"/>, nested too.</summary>
        [GruModel(2, 9, 3)]
        internal sealed partial class SensorTwin;
    }
}

namespace GruNative.Consumer.Tests
{
    /// <summary>A state over 4 KiB (Pad(520) + 520 floats = 4,160 bytes): Forecast rents it instead of using the stack.</summary>
    [GruModel(2, 520, 3)]
    public partial class LargeStateGru;
}

namespace GruNative.Consumer.Tests
{
    // bfloat16 weights (WeightPrecision.BFloat16): the tests hold each to the float64 reference of its weights with the
    // layers' weights rounded to bfloat16 (TestKit's BFloat16Reference), on every path.

    /// <summary>Baked bfloat16 twin of <see cref="BakedGru"/>: I=1 (one input row, its high halves zero), two layers; baked as bit patterns.</summary>
    [GruModel(1, 32, 24, Layers = 2, WeightsFile = "baked_gru.weights.json", WeightPrecision = WeightPrecision.BFloat16)]
    public partial class BakedGruBf16;

    /// <summary>Loaded bfloat16 GRU I=5 H=72 L=2: an odd input count, 512-bit paths mixing widths, a hidden layer of 72 inputs.</summary>
    [GruModel(5, 72, 12, Layers = 2, WeightPrecision = WeightPrecision.BFloat16)]
    public partial class WideGruBf16;

    /// <summary>Loaded bfloat16 LSTM I=2 H=13 L=3: an odd hidden size (the last recurrent row alone), three layers.</summary>
    [LstmModel(2, 13, 3, Layers = 3, WeightPrecision = WeightPrecision.BFloat16)]
    public partial class OddLstmBf16;

    /// <summary>Loaded bfloat16 GRU I=1 H=128: 512-bit passes over one 16-unit group with k split (the layer is 98 KB in bfloat16).</summary>
    [GruModel(1, 128, 1, WeightPrecision = WeightPrecision.BFloat16)]
    public partial class StreamsGruBf16;

    /// <summary>Loaded bfloat16 LSTM I=8 H=64: paired 512-bit groups, eight input rows.</summary>
    [LstmModel(8, 64, 4, WeightPrecision = WeightPrecision.BFloat16)]
    public partial class StreamsLstmBf16;
}
