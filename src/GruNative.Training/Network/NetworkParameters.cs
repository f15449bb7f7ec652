using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace GruNative.Training.Network;

/// <summary>
/// Every parameter of one model in a single flat <typeparamref name="T"/>[] laid out by a
/// <see cref="ParameterLayout"/> — the vector <see cref="Network{T}"/> reads and the optimiser updates — and its
/// conversion from and to <see cref="ModelWeights"/> (the float32 tensors the runtime and weights files use).
/// </summary>
/// <typeparam name="T">float for training; double for gradient checks.</typeparam>
public sealed class NetworkParameters<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>All-zero parameters for <paramref name="layout"/>.</summary>
    public NetworkParameters(ParameterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        Values = new T[layout.Length];
    }

    /// <summary>Where each tensor lives in <see cref="Values"/>.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>The parameters, <see cref="ParameterLayout.Length"/> of them; writable, so an optimiser can update them in place.</summary>
    public T[] Values { get; }

    /// <summary>Converts float32 weights to a flat vector; every value is represented exactly when <typeparamref name="T"/> is float or double.</summary>
    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types",
        Justification = "T is the element type of the result and cannot be inferred from the arguments; NetworkParameters<float>.FromWeights(w) says exactly what it builds.")]
    public static NetworkParameters<T> FromWeights(ModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var parameters = new NetworkParameters<T>(new ParameterLayout(weights.Spec));
        var layout = parameters.Layout;
        Span<T> values = parameters.Values;
        for (int k = 0; k < weights.Spec.Layers; k++)
        {
            var layer = weights.Layers[k];
            Widen(layer.WeightIh, layout.WeightIh(k).Slice(values));
            Widen(layer.WeightHh, layout.WeightHh(k).Slice(values));
            Widen(layer.BiasIh, layout.BiasIh(k).Slice(values));
            Widen(layer.BiasHh, layout.BiasHh(k).Slice(values));
        }
        Widen(weights.HeadWeight, layout.HeadWeight.Slice(values));
        Widen(weights.HeadBias, layout.HeadBias.Slice(values));
        return parameters;
    }

    /// <summary>
    /// PyTorch's default initialisation (uniform in [−1/√H, 1/√H] for every tensor), drawn by
    /// <see cref="ModelWeights.CreateRandom"/> so a seed gives the same model here as everywhere else.
    /// </summary>
    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types",
        Justification = "T is the element type of the result and cannot be inferred from the arguments; NetworkParameters<float>.FromWeights(w) says exactly what it builds.")]
    public static NetworkParameters<T> Initialize(ModelSpec spec, int seed) => FromWeights(ModelWeights.CreateRandom(spec, seed));

    /// <summary>
    /// Rounds the parameters to float32 tensors (round to nearest) and wraps them as weights ready to save.
    /// The round trip <c>FromWeights(w).ToWeights()</c> is exact.
    /// </summary>
    /// <param name="preprocessing">Scalers and window lengths to store with the weights, if any.</param>
    /// <param name="extraMetadata">Metadata that is not GruNative's own, kept verbatim.</param>
    /// <exception cref="ArgumentException">A parameter is not finite in float32 (training diverged), or the metadata does not fit the model.</exception>
    public ModelWeights ToWeights(Preprocessing? preprocessing = null, IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        ReadOnlySpan<T> values = Values;
        var spec = Layout.Spec;
        var layers = new RecurrentLayerWeights[spec.Layers];
        for (int k = 0; k < spec.Layers; k++)
        {
            layers[k] = new RecurrentLayerWeights(
                Narrow(Layout.WeightIh(k).Slice(values)), Narrow(Layout.WeightHh(k).Slice(values)),
                Narrow(Layout.BiasIh(k).Slice(values)), Narrow(Layout.BiasHh(k).Slice(values)));
        }
        return new ModelWeights(spec, layers, Narrow(Layout.HeadWeight.Slice(values)), Narrow(Layout.HeadBias.Slice(values)), preprocessing, extraMetadata);
    }

    /// <summary>A deep copy (for example to keep the best parameters seen during training).</summary>
    public NetworkParameters<T> Clone()
    {
        var copy = new NetworkParameters<T>(Layout);
        Values.AsSpan().CopyTo(copy.Values);
        return copy;
    }

    private static void Widen(ReadOnlySpan<float> source, Span<T> destination)
    {
        for (int i = 0; i < source.Length; i++)
            destination[i] = T.CreateChecked(source[i]);
    }

    private static float[] Narrow(ReadOnlySpan<T> source)
    {
        // A plain (round-to-nearest) conversion: a value beyond float's range becomes ±infinity rather than being clamped
        // to float.MaxValue (what CreateSaturating would do), so ModelWeights rejects it with the tensor's name and index
        // instead of a diverged model being saved silently.
        var values = new float[source.Length];
        for (int i = 0; i < source.Length; i++)
            values[i] = float.CreateTruncating(source[i]);
        return values;
    }
}
