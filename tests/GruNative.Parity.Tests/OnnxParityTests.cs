using Xunit.Abstractions;

namespace GruNative.Parity.Tests;

/// <summary>
/// The reference forecaster, in float and in double, against ONNX Runtime's GRU/LSTM kernels on the whole grid
/// (<see cref="EngineParityTests"/>): every step's top-layer h, every layer's final state and the head's forecast must
/// agree within <see cref="EngineParityTests.Tolerance"/>. ONNX Runtime shares no code with GruNative, and its operators
/// are specified independently of PyTorch, so agreement here is evidence that the reference has PyTorch's semantics
/// rather than a self-consistent mistake.
/// </summary>
public sealed class OnnxParityTests(ITestOutputHelper output) : EngineParityTests(OnnxParityEngine.Instance, output);
