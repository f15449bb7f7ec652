namespace GruNative;

/// <summary>
/// A generated forecaster whose weights were baked into the binary at compile time (<c>WeightsFile = "…"</c> on its
/// attribute). The same type still loads other weights of its shape with <see cref="IForecaster{TSelf}.Load(string)"/>.
/// </summary>
/// <typeparam name="TSelf">The generated model type.</typeparam>
public interface IBakedForecaster<TSelf> : IForecaster<TSelf> where TSelf : class, IBakedForecaster<TSelf>
{
    /// <summary>The model with the baked weights: read-only data in the binary, no file, no allocation, no start-up cost.</summary>
    static abstract TSelf Baked { get; }
}
