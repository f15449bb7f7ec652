// GruNative, getting started. Models.cs declares the models; this file uses them:
//   1. stream a series into a model one step at a time (Step) and forecast whenever you like (Predict);
//   2. save the recurrent state and restore it (CopyTo, CopyFrom), e.g. across a restart;
//   3. forecast from a window of recent steps in one call (Forecast);
//   4. weights baked into the binary and the same weights loaded from a file give bit-identical forecasts.
// Run: dotnet run --project samples/GettingStarted -c Release

using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GettingStarted;

// The generated code runs the widest SIMD vectors the CPU accelerates (VectorPath.Auto); this is the same test.
string vectorPath = Vector512.IsHardwareAccelerated ? "Vector512"
    : Vector256.IsHardwareAccelerated ? "Vector256"
    : Vector128.IsHardwareAccelerated ? "Vector128"
    : "Scalar";
Console.WriteLine($"GruNative GettingStarted ({(RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "NativeAOT")}), vector path: {vectorPath}");

// A series to forecast: a sine with a period of 24 steps (say, hourly readings of a daily cycle), and its cosine.
// The GRU reads the sine (1 value per step); the LSTM reads both, row-major: sin₀, cos₀, sin₁, cos₁, …
const int Steps = 240;
float[] sine = new float[Steps];
float[] sineCosine = new float[2 * Steps];
for (int t = 0; t < Steps; t++)
{
    float angle = 2 * MathF.PI * t / 24;
    sine[t] = sineCosine[2 * t] = MathF.Sin(angle);
    sineCosine[2 * t + 1] = MathF.Cos(angle);
}

// 1. Streaming. The State struct holds the recurrent memory inline (no heap); `new` is the zero state PyTorch
//    starts from. Step feeds one observation of InputSize values; Predict runs the head, OutputSize values.
//    Buffers are allocated once, up front: Step, Predict and Forecast allocate nothing.
GruForecaster gru = GruForecaster.Baked;
var state = new GruForecaster.State();
float[] forecast = new float[GruForecaster.OutputSize];
for (int t = 0; t < Steps; t++)
    gru.Step(sine.AsSpan(t, GruForecaster.InputSize), ref state);
gru.Predict(in state, forecast);
Print($"GRU  {Steps} x Step, then Predict", forecast);

// 2. Persisting the state: CopyTo writes StateLength floats (h of every layer; for an LSTM then c), to store
//    anywhere; CopyFrom puts them back, and the model carries on exactly where it was.
float[] saved = new float[GruForecaster.StateLength];
state.CopyTo(saved);
var restored = new GruForecaster.State();
restored.CopyFrom(saved);
float[] restoredForecast = new float[GruForecaster.OutputSize];
gru.Predict(in restored, restoredForecast);
bool allIdentical = Compare("GRU  Predict after CopyTo/CopyFrom", forecast, restoredForecast);

// 3 and 4. Forecast runs a window ([T × InputSize], here the last 48 steps) from the zero state, then the head.
//    (The series repeats every 24 steps and this untrained GRU forgets quickly, so its forecast from the window
//    is close to the streamed one.) The same type loads the same weights from a safetensors file copied beside the
//    binary: one type, baked or loaded.
GruForecaster loadedGru = GruForecaster.Load(Path.Combine(AppContext.BaseDirectory, "gru_forecaster.safetensors"));
ReadOnlySpan<float> gruWindow = sine.AsSpan(Steps - 48);
float[] loadedForecast = new float[GruForecaster.OutputSize];
gru.Forecast(gruWindow, forecast);
loadedGru.Forecast(gruWindow, loadedForecast);
Print("GRU  Forecast(last 48 steps), baked", forecast);
Print("GRU  Forecast(last 48 steps), loaded", loadedForecast);
allIdentical &= Compare("GRU  baked vs loaded", forecast, loadedForecast);

LstmForecaster lstm = LstmForecaster.Baked;
LstmForecaster loadedLstm = LstmForecaster.Load(Path.Combine(AppContext.BaseDirectory, "lstm_forecaster.safetensors"));
ReadOnlySpan<float> lstmWindow = sineCosine.AsSpan((Steps - 48) * LstmForecaster.InputSize);
float[] lstmForecast = new float[LstmForecaster.OutputSize];
float[] loadedLstmForecast = new float[LstmForecaster.OutputSize];
lstm.Forecast(lstmWindow, lstmForecast);
loadedLstm.Forecast(lstmWindow, loadedLstmForecast);
Print("LSTM Forecast(last 48 steps), baked", lstmForecast);
Print("LSTM Forecast(last 48 steps), loaded", loadedLstmForecast);
allIdentical &= Compare("LSTM baked vs loaded", lstmForecast, loadedLstmForecast);

Console.WriteLine(allIdentical ? "OK" : "FAILED: outputs that should be bit-identical differ");
return allIdentical ? 0 : 1;

static void Print(string label, float[] values) =>
    Console.WriteLine($"{label + ":",-40} [{string.Join(", ", values.Select(v => v.ToString("+0.00000;-0.00000", null)))}]");

// Bit for bit, not within a tolerance: the same weights run by the same kernel give the same floats.
static bool Compare(string label, float[] expected, float[] actual)
{
    bool identical = MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual.AsSpan()));
    Console.WriteLine($"{label + ":",-40} {(identical ? "bit-identical" : "DIFFERENT")}");
    return identical;
}
