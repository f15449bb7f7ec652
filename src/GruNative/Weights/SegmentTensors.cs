using System.Collections.Generic;

namespace GruNative;

// Shared source: the generator (netstandard2.0) compiles this file too, as it does PyTorchTensors, so a baked segment
// model's tensors will be checked by the rules that check a loaded one. The type states no accessibility here, so it is
// internal in the generator; SharedSourceAccessibility.cs makes it public in the runtime.

/// <summary>
/// The tensor names and shapes of a segment-recurrent forecaster (<see cref="SegmentModelSpec"/>): exactly what the
/// official SegRNN module (lss-1138/SegRNN <c>models/SegRNN.py</c>) puts in its <c>state_dict()</c>, in that order — the
/// module's own parameters first, then its submodules' (valueEmbedding, rnn, predict):
/// <list type="table">
/// <item><term><c>pos_emb</c></term><description>[m, d/2] with channel ids, [m, d] without; absent with recurrent decoding</description></item>
/// <item><term><c>channel_emb</c></term><description>[C, d/2]; only with channel ids</description></item>
/// <item><term><c>valueEmbedding.0.weight</c></term><description>[d, w]</description></item>
/// <item><term><c>valueEmbedding.0.bias</c></term><description>[d]</description></item>
/// <item><term><c>rnn.weight_ih_l0</c>, <c>rnn.weight_hh_l0</c></term><description>[G·d, d] (<see cref="PyTorchTensors"/>' names)</description></item>
/// <item><term><c>rnn.bias_ih_l0</c>, <c>rnn.bias_hh_l0</c></term><description>[G·d]</description></item>
/// <item><term><c>predict.1.weight</c></term><description>[w, d]</description></item>
/// <item><term><c>predict.1.bias</c></term><description>[w]</description></item>
/// </list>
/// Every reader, writer and the trainer's parameter layout take the names, shapes and order from here.
/// </summary>
/// <remarks>
/// The lookback L is the one size the tensors cannot tell (every segment goes through the same embedding); with
/// recurrent decoding the horizon H cannot be told either (there is no pos_emb to count the future segments). The
/// recurrent tensors are PyTorch's <c>nn.GRU</c>/<c>nn.LSTM</c> layer 0, gate blocks r, z, n and i, f, g, o.
/// </remarks>
static partial class SegmentTensors
{
    /// <summary><c>pos_emb</c>: [m, d/2] with channel ids, [m, d] without (parallel decoding only).</summary>
    public const string PositionEmbedding = "pos_emb";

    /// <summary><c>channel_emb</c>: [C, d/2] (channel ids only).</summary>
    public const string ChannelEmbedding = "channel_emb";

    /// <summary><c>valueEmbedding.0.weight</c>: [d, w], the segment embedding Linear(w → d) (followed by ReLU).</summary>
    public const string EmbeddingWeight = "valueEmbedding.0.weight";

    /// <summary><c>valueEmbedding.0.bias</c>: [d].</summary>
    public const string EmbeddingBias = "valueEmbedding.0.bias";

    /// <summary><c>predict.1.weight</c>: [w, d], the head Linear(d → w) (index 1: a Dropout precedes it).</summary>
    public const string PredictWeight = "predict.1.weight";

    /// <summary><c>predict.1.bias</c>: [w].</summary>
    public const string PredictBias = "predict.1.bias";

    /// <summary>Every tensor of a model of shape <paramref name="spec"/>, in <c>state_dict</c> order, with its shape.</summary>
    public static IReadOnlyList<KeyValuePair<string, long[]>> Expected(SegmentModelSpec spec)
    {
        long d = spec.HiddenSize, w = spec.SegmentLength, gd = spec.GateCount * d;
        var tensors = new List<KeyValuePair<string, long[]>>(10);
        void Add(string name, params long[] shape) => tensors.Add(new KeyValuePair<string, long[]>(name, shape));

        if (spec.Decoding == SegmentDecoding.Parallel)
        {
            Add(PositionEmbedding, spec.OutputSegments, spec.PositionWidth);
            if (spec.UsesChannelIds)
                Add(ChannelEmbedding, spec.Channels, d / 2);
        }
        Add(EmbeddingWeight, d, w);
        Add(EmbeddingBias, d);
        Add(PyTorchTensors.WeightIh(0), gd, d);
        Add(PyTorchTensors.WeightHh(0), gd, d);
        Add(PyTorchTensors.BiasIh(0), gd);
        Add(PyTorchTensors.BiasHh(0), gd);
        Add(PredictWeight, w, d);
        Add(PredictBias, w);
        return tensors;
    }

