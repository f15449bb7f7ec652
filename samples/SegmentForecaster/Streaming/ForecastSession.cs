using System;
using System.IO;
using SegmentForecaster.Persistence;
using GruNative.Samples.EdgeIo;

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
    private readonly GruNative.IntervalTracker? _tracker;
    private readonly double[] _actual = new double[1];
    private readonly double[] _trackerValues;
    private OilTemperatureForecaster.History _history;
    private long _savedObservations;

    // Held while an observation changes the history and by a save from a signal handler (Program.cs), so a save never
    // sees a half-made push.
    private readonly SaveGate _gate;

    /// <param name="model">The model.</param>
    /// <param name="reader">The observations.</param>
    /// <param name="writer">Where forecasts go.</param>
    /// <param name="every">Write a forecast after every <paramref name="every"/>-th observation.</param>
    /// <param name="store">The state file, or null.</param>
    /// <param name="saveEvery">Save after every <paramref name="saveEvery"/>-th observation.</param>
    /// <param name="tracker">
    /// The tracker of the bands (<see cref="IntervalLevels.Tracker"/>), or null for the calibrated ones: it observes every
    /// observation, learns from every forecast written, and is saved with the history (the store must be made for its
    /// <see cref="GruNative.IntervalTracker.StateLength"/>).
    /// </param>
    public ForecastSession(OilTemperatureForecaster model, ObservationReader reader, ForecastWriter writer, int every = 1, HistoryStore? store = null, int saveEvery = 1,
        GruNative.IntervalTracker? tracker = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(saveEvery, 1);
        _model = model;
        _reader = reader;
        _writer = writer;
        _every = every;
        _store = store;
        _saveEvery = saveEvery;
        _tracker = tracker;
        _trackerValues = new double[tracker?.StateLength ?? 0];
        _gate = new SaveGate(SaveIfChangedLocked);
    }

    /// <summary>Observations read in all, restored ones included (a forecast every N counts from the first).</summary>
    public long Observations { get; private set; }

    /// <summary>Observations the history holds (up to L).</summary>
    public int Count => _history.Count;

    /// <summary>
    /// Continues from a saved history. The tracker continues from the file's tracker state when both have one; a file
    /// without one leaves the tracker as calibrated, and a tracker state this program does not track is ignored.
    /// </summary>
    /// <param name="saved">The history.</param>
    /// <param name="path">The state file's path, for messages.</param>
    /// <exception cref="StateFileException">The file's tracker state is not one this program's tracker can hold (nothing is restored).</exception>
    public void Restore(SavedHistory saved, string path = "")
    {
        lock (_gate.Lock)
        {
            if (_tracker is not null && saved.Tracker is { } tracker)
            {
                // TryCopyFrom checks every value first and changes nothing when it refuses.
                if (!_tracker.TryCopyFrom(tracker))
                    throw new StateFileException($"State file {path} holds an interval tracker state of {tracker.Length} values that this program's tracker ({_tracker.StateLength} values) cannot hold.");
            }
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
            _actual[0] = _reader.LastValue;
            lock (_gate.Lock)
                Advance(emitForecasts);
        }
    }

    /// <summary>Saves the history if it has changed since the last save (at exit, after warm-up).</summary>
    public void SaveIfChanged() => _gate.SaveIfChanged();

    /// <summary>
    /// Like <see cref="SaveIfChanged"/> from another thread (a signal handler) that must not wait forever for the loop,
    /// which could be blocked writing to a stalled reader. Returns false if it could not save in time.
    /// </summary>
    public bool TrySaveIfChanged(TimeSpan timeout) => _gate.TrySaveIfChanged(timeout);

    // The hot path: one push (a copy into the ring), then, if due, one forecast (the 14 segments) and one line.
    private void Advance(bool emitForecast)
    {
        _history.Push(_observation);
        Observations++;
        // Every forecast waiting for this observation learns how far off it was (OT is the one channel and the target).
        _tracker?.Observe(_actual);
        // The forecast is made (and handed to the tracker) before the save and written after it: once a reader has seen
        // the forecast after observation k, the state file holds observation k or a later one (within saveEvery − 1),
        // and a tracker saved then already holds that forecast, so a restored run learns from it as this one would.
        bool emit = emitForecast && _history.IsFull && Observations % _every == 0;
        if (emit)
        {
            _model.Forecast(in _history, _outputs);
            _writer.Prepare(_outputs, _tracker);
        }
        if (_store is not null && Observations % _saveEvery == 0)
            Save();
        if (emit)
            _writer.Emit(Observations);
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
        _tracker?.CopyTo(_trackerValues);
        _store!.Save(Observations, values, _trackerValues);
        _savedObservations = Observations;
    }
}
