using System;
using System.Numerics;

namespace GruNative.Reference;

/// <summary>
/// The reference segment-recurrent forecaster (SegRNN) in <typeparamref name="T"/> (float or double): plain scalar loops
/// over the official module's tensors, with its exact semantics — the oracle for the segment family's kernels. The
/// recurrent steps are <see cref="ReferenceCells"/>' (PyTorch's <c>nn.GRU</c>/<c>nn.LSTM</c>), the linear layers
/// <see cref="ReferenceCells.Dense{T}"/>.
/// </summary>
/// <remarks>
/// <para>One forecast of one channel's window x[0..L):</para>
/// <list type="number">
/// <item>last = x[L−1]; the n = L/w segments s_t = x[t·w .. (t+1)·w) − last are each embedded: e_t = ReLU(W_e s_t + b_e).</item>
/// <item>From a zero state (h, and c for LSTM) the cell steps over e_0 … e_(n−1).</item>
/// <item>Parallel decoding: for each future segment j, one step from the encoder's final state with input pos_emb[j]
/// (followed by channel_emb[c] with channel ids), then y_j = W_p h_j + b_p. Recurrent decoding: y_0 = W_p h + b_p; for
/// j ≥ 1 the state steps on ReLU(W_e y_(j−1) + b_e) and y_j = W_p h + b_p.</item>
/// <item>forecast[j·w + k] = y_j[k] + last.</item>
/// </list>
/// <para>Every call allocates its own small working state (it is the oracle, not the kernel), so one instance may
/// forecast on several threads at once.</para>
/// </remarks>
public sealed class SegmentReferenceModel<T> where T : IFloatingPointIeee754<T>
{
    private readonly LayerParameters<T> _rnn;
    private readonly T[] _positionEmbedding;   // [m, d/2] with channel ids, [m, d] without; empty with RMF
    private readonly T[] _channelEmbedding;    // [C, d/2]; empty without channel ids
    private readonly T[] _embeddingWeight;     // [d, w]
    private readonly T[] _embeddingBias;       // [d]
    private readonly T[] _predictWeight;       // [w, d]
    private readonly T[] _predictBias;         // [w]

    /// <summary>Converts <paramref name="weights"/> to <typeparamref name="T"/>.</summary>
    public SegmentReferenceModel(SegmentModelWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Spec = weights.Spec;
        Preprocessing = weights.Preprocessing;
        _rnn = new LayerParameters<T>(weights.Recurrent, Spec.HiddenSize, Spec.HiddenSize);
        _positionEmbedding = LayerParameters<T>.Convert(weights.PositionEmbedding);
        _channelEmbedding = LayerParameters<T>.Convert(weights.ChannelEmbedding);
        _embeddingWeight = LayerParameters<T>.Convert(weights.EmbeddingWeight);
        _embeddingBias = LayerParameters<T>.Convert(weights.EmbeddingBias);
        _predictWeight = LayerParameters<T>.Convert(weights.PredictWeight);
        _predictBias = LayerParameters<T>.Convert(weights.PredictBias);
    }

    /// <summary>The model's shape.</summary>
    public SegmentModelSpec Spec { get; }

    /// <summary>The weights' preprocessing (the channels' scalers), or null; <see cref="ForecastObservations"/> applies it.</summary>
    public Preprocessing? Preprocessing { get; }

