using System;
using System.Collections.Generic;
using GruNative.TestKit.Onnx;
using Xunit.Abstractions;

namespace GruNative.Parity.Tests;

/// <summary>
/// The parity grid is only evidence if the harness can fail: these tests feed ONNX Runtime a model that
/// is wrong in one small way — two gate blocks exchanged, the GRU reset variant flipped, or a single
/// parameter off by 1e-3 — and require the measured |Δ| to exceed the bound. If the exporter silently
/// ignored its mapping, or the comparison looked at the wrong values, these would pass through as "equal".
/// </summary>
public sealed class OnnxHarnessSensitivityTests
{
    private const double Perturbation = 1e-3;

    private readonly ITestOutputHelper _output;

    public OnnxHarnessSensitivityTests(ITestOutputHelper output) => _output = output;

    /// <summary>Every pair of ONNX gate slots: (z, r), (z, h), (r, h) for GRU; the six pairs of i, o, f, c for LSTM.</summary>
    public static TheoryData<CellKind, int, int> SlotSwaps
    {
        get
        {
            var swaps = new TheoryData<CellKind, int, int>();
            foreach (var cell in new[] { CellKind.Gru, CellKind.Lstm })
            {
                for (int a = 0; a < cell.GateCount(); a++)
                for (int b = a + 1; b < cell.GateCount(); b++)
                    swaps.Add(cell, a, b);
            }
            return swaps;
        }
    }

    [Theory]
    [MemberData(nameof(SlotSwaps))]
    public void Swapped_gate_blocks_are_detected(CellKind cell, int slotA, int slotB)
    {
        var weights = SmallModel(cell);
        byte[] wrong = ForecasterOnnxExport.Export(weights, OnnxGateMapping.WithSwappedSlots(cell, slotA, slotB));
        AssertDetected(weights, wrong, $"{cell} ONNX slots {slotA} and {slotB} swapped");
    }

    [Fact]
    public void Gru_without_linear_before_reset_is_detected()
    {
        var weights = SmallModel(CellKind.Gru);
        byte[] wrong = ForecasterOnnxExport.Export(weights, OnnxGateMapping.Correct with { LinearBeforeReset = false });
        AssertDetected(weights, wrong, "GRU exported with linear_before_reset = 0");
    }

    /// <summary>
    /// Which tensor of the model handed to ONNX Runtime gets element 0 moved by 1e-3. Every tensor whose
    /// values multiply an input of magnitude ~1 (x, a bias's implicit 1, the head) is listed. Recurrent
    /// weights (<c>weight_hh</c>, and <c>weight_ih</c> above layer 0) are not: they multiply a hidden value,
    /// here |h| ≲ 0.3, through a gate slope ≤ 1/4, so a 1e-3 error in a single one of them moves the outputs
    /// by only ~3e-6 to 1e-5 (measured: LSTM weight_hh_l1[0] → 2.9e-6, GRU → 1.0e-5), at or below the bound.
    /// The bound catches layout mistakes by four orders of magnitude, not every 1e-3 error in every weight.
    /// </summary>
    public static TheoryData<CellKind, string> PerturbedTensors
    {
        get
        {
            var data = new TheoryData<CellKind, string>();
            foreach (var cell in new[] { CellKind.Gru, CellKind.Lstm })
            {
                foreach (string tensor in new[]
                         {
                             PyTorchTensors.WeightIh(0), PyTorchTensors.BiasIh(0), PyTorchTensors.BiasHh(0),
                             PyTorchTensors.BiasIh(1), PyTorchTensors.BiasHh(1), PyTorchTensors.HeadWeight, PyTorchTensors.HeadBias,
                         })
                    data.Add(cell, tensor);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(PerturbedTensors))]
    public void One_weight_off_by_a_thousandth_is_detected(CellKind cell, string tensor)
    {
        var weights = SmallModel(cell);
        byte[] wrong = ForecasterOnnxExport.Export(PerturbOne(weights, tensor));
        AssertDetected(weights, wrong, $"{cell} {tensor}[0] + {Perturbation:E0}");
    }

    /// <summary>Two layers so that a mistake must also survive being fed through a second layer, H=7 so that blocks are not trivially symmetric.</summary>
    private static ModelWeights SmallModel(CellKind cell) =>
        ModelWeights.CreateRandom(new ModelSpec(cell, inputSize: 3, hiddenSize: 7, layers: 2, outputSize: 4), seed: 4242);

    private void AssertDetected(ModelWeights referenceWeights, byte[] wrongOnnx, string mistake)
    {
        var random = new Random(77);
        var sequence = new float[30 * referenceWeights.Spec.InputSize];
        for (int i = 0; i < sequence.Length; i++)
            sequence[i] = (float)(random.NextDouble() * 4 - 2);

        var result = ParityMeasurement.Measure(referenceWeights, wrongOnnx, [sequence]);
        _output.WriteLine($"{mistake}: float reference vs ORT max |Δ| = {result.FloatVsEngine}; double: {result.DoubleVsEngine}");
        Assert.True(result.FloatVsEngine.Value > OnnxParityTests.Tolerance, $"{mistake} went unnoticed: max |Δ| = {result.FloatVsEngine}");
        Assert.True(result.DoubleVsEngine.Value > OnnxParityTests.Tolerance, $"{mistake} went unnoticed: max |Δ| = {result.DoubleVsEngine}");
    }

    /// <summary>A copy of <paramref name="weights"/> with element 0 of <paramref name="tensor"/> increased by <see cref="Perturbation"/>.</summary>
    private static ModelWeights PerturbOne(ModelWeights weights, string tensor)
    {
        float[] Maybe(string name, ReadOnlySpan<float> values)
        {
            float[] copy = values.ToArray();
            if (name == tensor)
                copy[0] += (float)Perturbation;
            return copy;
        }

        var layers = new List<RecurrentLayerWeights>();
        for (int k = 0; k < weights.Spec.Layers; k++)
        {
            var layer = weights.Layers[k];
            layers.Add(new RecurrentLayerWeights(
                Maybe(PyTorchTensors.WeightIh(k), layer.WeightIh), Maybe(PyTorchTensors.WeightHh(k), layer.WeightHh),
                Maybe(PyTorchTensors.BiasIh(k), layer.BiasIh), Maybe(PyTorchTensors.BiasHh(k), layer.BiasHh)));
        }
        return new ModelWeights(weights.Spec, layers,
            Maybe(PyTorchTensors.HeadWeight, weights.HeadWeight), Maybe(PyTorchTensors.HeadBias, weights.HeadBias));
    }
}
