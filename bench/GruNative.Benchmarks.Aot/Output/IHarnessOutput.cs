using GruNative.Kernels;

namespace GruNative.Benchmarks.Aot.Output;

/// <summary>What the harness times and how it prints each result: Markdown rows for people, or lines for a script.</summary>
internal interface IHarnessOutput
{
    /// <summary>The vector paths each wanted model is timed on.</summary>
    IReadOnlyList<VectorPath> Paths { get; }

    /// <summary>Whether to time the model at all.</summary>
    bool Wants(ModelSpec spec, string label);

    /// <summary>Printed once, before the first model.</summary>
    void WriteHeader();

    /// <summary>One model on one path: median nanoseconds per Step + Predict.</summary>
    void Write(ModelSpec spec, string label, VectorPath path, double nanosecondsPerStep);
}
