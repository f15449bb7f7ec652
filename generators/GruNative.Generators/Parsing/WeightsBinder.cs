using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GruNative.Generators.Model;
using GruNative.Kernels;

namespace GruNative.Generators.Parsing;

/// <summary>
/// Joins a declaration with the weights file it names: finds the file among AdditionalFiles, checks every tensor
/// against the declared shape with the runtime's own rules (<see cref="PyTorchTensors"/>), and packs the weights
/// with the runtime's own layout (<see cref="KernelLayout"/>).
/// </summary>
internal static class WeightsBinder
{
    public static ModelToEmit Bind(DeclarationResult result, ImmutableArray<ParsedWeightsFile> files)
    {
        var declaration = result.Declaration;
        if (declaration is null)
            return new ModelToEmit(null, null, EquatableArray<float>.Empty, EquatableArray<MetadataEntry>.Empty, result.Diagnostics);
        if (declaration.WeightsFile is null)
            return new ModelToEmit(declaration, null, EquatableArray<float>.Empty, EquatableArray<MetadataEntry>.Empty, EquatableArray<DiagnosticInfo>.Empty);

        ModelToEmit Fail(DiagnosticInfo diagnostic) =>
            new(null, null, EquatableArray<float>.Empty, EquatableArray<MetadataEntry>.Empty, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));

        var file = WeightsFileLocator.Find(declaration.WeightsFile, files, declaration.FullName, declaration.Location, out var failure);
        if (file is null)
            return Fail(failure!);
        string fileName = System.IO.Path.GetFileName(file.Path);

        var tensors = new FileTensors(file);
        var shapes = tensors.Shapes;

        // The file's own shape first, so a file for another model is reported as such rather than tensor by tensor.
        var declared = declaration.Spec;
        ModelSpec held;
        try
        {
            held = PyTorchTensors.Infer(shapes, fileName);
            if (held.Equals(declared))
                PyTorchTensors.CheckTensors(shapes, declared, fileName);
        }
        catch (WeightsFormatException ex)
        {
            return Fail(DiagnosticInfo.Create(Diagnostics.TensorMismatch, tensors.LocationOf(ex.TensorName), declaration.FullName, ex.TensorName ?? "", fileName, ex.Problem));
        }
        if (!held.Equals(declared))
            return Fail(DiagnosticInfo.Create(Diagnostics.ModelMismatch, declaration.Location, declaration.FullName, declared.ToString(), fileName, held.ToString()));

        if (MetadataChecker.FindProblem(file.Metadata, declared) is { } problem)
            return Fail(DiagnosticInfo.Create(Diagnostics.InvalidMetadata, new LocationInfo(file.Path, default, default), fileName, problem.Key, problem.Value));

        float[] packed;
        try
        {
            packed = Pack(declared, tensors.ByName, declaration.Precision);
        }
        catch (System.ArgumentException) when (declaration.Precision == WeightPrecision.BFloat16)
        {
            // The tensors were checked above, so what fails is a weight that bfloat16 cannot hold.
            return Fail(DiagnosticInfo.Create(Diagnostics.InvalidWeightPrecision, declaration.Location, declaration.FullName,
                $"{fileName} holds a layer weight beyond bfloat16's largest finite value (about 3.39e38); declare WeightPrecision.Fp32"));
        }
        return new ModelToEmit(declaration, file.Path, packed.ToEquatableArray(), file.Metadata, EquatableArray<DiagnosticInfo>.Empty);
    }

    private static float[] Pack(ModelSpec spec, Dictionary<string, TensorInfo> tensors, WeightPrecision precision)
    {
        var layers = new float[spec.Layers][][];
        for (int k = 0; k < spec.Layers; k++)
        {
            layers[k] = new[]
            {
                tensors[PyTorchTensors.WeightIh(k)].Values.AsArray(), tensors[PyTorchTensors.WeightHh(k)].Values.AsArray(),
                tensors[PyTorchTensors.BiasIh(k)].Values.AsArray(), tensors[PyTorchTensors.BiasHh(k)].Values.AsArray(),
            };
        }
        return KernelLayout.PackModel(spec, layers,
            tensors[PyTorchTensors.HeadWeight].Values.AsArray(), tensors[PyTorchTensors.HeadBias].Values.AsArray(), precision);
    }
}
