namespace GruNative.Generators;

/// <summary>
/// Sizes the generator accepts. They keep the inline <c>State</c> struct (at most 2·L·Pad(H) floats) small enough
/// for the stack, and the generated source and baked data reasonable; the runtime's own limits are wider.
/// </summary>
internal static class GeneratorLimits
{
    public const int MaxInputSize = 4096;
    public const int MaxHiddenSize = 2048;
    public const int MaxOutputSize = 4096;
    public const int MaxLayers = 16;

    /// <summary>The state lives inline in a struct, often on the stack: at most 128 KiB.</summary>
    public const int MaxStateFloats = 32768;
}