    /// <summary>
    /// Forecasts one channel: <paramref name="window"/> holds its last L values (on the model's scale), oldest first;
    /// <paramref name="forecast"/> receives the next H.
    /// </summary>
    /// <param name="window">L values.</param>
    /// <param name="channel">The channel's id, in [0, C), with channel ids; null without.</param>
    /// <param name="forecast">H values.</param>
    /// <exception cref="ArgumentException">A span has the wrong length, or a channel id is given (or missing) when the model has none (or has them).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The channel id is outside [0, C).</exception>
    public void Forecast(ReadOnlySpan<T> window, int? channel, Span<T> forecast)
    {
        if (window.Length != Spec.Lookback)
            throw new ArgumentException($"The window has {window.Length} value(s); the model reads L = {Spec.Lookback}.", nameof(window));
        if (forecast.Length != Spec.Horizon)
            throw new ArgumentException($"The forecast has room for {forecast.Length} value(s); the model forecasts H = {Spec.Horizon}.", nameof(forecast));
        if (Spec.UsesChannelIds != channel.HasValue)
            throw new ArgumentException(Spec.UsesChannelIds
                ? $"{Spec} reads channel_emb[c]: give the window's channel id."
                : $"{Spec} has no channel ids: give null.", nameof(channel));
        if (channel is int id && (id < 0 || id >= Spec.Channels))
            throw new ArgumentOutOfRangeException(nameof(channel), id, $"The channel id must be in [0, {Spec.Channels}).");

        int w = Spec.SegmentLength, d = Spec.HiddenSize;
        T last = window[Spec.Lookback - 1];
        var state = new Working(d, w);

        // Encoder: each segment minus the last value, embedded, then one cell step.
        for (int t = 0; t < Spec.InputSegments; t++)
        {
            for (int k = 0; k < w; k++)
                state.Segment[k] = window[t * w + k] - last;
            Embed(state.Segment, state.Input);
            Step(state.Input, state.H, state.C, state);
        }

        for (int j = 0; j < Spec.OutputSegments; j++)
        {
            if (Spec.Decoding == SegmentDecoding.Parallel)
            {
                // PMF: one step from the encoder's state (kept in H, C) on pos_emb[j] (‖ channel_emb[c]).
                int p = Spec.PositionWidth;
                _positionEmbedding.AsSpan(j * p, p).CopyTo(state.Input);
                if (channel is int c)
                    _channelEmbedding.AsSpan(c * (d / 2), d / 2).CopyTo(state.Input.AsSpan(p));
                state.H.CopyTo(state.DecoderH, 0);
                state.C.CopyTo(state.DecoderC, 0);
                Step(state.Input, state.DecoderH, state.DecoderC, state);
                ReferenceCells.Dense<T>(_predictWeight, _predictBias, state.DecoderH, state.Segment);
            }
            else
            {
                // RMF: predict from the current state; feed the embedded prediction back for the next segment.
                if (j > 0)
                {
                    Embed(state.Segment, state.Input);
                    Step(state.Input, state.H, state.C, state);
                }
                ReferenceCells.Dense<T>(_predictWeight, _predictBias, state.H, state.Segment);
            }
            for (int k = 0; k < w; k++)
                forecast[j * w + k] = state.Segment[k] + last;
        }
    }

    /// <summary>
    /// Forecasts K channels at once, each on its own (the model is channel-independent): <paramref name="windows"/> is
    /// L steps × K channels, step-major (index step · K + channel), and <paramref name="forecasts"/> H × K in the same
    /// layout. With channel ids K must be C and column c runs with id c.
    /// </summary>
    /// <exception cref="ArgumentException">The spans are not L × K and H × K for one K ≥ 1 (K = C with channel ids).</exception>
    public void ForecastChannels(ReadOnlySpan<T> windows, Span<T> forecasts)
    {
        int channels = windows.Length / Spec.Lookback;
        if (channels < 1 || windows.Length % Spec.Lookback != 0)
            throw new ArgumentException($"{windows.Length} value(s) are not L = {Spec.Lookback} steps of one or more channels.", nameof(windows));
        if (Spec.UsesChannelIds && channels != Spec.Channels)
            throw new ArgumentException($"{channels} channel(s) given; {Spec} has channel embeddings for exactly {Spec.Channels}.", nameof(windows));
        if (forecasts.Length != (long)Spec.Horizon * channels)
            throw new ArgumentException($"{forecasts.Length} forecast value(s) for H = {Spec.Horizon} steps × {channels} channel(s).", nameof(forecasts));

        var window = new T[Spec.Lookback];
        var forecast = new T[Spec.Horizon];
        for (int c = 0; c < channels; c++)
        {
            for (int t = 0; t < window.Length; t++)
                window[t] = windows[t * channels + c];
            Forecast(window, Spec.UsesChannelIds ? c : null, forecast);
            for (int t = 0; t < forecast.Length; t++)
                forecasts[t * channels + c] = forecast[t];
        }
    }

