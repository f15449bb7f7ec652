using System;
using System.IO;
using System.Threading;
using SegmentForecaster.Persistence;

namespace SegmentForecaster.Streaming;

/// <summary>
/// The loop: reads observations, pushes each (standardised) into the model's History ring buffer, saves the history
/// every <c>saveEvery</c> observations, and once the history holds the last L = 336 observations writes the forecast
/// after every <c>every</c>-th. A segment model subtracts the window's last value before its encoder, so no recurrent
/// state survives from one forecast to the next: each forecast runs the 14 input segments of the window again, and the
/// History is the whole state. All buffers are allocated here, once: a good line costs no allocation (a save
/// allocates in <see cref="GruNative.AtomicFile"/>). A bad line stops the loop before it reaches the History.
/// </summary>
internal sealed class ForecastSession
{
    private const int Capacity = OilTemperatureForecaster.Lookback * OilTemperatureForecaster.InputSize;

    private readonly OilTemperatureForecaster _model;
    private readonly ObservationReader _reader;
    private readonly ForecastWriter _writer;
    private readonly HistoryStore? _store;
    private readonly int _every;
    private readonly int _saveEvery;

    private readonly float[] _observation = new float[OilTemperatureForecaster.InputSize];
    private readonly float[] _outputs = new float[OilTemperatureForecaster.OutputSize];
    private readonly float[] _values = new float[Capacity];
    private OilTemperatureForecaster.History _history;
    private long _savedObservations;

    // Held while an observation changes the history and by a save from a signal handler (Program.cs), so a save never
    // sees a half-made push. System.Threading.Lock: entering and leaving it allocates nothing.
    private readonly Lock _gate = new();

    public ForecastSession(OilTemperatureForecaster model, ObservationReader reader, ForecastWriter writer, int every = 1, HistoryStore? store = null, int saveEvery = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(saveEvery, 1);
        _model = model;
        _reader = reader;
        _writer = writer;
        _every = every;
        _store = store;
        _saveEvery = saveEvery;
    }

    /// <summary>Observations read in all, restored ones included (a forecast every N counts from the first).</summary>
    public long Observations { get; private set; }

    /// <summary>Observations the history holds (up to L).</summary>
    public int Count => _history.Count;

    /// <summary>Continues from a saved history.</summary>
    public void Restore(SavedHistory saved)
    {
        lock (_gate)
        {
            _history.CopyFrom(saved.Values);
            Observations = _savedObservations = saved.Observations;
        }
    }

    /// <summary>
    /// Reads <paramref name="input"/> to its end: each observation goes into the History and, when
    /// <paramref name="emitForecasts"/>, a forecast follows every <c>every</c>-th once the History is full.
    /// </summary>
    /// <exception cref="BadInputException">A bad line (nothing of it has reached the History), or a header without OT.</exception>
    public void Feed(Stream input, string source, bool header, bool emitForecasts)
    {
        _reader.Start(input, source, header);
        while (_reader.TryRead(out float value))
        {
            _observation[0] = value;
            lock (_gate)
                Advance(emitForecasts);
        }
    }

    /// <summary>Saves the history if it has changed since the last save (at exit, after warm-up).</summary>
    public void SaveIfChanged()
    {
        lock (_gate)
            SaveIfChangedLocked();
    }

    /// <summary>
    /// Like <see cref="SaveIfChanged"/> from another thread (a signal handler) that must not wait forever for the loop,
    /// which could be blocked writing to a stalled reader. Returns false if it could not save in time.
    /// </summary>
    public bool TrySaveIfChanged(TimeSpan timeout)
    {
        if (!_gate.TryEnter(timeout))
            return false;
        try
        {
            SaveIfChangedLocked();
            return true;
        }
        finally
        {
            _gate.Exit();
        }
    }

    // The hot path: one push (a copy into the ring), then, if due, one forecast (the 14 segments) and one line.
    private void Advance(bool emitForecast)
    {
        _history.Push(_observation);
        Observations++;
        // Save before writing the forecast: once a reader has seen the forecast after observation k, the state file
        // holds observation k or a later one (within saveEvery − 1).
        if (_store is not null && Observations % _saveEvery == 0)
            Save();
        if (emitForecast && _history.IsFull && Observations % _every == 0)
        {
            _model.Forecast(in _history, _outputs);
            _writer.Write(Observations, _outputs);
        }
    }

    private void SaveIfChangedLocked()
    {
        if (_store is not null && Observations != _savedObservations)
            Save();
    }

    private void Save()
    {
        Span<float> values = _values.AsSpan(0, _history.Count * OilTemperatureForecaster.InputSize);
        _history.CopyTo(values);
        _store!.Save(Observations, values);
        _savedObservations = Observations;
    }
}
