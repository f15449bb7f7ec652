// The model this program runs. The attribute gives its shape; the source generator writes the model into the partial
// class at compile time — SIMD kernels for exactly this shape, a State struct held inline, Step, Predict — with the
// weights of Model/model.weights.json baked into the binary as read-only data.
//
// The weights come from `grunative train` on the trainer's built-in synthetic sensor series (Model/README.md has the
// exact command): three columns in (temperature, humidity, power), the next 24 hours of temperature out. They carry
// their scalers and column names as metadata, which the generator bakes in too (SensorForecaster.Baked.Preprocessing).
// The model was trained without per-window normalisation, so its state can stream step by step, forever.

using GruNative;

namespace StreamingForecaster;

/// <summary>GRU, two layers of 64 units: reads 3 values per hour and forecasts the next 24 hours of temperature.</summary>
[GruModel(inputSize: 3, hiddenSize: 64, outputSize: 24, Layers = 2, WeightsFile = "Model/model.weights.json")]
internal sealed partial class SensorForecaster;
