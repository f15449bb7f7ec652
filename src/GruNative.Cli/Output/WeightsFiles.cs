using System;
using System.IO;

namespace GruNative.Cli.Output;

/// <summary>The two weights formats, chosen by file extension: <c>.safetensors</c> and <c>.json</c> (the generator's).</summary>
internal static class WeightsFiles
{
    public static bool IsJson(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static bool IsSafeTensors(string path) => path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a model from either format.</summary>
    /// <exception cref="T:GruNative.WeightsFormatException">The file is not a valid model, or its extension is neither.</exception>
    public static ModelWeights Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such file.", path);
        if (IsJson(path))
            return JsonWeights.Read(path);
        if (IsSafeTensors(path))
            return SafeTensorsWeights.Read(path);
        throw new WeightsFormatException(path, "", "unknown extension: weights files end in .safetensors or .json");
    }

    /// <summary>
    /// Reads a model of either family from either format: a plain recurrent forecaster, or a segment model (whose file
    /// says <c>grunative.architecture = segrnn</c>; the plain reader refuses it naming that key). Exactly one is not null.
    /// </summary>
    /// <exception cref="T:GruNative.WeightsFormatException">The file is not a valid model of either family, or its extension is neither format's.</exception>
    public static (ModelWeights? Plain, SegmentModelWeights? Segment) ReadAny(string path)
    {
        try
        {
            return (Read(path), null);
        }
        catch (WeightsFormatException e) when (e.TensorName == WeightsMetadata.Architecture)
        {
            return (null, IsJson(path) ? JsonSegmentWeights.Read(path) : SafeTensorsSegmentWeights.Read(path));
        }
    }

    /// <summary>Writes a model in the format its extension names (atomically).</summary>
    public static void Write(ModelWeights weights, string path)
    {
        if (IsJson(path))
            JsonWeights.Save(weights, path);
        else if (IsSafeTensors(path))
            SafeTensorsWeights.Save(weights, path);
        else
            throw new ArgumentException($"{path}: unknown extension; weights files end in .safetensors or .json.");
    }
}
