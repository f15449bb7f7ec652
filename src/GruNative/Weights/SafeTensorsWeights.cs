using System;
using System.Collections.Generic;
using System.IO;

namespace GruNative;

/// <summary>
/// Reads and writes a <see cref="ModelWeights"/> as a safetensors file with PyTorch's tensor names
/// (<see cref="PyTorchTensors"/>), float32, and GruNative's metadata keys (<see cref="WeightsMetadata"/>).
/// A file saved from a PyTorch model of the right shape with no metadata loads too: the sizes are inferred.
/// </summary>
public static class SafeTensorsWeights
{
    /// <summary>Reads a model from a whole file held in memory.</summary>
    /// <exception cref="WeightsFormatException">The bytes are not a valid GruNative model.</exception>
    public static ModelWeights Read(ReadOnlySpan<byte> file, string sourceName = "<buffer>") =>
        FromFile(SafeTensorsFile.Parse(file, sourceName), sourceName);

    /// <summary>Reads a model from a stream, to its end.</summary>
    /// <exception cref="WeightsFormatException">The content is not a valid GruNative model.</exception>
    public static ModelWeights Read(Stream stream, string sourceName = "<stream>") =>
        FromFile(SafeTensorsFile.Read(stream, sourceName), sourceName);

    /// <summary>Reads a model from disk.</summary>
    /// <exception cref="WeightsFormatException">The file is not a valid GruNative model.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ModelWeights Read(string path) => FromFile(SafeTensorsFile.Read(path), path);

    /// <summary>
    /// Maps parsed tensors to a model: every tensor must be F32 and finite; sizes are inferred from the shapes
    /// and checked against the metadata; a missing or left-over tensor is an error.
    /// </summary>
    /// <exception cref="WeightsFormatException">The tensors or metadata do not form a valid model.</exception>
    public static ModelWeights FromFile(SafeTensorsFile file, string sourceName) =>
        ModelTensors.ToModel(Float32Tensors(file, sourceName), file.Metadata, sourceName);

    /// <summary>The model as a safetensors file: PyTorch names, float32, and GruNative's metadata.</summary>
    public static SafeTensorsFile ToFile(ModelWeights weights) =>
        ToFile(ModelTensors.FromModel(weights), WeightsMetadata.Encode(weights));

    /// <summary>Every tensor of <paramref name="file"/> as float32 values, by name (any model family).</summary>
    /// <exception cref="WeightsFormatException">A tensor is not F32 (the exception names it).</exception>
    internal static Dictionary<string, (long[] Shape, float[] Values)> Float32Tensors(SafeTensorsFile file, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(file);
        var tensors = new Dictionary<string, (long[] Shape, float[] Values)>(StringComparer.Ordinal);
        foreach (var tensor in file.Tensors)
        {
            if (tensor.DType != "F32")
                throw new WeightsFormatException(sourceName, tensor.Name, $"dtype {tensor.DType} is not supported; GruNative reads F32 (convert with tensor.float() before saving)");
            tensors.Add(tensor.Name, (tensor.Shape, tensor.ToFloat32()));
        }
        return tensors;
    }

    /// <summary>Named float32 tensors and a metadata map as a safetensors file (any model family).</summary>
    internal static SafeTensorsFile ToFile(IEnumerable<(string Name, long[] Shape, float[] Values)> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var file = new List<SafeTensor>();
        foreach (var (name, shape, values) in tensors)
            file.Add(SafeTensor.FromFloat32(name, shape, values));
        return new SafeTensorsFile(file, metadata);
    }

    /// <summary>The model's safetensors bytes.</summary>
    public static byte[] ToBytes(ModelWeights weights) => ToFile(weights).ToBytes();

    /// <summary>Writes the model to <paramref name="stream"/>.</summary>
    public static void Write(ModelWeights weights, Stream stream) => ToFile(weights).WriteTo(stream);

    /// <summary>Saves the model atomically (temporary file, flush, rename).</summary>
    public static void Save(ModelWeights weights, string path) => ToFile(weights).Save(path);
}
