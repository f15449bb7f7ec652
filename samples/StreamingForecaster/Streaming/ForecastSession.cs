using System;
using System.IO;
using System.Threading;
using StreamingForecaster.Persistence;
using GruNative.Samples.EdgeIo;

namespace StreamingForecaster.Streaming;

/// <summary>What to do with a line that is not a good observation.</summary>
internal enum BadInputPolicy
{
    /// <summary>Report it on standard error and go on with the next line (the default).</summary>
    Skip,

    /// <summary>Report it and stop reading; the state is saved as the good lines before it left it.</summary>
    Fail,
}

/// <summary>
/// The streaming loop: reads observations line by line, standardises them, advances the model's recurrent state, and
/// writes the de-standardised forecast, and its intervals if asked, every <c>every</c> steps; saves the state every <c>saveEvery</c> steps. All
/// buffers are allocated here, once: a good line costs no allocation (a save, when one is due, allocates in
/// <see cref="GruNative.AtomicFile"/>). A bad line is reported with its number and leaves the state untouched: the
/// line is parsed in full before the model sees any of it.
/// </summary>
internal sealed class ForecastSession
{
    private readonly SensorForecaster _model;
    private readonly ModelColumns _columns;
    private readonly ColumnLayout _positional;
    private readonly LineReader _reader = new();
    private readonly ForecastWriter _writer;
    private readonly TextWriter _messages;
    private readonly int _every;
    private readonly BadInputPolicy _onBadInput;
    private readonly StateStore? _store;
    private readonly int _saveEvery;

    private readonly double[] _observation = new double[SensorForecaster.InputSize];
    private readonly float[] _input = new float[SensorForecaster.InputSize];
    private readonly float[] _forecast = new float[SensorForecaster.OutputSize];
    private readonly float[] _stateValues = new float[SensorForecaster.StateLength];
    private readonly GruNative.IntervalTracker? _tracker;
    private readonly int[] _targetInputs;
    private readonly double[] _targets;
    private readonly double[] _trackerValues;
    private SensorForecaster.State _state;
    private long _savedSteps;

    // Held while a line changes the state, and by a save from a signal handler (Program.cs), so a save never sees a
    // half-made step. System.Threading.Lock: entering and leaving it allocates nothing.
    private readonly Lock _gate = new();

    /// <param name="model">The model.</param>
    /// <param name="columns">Its input and target scalers, applied with <see cref="GruNative.Preprocessing"/>'s methods.</param>
    /// <param name="forecasts">Where forecasts go (standard output).</param>
    /// <param name="messages">Where bad lines are reported (standard error).</param>
    /// <param name="every">Write a forecast after every <paramref name="every"/>-th observation (counted from the first ever, restored ones included).</param>
    /// <param name="onBadInput">Skip bad lines, or stop at the first.</param>
    /// <param name="store">The state file, or null.</param>
    /// <param name="saveEvery">Save the state after every <paramref name="saveEvery"/>-th observation.</param>
    /// <param name="intervalLevels">The interval levels each forecast line carries (<see cref="ModelColumns.IntervalLevels"/>), or none.</param>
    /// <param name="tracker">
    /// The tracker of the bands (<see cref="ModelColumns.Tracker"/>), or null for the calibrated ones: it observes every good
    /// line's target values, learns from every forecast written, and is saved with the state (the store must be made for
    /// its <see cref="GruNative.IntervalTracker.StateLength"/>).
    /// </param>
    public ForecastSession(
        SensorForecaster model, ModelColumns columns, Stream forecasts, TextWriter messages,
        int every = 1, BadInputPolicy onBadInput = BadInputPolicy.Skip, StateStore? store = null, int saveEvery = 1, int[]? intervalLevels = null,
        GruNative.IntervalTracker? tracker = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(saveEvery, 1);
        _model = model;
        _columns = columns;
        _positional = ColumnLayout.Positional(SensorForecaster.InputSize);
        _writer = new ForecastWriter(forecasts, columns, SensorForecaster.OutputSize, intervalLevels);
        _messages = messages;
        _every = every;
        _onBadInput = onBadInput;
        _store = store;
        _saveEvery = saveEvery;
        _tracker = tracker;
        _targetInputs = columns.TargetInputs;
        _targets = new double[_targetInputs.Length];
        _trackerValues = new double[tracker?.StateLength ?? 0];
    }

    /// <summary>Observations the state has absorbed, restored ones included.</summary>
    public long Steps { get; private set; }

    /// <summary>
    /// Continues from a saved state. The tracker continues from the file's tracker state when both have one; a file without
    /// one (saved without tracking) leaves the tracker as calibrated, and a tracker state this program does not track is ignored.
    /// </summary>
    /// <param name="saved">The state.</param>
    /// <param name="path">The state file's path, for messages.</param>
    /// <exception cref="StateFileException">The file's tracker state is not one this program's tracker can hold (nothing is restored).</exception>
    public void Restore(SavedState saved, string path = "")
    {
        lock (_gate)
        {
            if (_tracker is not null && saved.Tracker is { } tracker)
            {
                // TryCopyFrom checks every value first and changes nothing when it refuses.
                if (!_tracker.TryCopyFrom(tracker))
                    throw new StateFileException($"State file {path} holds an interval tracker state of {tracker.Length} values that this program's tracker ({_tracker.StateLength} values) cannot hold.");
            }
            _state.CopyFrom(saved.Values);
            Steps = _savedSteps = saved.Steps;
        }
    }

