using System;
using System.IO;
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
/// <para>
/// A gateway (<c>sensors</c> ≥ 2) runs one model over several sensors of one kind: each line holds an observation of
/// every sensor, one state per sensor advances in one call over all of them (the generated many-streams
/// <c>Step</c>, whose weights are read once per line, not once per sensor; each sensor's numbers are what a program of its
/// own would compute, bit for bit), every sensor gets its forecast line, and all states are saved together in one
/// file. A line with a bad value of any sensor is skipped whole, so the sensors never drift apart by a step.
/// </para>
/// </summary>
internal sealed class ForecastSession
{
    private readonly SensorForecaster _model;
    private readonly ModelColumns _columns;
    private readonly ColumnLayout _positional;
    private readonly LineReader _reader = new();
    private readonly ForecastWriter[] _writers;   // one per sensor
    private readonly TextWriter _messages;
    private readonly int _every;
    private readonly BadInputPolicy _onBadInput;
    private readonly StateStore? _store;
    private readonly int _saveEvery;

    private readonly int _sensors;
    private readonly double[] _observation;   // [sensor][input], as read
    private readonly float[] _inputs;         // [sensor][input], standardised
    private readonly float[] _outputs;        // [sensor][output]
    private readonly float[] _stateValues;    // [sensor][state], as the state file holds them
    private readonly SensorForecaster.State[] _states;
    private readonly GruNative.IntervalTracker[]? _trackers;   // one per sensor, or none
    private readonly GruNative.IntervalTracker? _probe;        // checks a restored tracker state before any tracker takes it
    private readonly int[] _targetInputs;
    private readonly double[] _targets;
    private readonly double[] _trackerValues;  // [sensor][tracker state]
    private long _savedSteps;

    // Held while a line changes the state, and by a save from a signal handler (Program.cs), so a save never sees a
    // half-made step.
    private readonly SaveGate _gate;

    /// <param name="model">The model.</param>
    /// <param name="columns">Its input and target scalers, applied with <see cref="GruNative.Preprocessing"/>'s methods.</param>
    /// <param name="forecasts">Where forecasts go (standard output).</param>
    /// <param name="messages">Where bad lines are reported (standard error).</param>
    /// <param name="every">Write a forecast after every <paramref name="every"/>-th observation (counted from the first ever, restored ones included).</param>
    /// <param name="onBadInput">Skip bad lines, or stop at the first.</param>
    /// <param name="store">The state file, or null.</param>
    /// <param name="saveEvery">Save the state after every <paramref name="saveEvery"/>-th observation.</param>
    /// <param name="intervalLevels">The interval levels each forecast line carries (<see cref="ModelColumns.IntervalLevels"/>), or none.</param>
    /// <param name="trackers">
    /// The trackers of the bands, one per sensor (<see cref="ModelColumns.Trackers"/>), or null for the calibrated ones:
    /// each observes its sensor's target values on every good line, learns from every forecast written, and is saved with
    /// the states (the store must be made for their <see cref="GruNative.IntervalTracker.StateLength"/>).
    /// </param>
    /// <param name="sensors">Sensors on each line (<c>--sensors</c>); 1 is the plain program.</param>
    public ForecastSession(
        SensorForecaster model, ModelColumns columns, Stream forecasts, TextWriter messages,
        int every = 1, BadInputPolicy onBadInput = BadInputPolicy.Skip, StateStore? store = null, int saveEvery = 1, int[]? intervalLevels = null,
        GruNative.IntervalTracker[]? trackers = null, int sensors = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(saveEvery, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sensors, 1);
        if (trackers is not null && trackers.Length != sensors)
            throw new ArgumentException($"{trackers.Length} trackers for {sensors} sensors.", nameof(trackers));
        _model = model;
        _columns = columns;
        _sensors = sensors;
        _positional = ColumnLayout.Positional(sensors * SensorForecaster.InputSize);
        _writers = new ForecastWriter[sensors];
        for (int k = 0; k < sensors; k++)
            _writers[k] = new ForecastWriter(forecasts, columns, SensorForecaster.OutputSize, intervalLevels, sensors == 1 ? null : k + 1);
        _messages = messages;
        _every = every;
        _onBadInput = onBadInput;
        _store = store;
        _saveEvery = saveEvery;
        _observation = new double[sensors * SensorForecaster.InputSize];
        _inputs = new float[sensors * SensorForecaster.InputSize];
        _outputs = new float[sensors * SensorForecaster.OutputSize];
        _states = new SensorForecaster.State[sensors];
        _stateValues = new float[sensors * SensorForecaster.StateLength];
        _trackers = trackers;
        _probe = trackers is null ? null : new GruNative.IntervalTracker(columns.Preprocessing);
        _targetInputs = columns.TargetInputs;
        _targets = new double[_targetInputs.Length];
        _trackerValues = new double[sensors * (_probe?.StateLength ?? 0)];
        _gate = new SaveGate(SaveIfChangedLocked);
    }

    /// <summary>Observations the state has absorbed, restored ones included.</summary>
    public long Steps { get; private set; }

