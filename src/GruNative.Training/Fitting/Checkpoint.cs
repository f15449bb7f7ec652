using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using GruNative.Training.Optimization;

namespace GruNative.Training.Fitting;

/// <summary>
/// The whole state of a training run after an epoch, in one safetensors file (<c>checkpoint.safetensors</c>) written
/// atomically (temporary file, flush, rename), so a crash leaves the previous epoch's checkpoint intact. Tensors: the
/// current and the best parameters (F32) and AdamW's moments (F64); metadata: the model, the data fingerprint, every
/// option that decides the numbers, and the loop's counters (<see cref="EarlyStopping"/>), random state and history.
/// </summary>
/// <remarks>
/// One format for every model family: the parameters are a flat vector whatever the model, and the identity names the
/// model by a description (<see cref="Describe"/> for a plain model, <c>SegmentModelSpec.ToString()</c> for a segment
/// one), so a checkpoint of one family is refused by the other as a checkpoint of another model.
/// </remarks>
internal sealed class Checkpoint
{
    public const string FileName = "checkpoint.safetensors";
    private const string Prefix = "checkpoint.";
    private const string FormatVersion = "1";

    private readonly string _path;
    private readonly SortedDictionary<string, string> _identity;

    /// <summary>The checkpoint in <paramref name="folder"/> of a run of this identity.</summary>
    /// <param name="folder">Where the checkpoint lives.</param>
    /// <param name="model">The model's description; a resume must find the same (<see cref="Describe"/> for a plain model).</param>
    /// <param name="lookback">Steps per window.</param>
    /// <param name="options">Every option that decides the numbers, as name → invariant text (<see cref="TrainingOptions.Fingerprint"/>).</param>
    /// <param name="dataFingerprint">Identifies the data and its preparation.</param>
    public Checkpoint(string folder, string model, int lookback, IReadOnlyDictionary<string, string> options, string dataFingerprint)
    {
        _path = System.IO.Path.Combine(folder, FileName);
        _identity = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [Prefix + "format"] = FormatVersion,
            [Prefix + "model"] = model,
            [Prefix + "lookback"] = Text(lookback),
            [Prefix + "data"] = dataFingerprint,
        };
        foreach (var (key, value) in options)
            _identity[Prefix + "option." + key] = value;
    }

    /// <summary>A plain model as its checkpoints name it, for example <c>gru I=1 H=32 L=1 O=6</c>.</summary>
    public static string Describe(ModelSpec spec) =>
        $"{spec.Cell.ToMetadataName()} I={spec.InputSize} H={spec.HiddenSize} L={spec.Layers} O={spec.OutputSize}";

    /// <summary>Whether <paramref name="folder"/> holds a checkpoint file.</summary>
    public static bool ExistsIn(string folder) => File.Exists(System.IO.Path.Combine(folder, FileName));

    public string Path => _path;

    /// <summary>Writes the run's state after an epoch; the best weights are <paramref name="state"/>'s.</summary>
    public void Save(float[] values, AdamW optimizer, LearningRateSchedule schedule, DeterministicRandom random, EarlyStopping state)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_path))!);
        var metadata = new SortedDictionary<string, string>(_identity, StringComparer.Ordinal);
        var (rate, wait, scheduleBest) = schedule.SaveState();
        metadata[Prefix + "epochs_done"] = Text(state.EpochsDone);
        metadata[Prefix + "best_epoch"] = Text(state.BestEpoch);
        metadata[Prefix + "best_validation_mse"] = Text(state.BestValidationMse);
        metadata[Prefix + "best_criterion"] = Text(state.BestCriterion);
        metadata[Prefix + "epochs_without_improvement"] = Text(state.EpochsWithoutImprovement);
        metadata[Prefix + "optimizer_steps"] = Text(optimizer.Steps);
        metadata[Prefix + "random_state"] = random.State.ToString(CultureInfo.InvariantCulture);
        metadata[Prefix + "schedule_rate"] = Text(rate);
        metadata[Prefix + "schedule_wait"] = Text(wait);
        metadata[Prefix + "schedule_best"] = Text(scheduleBest);
        // Seven numbers per epoch, and an eighth — the validation loss — when the run is chosen by one (a quantile model).
        metadata[Prefix + "history"] = JsonSerializer.Serialize(state.History.Select(h => h.ValidationLoss is double loss
            ? new[] { h.Epoch, h.TrainMse, h.ValidationMse, h.LearningRate, h.GradientNorm, h.Seconds, h.IsBest ? 1 : 0, loss }
            : new[] { h.Epoch, h.TrainMse, h.ValidationMse, h.LearningRate, h.GradientNorm, h.Seconds, h.IsBest ? 1 : 0 }).ToArray(),
            CheckpointJson.Default.DoubleArrayArray);

        long n = values.Length;
        var file = new SafeTensorsFile(
        [
            SafeTensor.FromFloat32("parameters", [n], values),
            SafeTensor.FromFloat32("best_parameters", [n], state.Best),
            new SafeTensor("adam.first_moment", "F64", [n], MemoryMarshal.AsBytes(optimizer.FirstMoments)),
            new SafeTensor("adam.second_moment", "F64", [n], MemoryMarshal.AsBytes(optimizer.SecondMoments)),
        ], metadata);
        file.Save(_path);
    }

    /// <summary>Restores the run's state saved by <see cref="Save"/>, after checking that it is this run's.</summary>
    /// <exception cref="CheckpointException">The checkpoint is missing, unreadable, damaged, or of another run.</exception>
    public void Restore(float[] values, AdamW optimizer, LearningRateSchedule schedule, DeterministicRandom random, EarlyStopping state)
    {
        float[] best = state.Best;
        if (!File.Exists(_path))
            throw new CheckpointException(_path, "no checkpoint to resume from (train once with the same --checkpoint-dir first, or drop --resume)");
        SafeTensorsFile file;
        try
        {
            file = SafeTensorsFile.Read(_path);
        }
        catch (Exception e) when (e is WeightsFormatException or IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(_path, $"the checkpoint cannot be read: {e.Message}", e);
        }

        var metadata = file.Metadata;
        // The format first: a checkpoint of another format version (a newer GruNative's) is not compared field by field.
        if (metadata.TryGetValue(Prefix + "format", out var format) && format != FormatVersion)
            throw new CheckpointException(_path, $"the checkpoint has format version '{format}'; this version of GruNative reads version {FormatVersion} (a checkpoint from a newer version cannot be resumed here)");
        var differences = new List<string>();
        foreach (var (key, expected) in _identity)
        {
            string found = metadata.TryGetValue(key, out var value) ? value : "(absent)";
            if (found != expected)
                differences.Add($"{key[Prefix.Length..]}: checkpoint has '{found}', this run '{expected}'");
        }
        // Options that appear only when set (dropout) can be in the checkpoint and absent from this run's identity.
        foreach (var (key, found) in metadata)
        {
            if (key.StartsWith(Prefix + "option.", StringComparison.Ordinal) && !_identity.ContainsKey(key))
                differences.Add($"{key[Prefix.Length..]}: checkpoint has '{found}', this run '(absent)'");
        }
        if (differences.Count > 0)
            throw new CheckpointException(_path, "the checkpoint belongs to another run — " + string.Join("; ", differences));

        try
        {
            Tensor(file, "parameters", "F32", values.Length).CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            Tensor(file, "best_parameters", "F32", values.Length).CopyTo(MemoryMarshal.AsBytes(best.AsSpan()));
            var m = MemoryMarshal.Cast<byte, double>(Tensor(file, "adam.first_moment", "F64", values.Length).ToArray());
            var v = MemoryMarshal.Cast<byte, double>(Tensor(file, "adam.second_moment", "F64", values.Length).ToArray());
            optimizer.Restore(m, v, Long(metadata, "optimizer_steps"));
            schedule.RestoreState(Double(metadata, "schedule_rate"), Int(metadata, "schedule_wait"), Double(metadata, "schedule_best"));
            random.State = ulong.Parse(Get(metadata, "random_state"), NumberStyles.None, CultureInfo.InvariantCulture);
            state.EpochsDone = Int(metadata, "epochs_done");
            state.BestEpoch = Int(metadata, "best_epoch");
            state.BestValidationMse = Double(metadata, "best_validation_mse");
            // Checkpoints written before runs could be chosen by another criterion than the MSE lack the key: it was the MSE.
            state.BestCriterion = metadata.ContainsKey(Prefix + "best_criterion") ? Double(metadata, "best_criterion") : state.BestValidationMse;
            state.EpochsWithoutImprovement = Int(metadata, "epochs_without_improvement");
            var history = JsonSerializer.Deserialize(Get(metadata, "history"), CheckpointJson.Default.DoubleArrayArray)
                ?? throw new FormatException("the history is null");
            state.History.Clear();
            foreach (var h in history)
            {
                if (h.Length is not (7 or 8))
                    throw new FormatException("a history entry does not hold 7 or 8 numbers");
                state.History.Add(new EpochReport((int)h[0], h[1], h[2], h[3], h[4], h[5], h[6] != 0, h.Length == 8 ? h[7] : null));
            }
            if (state.History.Count != state.EpochsDone || values.Any(x => !float.IsFinite(x)) || best.Any(x => !float.IsFinite(x)))
                throw new FormatException("the history or the parameters are inconsistent");
        }
        catch (Exception e) when (e is FormatException or OverflowException or JsonException or ArgumentException or KeyNotFoundException)
        {
            throw new CheckpointException(_path, $"the checkpoint is damaged: {e.Message}", e);
        }
    }

    private static ReadOnlySpan<byte> Tensor(SafeTensorsFile file, string name, string dtype, int length)
    {
        var tensor = file.Tensors.FirstOrDefault(t => t.Name == name) ?? throw new FormatException($"tensor '{name}' is missing");
        if (tensor.DType != dtype || tensor.Shape.Length != 1 || tensor.Shape[0] != length)
            throw new FormatException($"tensor '{name}' is {tensor.DType} [{string.Join(", ", tensor.Shape)}], expected {dtype} [{length}]");
        return tensor.Data;
    }

    private static string Get(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(Prefix + key, out var value) ? value : throw new FormatException($"metadata '{Prefix + key}' is missing");

    private static int Int(IReadOnlyDictionary<string, string> metadata, string key) => int.Parse(Get(metadata, key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static long Long(IReadOnlyDictionary<string, string> metadata, string key) => long.Parse(Get(metadata, key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static double Double(IReadOnlyDictionary<string, string> metadata, string key) => double.Parse(Get(metadata, key), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(double[][]))]
internal sealed partial class CheckpointJson : System.Text.Json.Serialization.JsonSerializerContext;