    /// <summary>Copies the state out (StateLength floats, as the state file holds them).</summary>
    public void CopyState(Span<float> destination)
    {
        lock (_gate)
            _state.CopyTo(destination);
    }

    /// <summary>Writes the forecast CSV's header line.</summary>
    public void WriteHeader() => _writer.WriteHeader();

    /// <summary>
    /// Runs every line of <paramref name="input"/> through the model. With <paramref name="header"/>, the first line names
    /// the columns and the model's inputs are picked by name; without, each line holds the inputs in the model's order.
    /// Blank lines are passed over. Returns false when a bad line stopped it (<see cref="BadInputPolicy.Fail"/>).
    /// </summary>
    /// <param name="input">The observations.</param>
    /// <param name="source">The input's name in messages ("stdin", a path).</param>
    /// <param name="header">Whether the first line is a header.</param>
    /// <param name="emitForecasts">Whether to write forecasts (false while warming up).</param>
    /// <exception cref="HeaderException">The header lacks an input column.</exception>
    public bool Feed(Stream input, string source, bool header, bool emitForecasts)
    {
        _reader.Reset(input);
        ColumnLayout layout = header ? ReadHeader(source) : _positional;
        while (true)
        {
            LineKind kind = _reader.Read(out ReadOnlySpan<byte> line);
            if (kind == LineKind.End)
                return true;
            if (kind == LineKind.Line && ObservationParser.IsBlank(line))
                continue;

            // The hot path: parse and standardise the whole line, then step; a bad line never reaches the state.
            LineCheck check = default;
            if (kind == LineKind.Line)
            {
                check = ObservationParser.Parse(line, layout, _columns.Preprocessing, _observation, _input);
                if (check.IsGood)
                {
                    lock (_gate)
                        Advance(emitForecasts);
                    continue;
                }
            }

            string problem = kind == LineKind.TooLong ? $"longer than {_reader.Capacity} bytes" : ObservationParser.Describe(check, line, layout);
            bool stop = _onBadInput == BadInputPolicy.Fail;
            _messages.WriteLine($"{source} line {_reader.LineNumber}: {problem}; {(stop ? "stopping (--on-bad-input fail)" : "line skipped")}");
            if (stop)
                return false;
        }
    }

    /// <summary>Saves the state if it has changed since the last save (at exit, after warm-up).</summary>
    public void SaveIfChanged()
    {
        lock (_gate)
            SaveIfChangedLocked();
    }

    /// <summary>
    /// Like <see cref="SaveIfChanged"/> from another thread (a signal handler) that must not wait forever for the
    /// streaming thread, which could be blocked writing to a stalled reader. Returns false if it could not save in time.
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

    private void Advance(bool emitForecast)
    {
        _model.Step(_input, ref _state);
        Steps++;
        if (_tracker is not null)
        {
            // The observed values of the targets: every forecast waiting for this step learns how far off it was.
            for (int k = 0; k < _targets.Length; k++)
                _targets[k] = _observation[_targetInputs[k]];
            _tracker.Observe(_targets);
        }
        // The forecast is made (and handed to the tracker) before the save and written after it: once a reader has seen
        // the forecast of step k, the state file holds step k or a later one (within saveEvery − 1 steps), and a tracker
        // saved at step k already holds the forecast made after it, so a restored run learns from it as this one would.
        bool emit = emitForecast && Steps % _every == 0;
        if (emit)
        {
            _model.Predict(in _state, _forecast);
            _writer.Prepare(_forecast, _tracker);
        }
        if (_store is not null && Steps % _saveEvery == 0)
            Save();
        if (emit)
            _writer.Emit(Steps);
    }

    private void SaveIfChangedLocked()
    {
        if (_store is not null && Steps != _savedSteps)
            Save();
    }

    private void Save()
    {
        _state.CopyTo(_stateValues);
        _tracker?.CopyTo(_trackerValues);
        _store!.Save(Steps, _stateValues, _trackerValues);
        _savedSteps = Steps;
    }

    private ColumnLayout ReadHeader(string source)
    {
        return _reader.Read(out ReadOnlySpan<byte> line) switch
        {
            LineKind.Line => ColumnLayout.FromHeader(line, _columns.InputNames, source),
            LineKind.TooLong => throw new HeaderException($"{source} line {_reader.LineNumber}: the header is longer than {_reader.Capacity} bytes"),
            _ => throw new HeaderException($"{source} is empty: expected a header line naming the columns {string.Join(", ", _columns.InputNames)}"),
        };
    }
}
