// The models of this sample. An attribute gives a model's shape — values per step (inputSize), hidden units
// (hiddenSize), values forecast (outputSize) and stacked layers (Layers, default 1) — and the source generator
// writes the model into the partial class at compile time: SIMD kernels for exactly that shape, a State struct,
// Step, Predict, Run, Forecast and Load.
//
// With WeightsFile = "<file>.weights.json" (the file listed as AdditionalFiles in the .csproj) the weights are baked
// into the binary: the static Baked instance. The same type also loads weights of its shape at run time:
// Load(path) reads safetensors, as PyTorch's safetensors.torch.save_file writes them. (Without WeightsFile a type
// only loads.)
//
// The sample's files hold the same weights, baked and in safetensors: PyTorch's default initialisation, drawn by
// GruNative.ModelWeights.CreateRandom(spec, seed). They are untrained, so the forecasts are arbitrary numbers; the
// point here is the API. tests/GruNative.Samples.Tests checks the four files against their seeds and rewrites them
// when GRUNATIVE_UPDATE_WEIGHTS=1 (see its SampleWeights.cs).

using GruNative;

namespace GettingStarted;

/// <summary>GRU, one layer of 32 units: reads one value per step and forecasts the next 6. Weights baked in; Load reads others.</summary>
[GruModel(inputSize: 1, hiddenSize: 32, outputSize: 6, WeightsFile = "gru_forecaster.weights.json")]
internal sealed partial class GruForecaster;

/// <summary>LSTM, two layers of 16 units: reads two values per step and forecasts 4. Weights baked in; Load reads others.</summary>
[LstmModel(inputSize: 2, hiddenSize: 16, outputSize: 4, Layers = 2, WeightsFile = "lstm_forecaster.weights.json")]
internal sealed partial class LstmForecaster;
