using System.Runtime.InteropServices;
using GruNative.Training.Network;
using GruNative.TestKit.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GruNative.Benchmarks.Engines;

/// <summary>
/// libtorch through TorchSharp: loading it, the forecaster module (the test kit's <see cref="TorchForecaster"/>,
/// PyTorch's nn.GRU/nn.LSTM + nn.Linear under the names "rnn" and "head") and moving weights into it.
/// </summary>
/// <remarks>
/// Two facts of this machine shape how it runs (README, "Install and test"): TorchSharp's native library needs GCC 13's
/// libstdc++, which Debian 12 lacks, so Program.cs restarts the process with eng/torch-shim's library preloaded; and
/// libtorch 2.10's nn.LSTM without autograd runs oneDNN's AVX-512 brgemm kernel, which returns wrong states on this
/// CPU, so Program.cs also sets ONEDNN_MAX_CPU_ISA=AVX2 (oneDNN reads it once, when libtorch loads). Every engine is
/// checked against the reference before it is timed, so a process that lacks either still fails loudly.
/// </remarks>
public static class Libtorch
{
    /// <summary>Loads libtorch (once per process) and sets its intra-op threads.</summary>
    public static void Initialize(int threads)
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception ex)
        {
            string preload = Environment.GetEnvironmentVariable("LD_PRELOAD") is { Length: > 0 } value ? $"'{value}'" : "not set";
            throw new InvalidOperationException(
                $"libtorch (TorchSharp-cpu) could not be loaded (LD_PRELOAD {preload}). On Debian 12 the process must start with " +
                "eng/torch-shim's libstdc++ shim preloaded, which Program.cs arranges when bin/ holds libglibcxx-shim.so " +
                "(built by eng/torch-shim/TorchShim.targets; needs g++). See eng/torch-shim/README.md.", ex);
        }
        torch.set_num_threads(threads);
    }

    /// <summary>The forecaster module holding <paramref name="weights"/>.</summary>
    public static TorchForecaster CreateModule(ModelWeights weights)
    {
        var module = new TorchForecaster(weights.Spec);
        var parameters = NetworkParameters<float>.FromWeights(weights);
        CopyInto(module, parameters.Layout, parameters.Values);
        return module;
    }

    /// <summary>
    /// Overwrites every parameter of <paramref name="module"/> with <paramref name="values"/>, laid out by
    /// <paramref name="layout"/> (the trainer's flat vector, whose tensors carry PyTorch's state_dict names and shapes).
    /// </summary>
    public static void CopyInto(TorchForecaster module, ParameterLayout layout, ReadOnlySpan<float> values)
    {
        var state = module.state_dict();
        if (!state.Keys.Order().SequenceEqual(layout.Tensors.Select(t => t.Name).Order()))
            throw new InvalidOperationException($"The module's tensors [{string.Join(", ", state.Keys)}] are not the model's.");
        using var noGrad = torch.no_grad();
        foreach (var tensor in layout.Tensors)
        {
            var target = state[tensor.Name];
            if (!target.shape.SequenceEqual(tensor.Shape.Select(d => (long)d)))
                throw new InvalidOperationException($"{tensor.Name}: the module's shape [{string.Join(", ", target.shape)}] is not [{string.Join(", ", tensor.Shape)}].");
            using var source = torch.tensor(tensor.Slice(values).ToArray(), target.shape);
            target.copy_(source);
        }
    }

    /// <summary>The module's recurrent layers and head, by their PyTorch names.</summary>
    public static (nn.Module Rnn, Linear Head) Parts(TorchForecaster module)
    {
        var children = module.named_children().ToDictionary(c => c.name, c => c.module);
        return ((nn.Module)children["rnn"], (Linear)children["head"]);
    }

    /// <summary>A contiguous CPU float32 tensor's storage, to read or write in place.</summary>
    public static Span<float> Floats(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);
}
