namespace GruNative.Generators.Emitting;

/// <summary>
/// Fully qualified names for the parts of generated code that live in the user's namespace: global:: everywhere, so no
/// user type can shadow them. (The kernels live in a file-local class in GruNative.Generated, where short names are safe.)
/// </summary>
internal static class Qualified
{
    public const string Span = "global::System.Span<float>";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string ArgumentException = "global::System.ArgumentException";
    public const string Runtime = "global::GruNative.";
    public const string VectorPath = "global::GruNative.Kernels.VectorPath";
    public const string UnsafeType = "global::System.Runtime.CompilerServices.Unsafe";
    public const string MemoryMarshalType = "global::System.Runtime.InteropServices.MemoryMarshal";
    public const string AggressiveInlining = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";
    public const string Intrinsics = "global::System.Runtime.Intrinsics.";
}
