namespace GruNative;

/// <summary>Size limits shared by the runtime and the generator.</summary>
public static class ModelLimits
{
    /// <summary>Largest accepted size of any dimension (I, H, O); keeps every tensor's element count within <see cref="int"/>.</summary>
    public const int MaxDimension = 1 << 14;

    /// <summary>Largest accepted number of layers.</summary>
    public const int MaxLayers = 64;
}
