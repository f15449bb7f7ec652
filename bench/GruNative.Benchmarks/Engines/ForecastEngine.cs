namespace GruNative.Benchmarks.Engines;

/// <summary>
/// One implementation of a forecaster, driven the way the comparison benchmarks drive every engine: a stream of steps
/// with the state kept inside (batch 1: one step of every layer, then the head), and whole windows from a zero state.
/// Each engine allocates its buffers up front and, as far as the engine allows, nothing per call.
/// </summary>
public abstract class ForecastEngine(ModelSpec spec) : IDisposable
{
    /// <summary>The model's shape.</summary>
    public ModelSpec Spec { get; } = spec;

    /// <summary>Returns the streaming state to zero.</summary>
    public abstract void Reset();

    /// <summary>Advances every layer by one step on <paramref name="input"/> (I values), then runs the head into <paramref name="forecast"/> (O values).</summary>
    public abstract void Step(ReadOnlySpan<float> input, Span<float> forecast);

    /// <summary>Zero state → the window ([T, I] row-major) → head. The streaming state is undefined afterwards: <see cref="Reset"/> before streaming again.</summary>
    public abstract void Forecast(ReadOnlySpan<float> window, Span<float> forecast);

    /// <summary>
    /// Writes the streaming state — h of layers 0…L−1, then (LSTM) c of layers 0…L−1, H values each — or returns false
    /// when the engine does not expose it.
    /// </summary>
    public abstract bool TryCopyState(Span<float> destination);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
