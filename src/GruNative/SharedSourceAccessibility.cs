namespace GruNative
{
    // The types whose source files the generator compiles too (see its csproj): those files declare them without
    // accessibility, so they are internal in the generator and no consumer of it sees a second copy; here, in the
    // runtime only, they are public. (KernelLayout and WeightsMetadata say so in their runtime-only parts; CellKind, an
    // enum, cannot be partial and says both with #if GRUNATIVE_GENERATOR.)
    public static partial class CellKindExtensions;

    public sealed partial class ModelSpec;

    public sealed partial class SegmentModelSpec;

    public static partial class ModelLimits;

    public static partial class PyTorchTensors;

    public static partial class SegmentTensors;

    public sealed partial class WeightsFormatException;
}

namespace GruNative.Kernels
{
    public static partial class BFloat16Rounding;
}
