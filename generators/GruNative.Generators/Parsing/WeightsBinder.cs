using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
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

        string wanted = Normalize(declaration.WeightsFile);
        var matches = files.Where(f => Matches(Normalize(f.Path), wanted)).ToList();
        if (matches.Count == 0)
            return Fail(DiagnosticInfo.Create(Diagnostics.WeightsFileNotFound, declaration.Location, declaration.FullName, declaration.WeightsFile));
        if (matches.Count > 1)
        {
            return Fail(DiagnosticInfo.Create(Diagnostics.WeightsFileAmbiguous, declaration.Location, declaration.FullName, declaration.WeightsFile,
                matches.Count.ToString(CultureInfo.InvariantCulture), string.Join(", ", matches.Select(m => m.Path))));
        }

        var file = matches[0];
        string fileName = System.IO.Path.GetFileName(file.Path);
        if (file.Error is { } error)
        {
            return error.NonFinite
                ? Fail(DiagnosticInfo.Create(Diagnostics.NonFiniteWeight, error.Location, fileName, Format(error.Line), Format(error.Column), error.Tensor ?? "", error.Message))
                : Fail(DiagnosticInfo.Create(Diagnostics.WeightsFileMalformed, error.Location, fileName, Format(error.Line), Format(error.Column),
                    error.Tensor is null ? error.Message : $"'{error.Tensor}': {error.Message}"));
        }

        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var byName = new Dictionary<string, TensorInfo>(StringComparer.Ordinal);
        foreach (var tensor in file.Tensors)
        {
            shapes[tensor.Name] = tensor.Shape.AsArray();
            byName[tensor.Name] = tensor;
        }
        LocationInfo TensorLocation(string? name) =>
            name is not null && byName.TryGetValue(name, out var t) ? t.Location : new LocationInfo(file.Path, default, default);

        // The file's own shape first, so a file for another model is reported as such rather than tensor by tensor.
        var inferred = PyTorchTensors.Infer(shapes);
        if (!inferred.Succeeded)
            return Fail(DiagnosticInfo.Create(Diagnostics.TensorMismatch, TensorLocation(inferred.Tensor), declaration.FullName, inferred.Tensor ?? "", fileName, inferred.Problem ?? ""));
        if (inferred.GateCount != declaration.GateCount || inferred.InputSize != declaration.InputSize || inferred.HiddenSize != declaration.HiddenSize
            || inferred.Layers != declaration.Layers || inferred.OutputSize != declaration.OutputSize)
        {
            string held = $"{(inferred.GateCount == 3 ? "GRU" : "LSTM")}(I={inferred.InputSize}, H={inferred.HiddenSize}, L={inferred.Layers}) → Dense({inferred.HiddenSize} → {inferred.OutputSize})";
            return Fail(DiagnosticInfo.Create(Diagnostics.ModelMismatch, declaration.Location, declaration.FullName, declaration.Shape, fileName, held));
        }
        if (PyTorchTensors.FindMismatch(shapes, declaration.GateCount, declaration.InputSize, declaration.HiddenSize, declaration.Layers, declaration.OutputSize) is { } mismatch)
            return Fail(DiagnosticInfo.Create(Diagnostics.TensorMismatch, TensorLocation(mismatch.Key), declaration.FullName, mismatch.Key, fileName, mismatch.Value));

        if (MetadataChecker.FindProblem(file.Metadata, declaration) is { } problem)
            return Fail(DiagnosticInfo.Create(Diagnostics.InvalidMetadata, new LocationInfo(file.Path, default, default), fileName, problem.Key, problem.Value));

        return new ModelToEmit(declaration, file.Path, Pack(declaration, byName).ToEquatableArray(), file.Metadata, EquatableArray<DiagnosticInfo>.Empty);
    }

    private static float[] Pack(ModelDeclaration d, Dictionary<string, TensorInfo> tensors)
    {
        var layers = new float[d.Layers][][];
        for (int k = 0; k < d.Layers; k++)
        {
            layers[k] = new[]
            {
                tensors[PyTorchTensors.WeightIh(k)].Values.AsArray(), tensors[PyTorchTensors.WeightHh(k)].Values.AsArray(),
                tensors[PyTorchTensors.BiasIh(k)].Values.AsArray(), tensors[PyTorchTensors.BiasHh(k)].Values.AsArray(),
            };
        }
        return KernelLayout.PackModel(d.GateCount, d.InputSize, d.HiddenSize, d.Layers, d.OutputSize, layers,
            tensors[PyTorchTensors.HeadWeight].Values.AsArray(), tensors[PyTorchTensors.HeadBias].Values.AsArray());
    }

    private static string Normalize(string path) => path.Replace('\\', '/').TrimStart('.', '/');

    private static bool Matches(string path, string wanted) =>
        string.Equals(path, wanted, StringComparison.OrdinalIgnoreCase)
        || path.EndsWith("/" + wanted, StringComparison.OrdinalIgnoreCase);

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