    /// <summary>
    /// Continues from a saved state. The trackers continue from the file's tracker states when both have them; a file
    /// without (saved without tracking) leaves the trackers as calibrated, and tracker states this program does not track
    /// are ignored.
    /// </summary>
    /// <param name="saved">The state.</param>
    /// <param name="path">The state file's path, for messages.</param>
    /// <exception cref="StateFileException">
    /// The file holds another number of sensors, or tracker states this program's trackers cannot hold (nothing is restored).
    /// </exception>
    public void Restore(SavedState saved, string path = "")
    {
        lock (_gate.Lock)
        {
            if (saved.Sensors != _sensors)
            {
                throw new StateFileException(
                    $"State file {path} holds the states of {Sensors(saved.Sensors)}; this run forecasts {Sensors(_sensors)} (--sensors {_sensors}).");
            }
            if (_trackers is not null && saved.Tracker is { } trackers)
            {
                // Every sensor's tracker state is checked before any tracker takes one: a refused file changes nothing.
                int length = trackers.Length / _sensors;
                for (int k = 0; k < _sensors; k++)
                {
                    if (length != _probe!.StateLength || !_probe.TryCopyFrom(trackers.AsSpan(k * length, length)))
                        throw new StateFileException($"State file {path} holds an interval tracker state of {length} values that this program's tracker ({_probe.StateLength} values) cannot hold.");
                }
                for (int k = 0; k < _sensors; k++)
                    _trackers[k].CopyFrom(trackers.AsSpan(k * length, length));
            }
            for (int k = 0; k < _sensors; k++)
                _states[k].CopyFrom(saved.Values.AsSpan(k * SensorForecaster.StateLength, SensorForecaster.StateLength));
            Steps = _savedSteps = saved.Steps;
        }
    }

    private static string Sensors(int count) => count == 1 ? "one sensor" : $"{count} sensors";

    /// <summary>Copies the states out (StateLength floats per sensor, one sensor after another, as the state file holds them).</summary>
    public void CopyState(Span<float> destination)
    {
        lock (_gate.Lock)
        {
            for (int k = 0; k < _sensors; k++)
                _states[k].CopyTo(destination.Slice(k * SensorForecaster.StateLength, SensorForecaster.StateLength));
        }
    }

    /// <summary>Writes the forecast CSV's header line.</summary>
    public void WriteHeader() => _writers[0].WriteHeader();

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
                check = ObservationParser.Parse(line, layout, _columns.Preprocessing, _observation, _inputs);
                if (check.IsGood)
                {
                    lock (_gate.Lock)
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
    public void SaveIfChanged() => _gate.SaveIfChanged();

    /// <summary>
    /// Like <see cref="SaveIfChanged"/> from another thread (a signal handler) that must not wait forever for the
    /// streaming thread, which could be blocked writing to a stalled reader. Returns false if it could not save in time.
    /// </summary>
    public bool TrySaveIfChanged(TimeSpan timeout) => _gate.TrySaveIfChanged(timeout);

    private void Advance(bool emitForecast)
    {
        // One sensor: the single-stream kernel (the many-streams call hands a single state to it). More: one pass over
        // the weights for all of them.
        _model.Step(_inputs, _states.AsSpan());
        Steps++;
        for (int sensor = 0; _trackers is not null && sensor < _sensors; sensor++)
        {
            // The observed values of the targets: every forecast waiting for this step learns how far off it was.
            for (int k = 0; k < _targets.Length; k++)
                _targets[k] = _observation[sensor * SensorForecaster.InputSize + _targetInputs[k]];
            _trackers[sensor].Observe(_targets);
        }
        // The forecast is made (and handed to the tracker) before the save and written after it: once a reader has seen
        // the forecast of step k, the state file holds step k or a later one (within saveEvery − 1 steps), and a tracker
        // saved at step k already holds the forecast made after it, so a restored run learns from it as this one would.
        bool emit = emitForecast && Steps % _every == 0;
        if (emit)
        {
            _model.Predict(_states, _outputs);
            for (int sensor = 0; sensor < _sensors; sensor++)
                _writers[sensor].Prepare(_outputs.AsSpan(sensor * SensorForecaster.OutputSize, SensorForecaster.OutputSize), _trackers?[sensor]);
        }
        if (_store is not null && Steps % _saveEvery == 0)
            Save();
        for (int sensor = 0; emit && sensor < _sensors; sensor++)
            _writers[sensor].Emit(Steps);
    }

    private void SaveIfChangedLocked()
    {
        if (_store is not null && Steps != _savedSteps)
            Save();
    }

    private void Save()
    {
        for (int sensor = 0; sensor < _sensors; sensor++)
        {
            _states[sensor].CopyTo(_stateValues.AsSpan(sensor * SensorForecaster.StateLength, SensorForecaster.StateLength));
            _trackers?[sensor].CopyTo(_trackerValues.AsSpan(sensor * _probe!.StateLength, _probe.StateLength));
        }
        _store!.Save(Steps, _stateValues, _trackerValues);
        _savedSteps = Steps;
    }

    private ColumnLayout ReadHeader(string source)
    {
        return _reader.Read(out ReadOnlySpan<byte> line) switch
        {
            LineKind.Line => ColumnLayout.FromHeader(line, _columns.InputNamesOf(_sensors), source),
            LineKind.TooLong => throw new HeaderException($"{source} line {_reader.LineNumber}: the header is longer than {_reader.Capacity} bytes"),
            _ => throw new HeaderException($"{source} is empty: expected a header line naming the columns {string.Join(", ", _columns.InputNamesOf(_sensors))}"),
        };
    }
}
