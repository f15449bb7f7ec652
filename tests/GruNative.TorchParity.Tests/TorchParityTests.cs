using Xunit.Abstractions;

namespace GruNative.TorchParity.Tests;

/// <summary>
/// The reference forecaster, in float and in double, against libtorch — the engine PyTorch models are trained with —
/// on the whole grid (<see cref="EngineParityTests"/>): every step's top-layer output, every layer's final state and the
/// head's forecast must agree within <see cref="EngineParityTests.Tolerance"/>. libtorch shares no code with GruNative,
/// so agreement is evidence that the reference has PyTorch's semantics and gate layout, not a self-consistent mistake.
/// </summary>
[Collection(LibtorchCollection.Name)]
public sealed class TorchParityTests(ITestOutputHelper output) : EngineParityTests(LibtorchParityEngine.Instance, output);
