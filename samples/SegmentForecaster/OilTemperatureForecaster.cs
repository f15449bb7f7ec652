// The model this program runs. The attribute gives its shape; the source generator writes the model into the partial
// class at compile time — SIMD kernels for exactly this shape, the History ring buffer held inline, Forecast — with the
// weights of Model/model.weights.json baked into the binary as read-only data (with the OT scaler and the intervals).
//
// A segment model subtracts each window's last value before its encoder, so its recurrent state cannot be carried from
// one observation to the next: every forecast runs the window's 14 segments again from the History (README.md gives
// what that costs).

using GruNative;

namespace SegmentForecaster;

/// <summary>SegRNN, GRU: reads the last 336 hourly oil temperatures (14 segments of 24) and forecasts the next 96 hours.</summary>
[SegmentModel(CellKind.Gru, 336, 96, 24, 64, Channels = 1, WeightsFile = "Model/model.weights.json")]
internal sealed partial class OilTemperatureForecaster;