    /// <summary>
    /// Reads a model's shape off its tensors, as needed for a file saved by the official code with no metadata: d and w
    /// from <c>valueEmbedding.0.weight</c> [d, w]; the cell from <c>rnn.weight_ih_l0</c>'s 3·d (GRU) or 4·d (LSTM) rows;
    /// the decoding from <c>pos_emb</c> (present: parallel, m from its rows; absent: recurrent); C from
    /// <c>channel_emb</c>'s rows. The lookback, and with recurrent decoding the horizon, are not in the tensors: the
    /// caller gives them (from the file's metadata or its own knowledge). Only the tensors needed are looked at;
    /// <see cref="CheckTensors"/> then checks all of them.
    /// </summary>
    /// <param name="shapes">Every tensor's shape, by name.</param>
    /// <param name="lookback">L, or null when unknown (an error: it cannot be inferred).</param>
    /// <param name="horizon">H, or null when unknown; with parallel decoding it must equal m·w when given.</param>
    /// <param name="source">Names the file in messages.</param>
    /// <returns>The model the shapes describe.</returns>
    /// <exception cref="WeightsFormatException">A tensor needed is missing or misshapen, or a size is unknown or does not fit (the exception names the tensor or metadata key).</exception>
    public static SegmentModelSpec Infer(IReadOnlyDictionary<string, long[]> shapes, int? lookback, int? horizon, string source)
    {
        if (!shapes.TryGetValue(EmbeddingWeight, out var embedding))
        {
            string hint = shapes.ContainsKey(PyTorchTensors.HeadWeight)
                ? $"; the file holds {PyTorchTensors.HeadWeight}, so it is a plain recurrent forecaster: read it with SafeTensorsWeights or JsonWeights"
                : "";
            throw new WeightsFormatException(source, EmbeddingWeight, "tensor is missing: a segment (SegRNN) model needs valueEmbedding.0.weight [d, w]" + hint);
        }
        if (embedding.Length != 2 || !InRange(embedding[0]) || !InRange(embedding[1]))
            throw new WeightsFormatException(source, EmbeddingWeight, $"shape {PyTorchTensors.Format(embedding)} is not [d, w] with 1 ≤ d, w ≤ {ModelLimits.MaxDimension}");
        int d = (int)embedding[0], w = (int)embedding[1];

        string ih = PyTorchTensors.WeightIh(0);
        if (!shapes.TryGetValue(ih, out var weightIh))
            throw new WeightsFormatException(source, ih, $"tensor is missing; expected [3·d, d] (GRU) or [4·d, d] (LSTM) with d = {d}");
        CellKind cell;
        if (weightIh.Length == 2 && weightIh[1] == d && weightIh[0] == 3L * d)
            cell = CellKind.Gru;
        else if (weightIh.Length == 2 && weightIh[1] == d && weightIh[0] == 4L * d)
            cell = CellKind.Lstm;
        else if (weightIh.Length == 2 && weightIh[1] == d && weightIh[0] == d)
            throw new WeightsFormatException(source, ih, $"shape {PyTorchTensors.Format(weightIh)} is that of nn.RNN (rnn_type 'rnn'); GruNative runs GRU and LSTM cells only");
        else
            throw new WeightsFormatException(source, ih, $"shape {PyTorchTensors.Format(weightIh)} is neither [{3L * d}, {d}] (GRU) nor [{4L * d}, {d}] (LSTM), d = {d} from {EmbeddingWeight}");

        var decoding = SegmentDecoding.Recurrent;
        int channels = 0;
        int? outputSegments = null;
        bool hasChannels = shapes.TryGetValue(ChannelEmbedding, out var channelShape);
        if (hasChannels && d % 2 != 0)
            throw new WeightsFormatException(source, ChannelEmbedding, $"with channel ids, pos_emb and channel_emb take d/2 values each, so d ({d}) must be even");
        if (shapes.TryGetValue(PositionEmbedding, out var position))
        {
            decoding = SegmentDecoding.Parallel;
            bool half = d % 2 == 0 && position.Length == 2 && position[1] == d / 2;
            if (position.Length != 2 || !InRange(position[0]) || !(position[1] == d || half))
                throw new WeightsFormatException(source, PositionEmbedding, $"shape {PyTorchTensors.Format(position)} is neither [m, {d}] nor, with channel ids, [m, d/2]");
            outputSegments = (int)position[0];
            if (half && !hasChannels)
                throw new WeightsFormatException(source, ChannelEmbedding, $"tensor is missing: pos_emb {PyTorchTensors.Format(position)} takes d/2 values, which means channel ids, and they need channel_emb [C, {d / 2}]");
            if (!half && hasChannels)
                throw new WeightsFormatException(source, PositionEmbedding, $"shape {PyTorchTensors.Format(position)} takes all d values, but the file holds channel_emb: with channel ids pos_emb is [m, d/2]");
        }
        if (hasChannels)
        {
            if (decoding != SegmentDecoding.Parallel)
                throw new WeightsFormatException(source, ChannelEmbedding, "channel ids apply to parallel (PMF) decoding only, but the file holds no pos_emb (recurrent decoding)");
            if (channelShape!.Length != 2 || !InRange(channelShape[0]))
                throw new WeightsFormatException(source, ChannelEmbedding, $"shape {PyTorchTensors.Format(channelShape)} is not [C, {d / 2}] with 1 ≤ C ≤ {ModelLimits.MaxDimension}");
            channels = (int)channelShape[0];
        }

        if (lookback is not int steps)
            throw new WeightsFormatException(source, WeightsMetadata.Lookback,
                "the lookback is not in the tensors (every segment shares one embedding) and the file does not say it: give it to the reader: new SegmentWindowSizes(lookback: L)");
        if (outputSegments is int m)
        {
            long fromTensors = (long)m * w;
            if (horizon is int declared && declared != fromTensors)
                throw new WeightsFormatException(source, WeightsMetadata.Horizon, $"{declared} differs from pos_emb's {m} segment(s) × w = {w}: {fromTensors}");
            if (fromTensors > ModelLimits.MaxDimension)
                throw new WeightsFormatException(source, PositionEmbedding, $"{m} segment(s) × w = {w} exceed the largest horizon, {ModelLimits.MaxDimension}");
            horizon = (int)fromTensors;
        }
        else if (horizon is null)
        {
            throw new WeightsFormatException(source, WeightsMetadata.Horizon,
                "with recurrent decoding (no pos_emb) the horizon is not in the tensors and the file does not say it: give it to the reader: new SegmentWindowSizes(lookback: L, horizon: H)");
        }

        if (steps < 1 || steps > ModelLimits.MaxDimension)
            throw new WeightsFormatException(source, WeightsMetadata.Lookback, $"{steps} is not between 1 and {ModelLimits.MaxDimension}");
        if (horizon < 1 || horizon > ModelLimits.MaxDimension)
            throw new WeightsFormatException(source, WeightsMetadata.Horizon, $"{horizon} is not between 1 and {ModelLimits.MaxDimension}");
        if (SegmentModelSpec.FindProblem(steps, horizon.Value, w, d, decoding, channels) is { } problem)
        {
            string key = problem.Parameter == "horizon" ? WeightsMetadata.Horizon : problem.Parameter == "lookback" ? WeightsMetadata.Lookback : ChannelEmbedding;
            throw new WeightsFormatException(source, key, problem.Message);
        }
        return new SegmentModelSpec(cell, steps, horizon.Value, w, d, decoding, channels);
    }

    /// <summary>
    /// Compares the tensors present with those of <paramref name="spec"/>: a missing tensor, a tensor of the wrong shape,
    /// or a tensor left over (never silently ignored) is reported.
    /// </summary>
    /// <exception cref="WeightsFormatException">The first offending tensor (the exception names it) and the problem.</exception>
    public static void CheckTensors(IReadOnlyDictionary<string, long[]> shapes, SegmentModelSpec spec, string source) =>
        PyTorchTensors.CheckTensors(shapes, Expected(spec), spec.ToString(), source);

    private static bool InRange(long size) => size >= 1 && size <= ModelLimits.MaxDimension;
}
