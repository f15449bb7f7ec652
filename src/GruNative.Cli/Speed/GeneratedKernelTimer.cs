using System;
using System.Collections.Generic;
using System.Linq;

namespace GruNative.Cli.Speed;

/// <summary>
/// The inference time per step of the kernel the GruNative generator writes for a trained model, measured on this
/// machine without the user compiling anything: each shape's kernel is generated and compiled in process
/// (<see cref="CompiledKernel"/>), timed on the calling thread, and unloaded.
/// </summary>
/// <remarks>
/// Every compilation leaves the JIT thousands of Roslyn methods to optimise in the background, for a second or more
/// (much more on a busy machine); a timing waits for that to finish (<see cref="KernelTimingOptions.JitQuiet"/>). So
/// several models are best timed in one call: every shape is compiled first, once, and the rounds run afterwards.
/// </remarks>
internal static class GeneratedKernelTimer
{
    /// <summary>Times the generated kernel on the weights in a safetensors file written by the trainer.</summary>
    /// <exception cref="T:GruNative.WeightsFormatException">The file is not a valid model.</exception>
    /// <exception cref="System.IO.IOException">The file cannot be read.</exception>
    /// <exception cref="KernelCompilationException">The kernel could not be generated or compiled.</exception>
    public static KernelTiming Measure(string safetensorsPath, KernelTimingOptions? options = null) =>
        Measure([safetensorsPath], options)[0];

    /// <summary>Times the generated kernel of <paramref name="weights"/>' shape (<see cref="ModelWeights.Spec"/>) on those weights.</summary>
    /// <exception cref="KernelCompilationException">The kernel could not be generated or compiled.</exception>
    public static KernelTiming Measure(ModelWeights weights, KernelTimingOptions? options = null) =>
        Measure([weights], options)[0];

    /// <summary>Times the models in safetensors files written by the trainer, in order; see <see cref="Measure(IReadOnlyList{ModelWeights}, KernelTimingOptions?)"/>.</summary>
    /// <exception cref="T:GruNative.WeightsFormatException">A file is not a valid model.</exception>
    /// <exception cref="System.IO.IOException">A file cannot be read.</exception>
    /// <exception cref="KernelCompilationException">A kernel could not be generated or compiled.</exception>
    public static IReadOnlyList<KernelTiming> Measure(IReadOnlyList<string> safetensorsPaths, KernelTimingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(safetensorsPaths);
        // Every file is read before anything is compiled: a broken file fails fast, with the runtime's message naming
        // the file and the problem.
        var models = safetensorsPaths.Select(path =>
        {
            ArgumentException.ThrowIfNullOrEmpty(path, nameof(safetensorsPaths));
            return SafeTensorsWeights.Read(path);
        }).ToList();
        return Measure(models, options);
    }

    /// <summary>
    /// Times each model's generated kernel on its weights, in order: one compilation per distinct shape
    /// (<see cref="ModelWeights.Spec"/>), all done before the first timing, then one timing per model.
    /// </summary>
    /// <exception cref="KernelCompilationException">A kernel could not be generated or compiled.</exception>
    public static IReadOnlyList<KernelTiming> Measure(IReadOnlyList<ModelWeights> models, KernelTimingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        options ??= new KernelTimingOptions();
        options.Validate();
        var kernels = new Dictionary<ModelSpec, CompiledKernel>();
        try
        {
            foreach (var weights in models)
            {
                ArgumentNullException.ThrowIfNull(weights, nameof(models));
                if (!kernels.ContainsKey(weights.Spec))
                    kernels.Add(weights.Spec, CompiledKernel.Compile(weights.Spec));
            }
            return models.Select(weights => kernels[weights.Spec].Time(weights, options)).ToList();
        }
        finally
        {
            foreach (var kernel in kernels.Values)
                kernel.Dispose();
        }
    }
}
