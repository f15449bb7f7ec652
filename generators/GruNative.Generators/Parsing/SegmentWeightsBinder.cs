using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using GruNative.Generators.Model;
using GruNative.Kernels;

namespace GruNative.Generators.Parsing;

/// <summary>
/// Joins a [SegmentModel] declaration with the weights file it names: finds the file, reads the model the file holds
/// with the runtime's own rules (<see cref="SegmentTensors"/>, <see cref="WeightsMetadata"/>), checks it is the declared
/// one, tensor by tensor and key by key, and packs the weights with the runtime's own layout (<see cref="SegmentKernelLayout"/>).
/// </summary>
internal static class SegmentWeightsBinder
{
    public static SegmentModelToEmit Bind(SegmentDeclarationResult result, ImmutableArray<ParsedWeightsFile> files)
    {
        var declaration = result.Declaration;
        if (declaration is null)
            return new SegmentModelToEmit(null, null, EquatableArray<float>.Empty, EquatableArray<MetadataEntry>.Empty, result.Diagnostics);
        if (declaration.WeightsFile is null)
            return new SegmentModelToEmit(declaration, null, EquatableArray<float>.Empty, EquatableArray<MetadataEntry>.Empty, EquatableArray<DiagnosticInfo>.Empty);

        SegmentModelToEmit Fail(DiagnosticInfo diagnostic) =>
            new(null, null, EquatableArray<float>.Empty, EquatableArray<MetadataEntry>.Empty, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));

        var file = WeightsFileLocator.Find(declaration.WeightsFile, files, declaration.FullName, declaration.Location, out var failure);
        if (file is null)
            return Fail(failure!);
        string fileName = System.IO.Path.GetFileName(file.Path);
        var fileLocation = new LocationInfo(file.Path, default, default);

        var tensors = new FileTensors(file);
        var shapes = tensors.Shapes;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in file.Metadata)
            metadata[entry.Key] = entry.Value;

        var declared = declaration.Spec;
        // A plain recurrent forecaster's file is another model, not a broken segment file.
        if (!shapes.ContainsKey(SegmentTensors.EmbeddingWeight) && shapes.ContainsKey(PyTorchTensors.HeadWeight))
        {
            string plain;
            try
            {
                plain = PyTorchTensors.Infer(shapes, fileName) + " (a plain recurrent forecaster: declare it with [GruModel] or [LstmModel])";
            }
            catch (WeightsFormatException)
            {
                plain = "a plain recurrent forecaster's tensors";
            }
            return Fail(DiagnosticInfo.Create(Diagnostics.ModelMismatch, declaration.Location, declaration.FullName, declared.ToString(), fileName, plain));
        }
        if (WeightsMetadata.FindSegmentKeyProblem(metadata) is { } keyProblem)
            return Fail(DiagnosticInfo.Create(Diagnostics.InvalidMetadata, fileLocation, fileName, keyProblem.Key, keyProblem.Value));

        // The window sizes the tensors cannot tell come from the file when it says them, else from the declaration.
        int? lookback = declared.Lookback, horizon = declared.Horizon;
        foreach (var (key, apply) in new (string, Action<int>)[] { (WeightsMetadata.Lookback, v => lookback = v), (WeightsMetadata.Horizon, v => horizon = v) })
        {
            if (!metadata.TryGetValue(key, out var text))
                continue;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
                return Fail(DiagnosticInfo.Create(Diagnostics.InvalidMetadata, fileLocation, fileName, key, $"'{text}' is not a positive integer"));
            apply(value);
        }

        SegmentModelSpec held;
        try
        {
            held = SegmentTensors.Infer(shapes, lookback, horizon, fileName);
            if (held.Equals(declared))
                SegmentTensors.CheckTensors(shapes, declared, fileName);
        }
        catch (WeightsFormatException ex)
        {
            // A window size the file's metadata gives is the metadata's fault; anything else a tensor's.
            return Fail(ex.TensorName is { } key && key.StartsWith(WeightsMetadata.KeyPrefix, StringComparison.Ordinal)
                ? DiagnosticInfo.Create(Diagnostics.InvalidMetadata, fileLocation, fileName, key, ex.Problem)
                : DiagnosticInfo.Create(Diagnostics.TensorMismatch, tensors.LocationOf(ex.TensorName), declaration.FullName, ex.TensorName ?? "", fileName, ex.Problem));
        }
        if (!held.Equals(declared))
            return Fail(DiagnosticInfo.Create(Diagnostics.ModelMismatch, declaration.Location, declaration.FullName, declared.ToString(), fileName, held.ToString()));

        if (SegmentMetadataChecker.FindProblem(metadata, declared) is { } problem)
            return Fail(DiagnosticInfo.Create(Diagnostics.InvalidMetadata, fileLocation, fileName, problem.Key, problem.Value));

        var values = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var tensor in file.Tensors)
            values[tensor.Name] = tensor.Values.AsArray();
        var packed = new float[SegmentKernelLayout.ModelLength(declared)];
        SegmentKernelLayout.Pack(declared, values, packed, 0);
        return new SegmentModelToEmit(declaration, file.Path, packed.ToEquatableArray(), file.Metadata, EquatableArray<DiagnosticInfo>.Empty);
    }
}
