using System.Collections.Generic;
using System.IO;
using GruNative.Training.Data;
using GruNative.Training.Network;

using GruNative.Training.Fitting;

namespace GruNative.Cli.Output;

/// <summary>
/// Writes a trained model's weights files. A model of the task's shape gets <c>model.safetensors</c> (and, for the
/// generator, <c>model.weights.json</c>); a channel-independent model gets one pair per column,
/// <c>model.COLUMN.safetensors</c>: the same weights, each with its column's scaler — what a device needs to serve that
/// column.
/// </summary>
internal static class ModelFiles
{
    /// <summary>Writes the files into <paramref name="folder"/> and returns their names, the safetensors files first.</summary>
    /// <remarks>With <paramref name="intervals"/> (of the task's outputs), each file carries its outputs' intervals.</remarks>
    public static IReadOnlyList<string> Save(string folder, NetworkParameters<float> model, WindowedDataset data, bool channelIndependent, bool json,
        PredictionIntervals? intervals = null)
    {
        Directory.CreateDirectory(folder);
        var names = new List<string>();
        var jsonNames = new List<string>();
        if (!channelIndependent)
        {
            Write("model", model.ToWeights(data.ToPreprocessing().WithIntervals(intervals)));
        }
        else
        {
            var stems = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            for (int k = 0; k < data.Task.TargetCount; k++)
            {
                // Two columns whose names differ only in characters a file name cannot hold (or in case) must not share a file.
                string stem = $"model.{FileSafe(data.Task.TargetColumns[k])}";
                if (!stems.Add(stem))
                    stems.Add(stem = $"{stem}.{k}");
                var channelIntervals = intervals is null ? null : IntervalCalibration.ForChannel(intervals, k, data.Task.TargetCount);
                Write(stem, model.ToWeights(data.ChannelPreprocessing(k).WithIntervals(channelIntervals)));
            }
        }
        names.AddRange(jsonNames);
        return names;

        void Write(string stem, ModelWeights weights)
        {
            SafeTensorsWeights.Save(weights, Path.Combine(folder, stem + ".safetensors"));
            names.Add(stem + ".safetensors");
            if (json)
            {
                JsonWeights.Save(weights, Path.Combine(folder, stem + ".weights.json"));
                jsonNames.Add(stem + ".weights.json");
            }
        }
    }

    // A column name as part of a file name: characters a file system may refuse become '_'.
    private static string FileSafe(string column)
    {
        var chars = column.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (System.Array.IndexOf(Path.GetInvalidFileNameChars(), chars[i]) >= 0 || chars[i] is '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|')
                chars[i] = '_';
        }
        return new string(chars);
    }
}
