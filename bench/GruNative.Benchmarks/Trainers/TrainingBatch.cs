using GruNative.Training.Fitting;

namespace GruNative.Benchmarks.Trainers;

/// <summary>
/// One batch of <see cref="Workload.TrainingBatch"/> training windows cut from <see cref="Workload.Series"/>: each
/// window's 96 steps of input and the next 24 values of the first input column as its targets. Both trainers get
/// exactly these numbers, the GruNative trainer through its window-source interface.
/// </summary>
public sealed class TrainingBatch : IWindowSource
{
    private const int Stride = 5;   // steps between window starts

    public TrainingBatch(ModelSpec spec)
    {
        InputSize = spec.InputSize;
        OutputSize = spec.OutputSize;
        int steps = (Count - 1) * Stride + Lookback + OutputSize;
        float[] series = Workload.Series(0, steps, InputSize);
        Inputs = new float[Count * Lookback * InputSize];
        Targets = new float[Count * OutputSize];
        for (int w = 0; w < Count; w++)
        {
            int start = w * Stride;
            series.AsSpan(start * InputSize, Lookback * InputSize).CopyTo(Inputs.AsSpan(w * Lookback * InputSize));
            for (int o = 0; o < OutputSize; o++)
                Targets[w * OutputSize + o] = series[(start + Lookback + o) * InputSize];
        }
        Order = Enumerable.Range(0, Count).ToArray();
    }

    public int Count => Workload.TrainingBatch;

    public int Lookback => Workload.WindowSteps;

    public int InputSize { get; }

    public int OutputSize { get; }

    /// <summary>The windows, [batch][lookback][I] row-major.</summary>
    public float[] Inputs { get; }

    /// <summary>The targets, [batch][O].</summary>
    public float[] Targets { get; }

    /// <summary>0 … batch − 1: the windows of one batch, in order.</summary>
    public int[] Order { get; }

    public void Gather(ReadOnlySpan<int> windows, Span<float> inputs, Span<float> targets)
    {
        int inputLength = Lookback * InputSize;
        for (int n = 0; n < windows.Length; n++)
        {
            Inputs.AsSpan(windows[n] * inputLength, inputLength).CopyTo(inputs.Slice(n * inputLength, inputLength));
            Targets.AsSpan(windows[n] * OutputSize, OutputSize).CopyTo(targets.Slice(n * OutputSize, OutputSize));
        }
    }
}