    /// <summary>
    /// Forecasts in the data's units with the weights' <see cref="Preprocessing"/>: <paramref name="observations"/> (L steps
    /// × K channels, step-major, raw) are standardised per channel (<see cref="Preprocessing.StandardizeInputs{T}(ReadOnlySpan{double}, Span{T})"/>),
    /// forecast on the model's scale in <typeparamref name="T"/> (<see cref="ForecastChannels"/>), and mapped back per
    /// channel (<see cref="Preprocessing.ToForecast{T, TForecast}(Span{T}, ReadOnlySpan{T}, Span{TForecast})"/>) into
    /// <paramref name="forecast"/> (H × K, step-major).
    /// </summary>
    /// <exception cref="InvalidOperationException">The weights carry no channel columns.</exception>
    /// <exception cref="ArgumentException">The spans are not L × K and H × K, K the number of columns.</exception>
    public void ForecastObservations(ReadOnlySpan<double> observations, Span<double> forecast)
    {
        if (Preprocessing is not { InputColumns.Count: > 0 } preprocessing)
            throw new InvalidOperationException($"{Spec}'s weights describe no channel columns, so there are no scalers to apply; standardise the windows yourself and call ForecastChannels.");
        int channels = preprocessing.InputColumns.Count;
        if (observations.Length != (long)Spec.Lookback * channels)
            throw new ArgumentException($"{observations.Length} observation(s) for L = {Spec.Lookback} steps × {channels} channel(s).", nameof(observations));
        var inputs = new T[observations.Length];
        var outputs = new T[(long)Spec.Horizon * channels];
        preprocessing.StandardizeInputs<T>(observations, inputs);
        ForecastChannels(inputs, outputs);
        preprocessing.ToForecast<T, double>(outputs, [], forecast);
    }

    /// <summary>e = ReLU(W_e s + b_e): a segment of w values to d.</summary>
    private void Embed(ReadOnlySpan<T> segment, Span<T> embedding)
    {
        ReferenceCells.Dense<T>(_embeddingWeight, _embeddingBias, segment, embedding);
        for (int i = 0; i < embedding.Length; i++)
            embedding[i] = T.Max(embedding[i], T.Zero);
    }

    /// <summary>One cell step on <paramref name="x"/>, updating <paramref name="h"/> (and <paramref name="c"/> for LSTM) in place.</summary>
    private void Step(ReadOnlySpan<T> x, T[] h, T[] c, Working scratch)
    {
        if (Spec.Cell == CellKind.Gru)
        {
            ReferenceCells.GruStep(_rnn, x, h, scratch.NextH);
        }
        else
        {
            ReferenceCells.LstmStep(_rnn, x, h, c, scratch.NextH, scratch.NextC);
            scratch.NextC.CopyTo(c, 0);
        }
        scratch.NextH.CopyTo(h, 0);
    }

    /// <summary>One forecast's working vectors.</summary>
    private sealed class Working(int d, int w)
    {
        public readonly T[] H = new T[d], C = new T[d];               // the encoder's state (and RMF's)
        public readonly T[] DecoderH = new T[d], DecoderC = new T[d]; // one PMF segment's state
        public readonly T[] NextH = new T[d], NextC = new T[d];       // a step's output
        public readonly T[] Input = new T[d];                         // a step's input (an embedding or pos_emb ‖ channel_emb)
        public readonly T[] Segment = new T[w];                       // a segment of the window, or a predicted one
    }
}
