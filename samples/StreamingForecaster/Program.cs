// StreamingForecaster: a forecaster for an edge device. A 2×64 GRU, trained by `grunative train` and baked into this
// binary at compile time (SensorForecaster.cs), reads sensor observations from standard input as they arrive and
// writes the next 24 hours of temperature after each one. Its recurrent state survives restarts and power cuts in a
// checked state file. How to run, publish for x64 and arm64, and what it measures: README.md beside this file.
//
// This file is the program's outline: options → model → state file → warm-up → stream → save. The loop itself is
// Streaming/ForecastSession.cs; the state file's format is Persistence/StateFile.cs.

using System;
using System.IO;
using System.Runtime.InteropServices;
using GruNative;
using StreamingForecaster;
using StreamingForecaster.Diagnostics;
using StreamingForecaster.Persistence;
using StreamingForecaster.Streaming;
using GruNative.Samples.EdgeIo;

using TextWriter messages = StandardStreams.OpenErrorWriter();
ProgramOptions options;
try
{
    options = ProgramOptions.Parse(args);
}
catch (UsageException e)
{
    messages.WriteLine($"{e.Message} Run with --help for the options.");
    return ExitCode.Usage;
}
if (options.Help)
{
    using TextWriter output = StandardStreams.OpenOutputWriter();
    output.Write(ProgramOptions.Usage + Environment.NewLine);
    return ExitCode.Done;
}

// The model: weights baked in, scalers, column names and intervals from their metadata, and what a state file must match.
SensorForecaster model = SensorForecaster.Baked;
var fingerprint = new ModelFingerprint(SensorForecaster.Spec, BakedWeightsHash.Sha256);
ModelColumns columns;
int[]? intervalLevels;
IntervalTracker[]? trackers;
try
{
    columns = ModelColumns.Of(SensorForecaster.Spec, model.Preprocessing);
    // --intervals: the levels the model holds, checked here, before any input is read.
    intervalLevels = options.IntervalLevels is null ? null : columns.IntervalLevels(options.IntervalLevels);
    // Bands the model's weights say to track online are tracked, one tracker per sensor, saved with the states.
    trackers = columns.Trackers(intervalLevels, options.Sensors);
}
catch (NotSupportedException e)
{
    messages.WriteLine(e.Message);
    return ExitCode.Usage;
}

if (options.Info)
{
    using TextWriter output = StandardStreams.OpenOutputWriter();
    RuntimeReport.Write(output, fingerprint, columns);
    return ExitCode.Done;
}
if (options.BenchSteps > 0)
{
    using TextWriter output = StandardStreams.OpenOutputWriter();
    StepTimer.Run(output, options.BenchSteps, options.Sensors);
    return ExitCode.Done;
}

ForecastSession? session = null;
try
{
    using Stream input = options.InputPath is null ? StandardStreams.OpenInput() : CommandLine.OpenInputFile(options.InputPath);
    using Stream forecasts = StandardStreams.OpenOutput();
    StateStore? store = options.StatePath is null ? null : new StateStore(options.StatePath, fingerprint, trackers?[0].StateLength ?? 0, options.Sensors);
    session = new ForecastSession(model, columns, forecasts, messages, options.Every, options.OnBadInput, store, options.SaveEvery, intervalLevels, trackers, options.Sensors);

    // SIGTERM (systemd stopping the service) and SIGINT (Ctrl+C) save the state before the process ends; SIGKILL and
    // power cuts cannot be caught, which is what saving every --save-every steps is for.
    using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => SaveOnSignal(session, messages));
    using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => SaveOnSignal(session, messages));

    bool restored = store is not null && Restore(store, session, options.OnBadState, messages);
    if (options.WarmupPath is not null)
    {
        if (restored)
        {
            messages.WriteLine($"warm-up: skipped, the state was restored from {store!.Path}");
        }
        else
        {
            using Stream history = CommandLine.OpenInputFile(options.WarmupPath);
            if (!session.Feed(history, options.WarmupPath, header: true, emitForecasts: false))
                return ExitCode.BadInput;
            messages.WriteLine($"warm-up: {session.Steps} observations from {options.WarmupPath}");
            session.SaveIfChanged();
        }
    }

    session.WriteHeader();
    bool readToEnd = session.Feed(input, options.InputPath ?? "stdin", header: options.InputPath is not null || options.StdinHeader, emitForecasts: true);
    return readToEnd ? ExitCode.Done : ExitCode.BadInput;
}
catch (StateFileException e)
{
    messages.WriteLine($"{e.Message} Use --on-bad-state fresh to set it aside and start from the zero state.");
    return ExitCode.StateRefused;
}
catch (Exception e) when (e is HeaderException or FileNotFoundException or DirectoryNotFoundException)
{
    messages.WriteLine(e.Message);
    return ExitCode.Usage;
}
catch (Exception e) when (ProgramExit.IsIOError(e))
{
    messages.WriteLine($"I/O error: {e.Message}");
    return ExitCode.IOError;
}
finally
{
    // At exit, however it came: the state as the last good line left it.
    if (session is not null)
        ProgramExit.SaveAtExit(session.SaveIfChanged, "state", messages);
    if (options.ReportMemory)
        messages.WriteLine(RuntimeReport.DescribeMemory());
}

// Restores the saved state, if any. Returns true when a state was restored.
static bool Restore(StateStore store, ForecastSession session, BadStatePolicy onBadState, TextWriter messages)
{
    int interrupted = store.RemoveInterruptedSaves();
    if (interrupted > 0)
        messages.WriteLine($"state: removed {interrupted} temporary file(s) of save(s) interrupted in an earlier run");
    SavedState? saved;
    try
    {
        saved = store.Load();
        if (saved is not null)
            session.Restore(saved, store.Path);
    }
    catch (StateFileException e) when (onBadState == BadStatePolicy.Fresh)
    {
        messages.WriteLine($"state: {e.Message} Set aside as {store.SetAside()}; starting from the zero state.");
        return false;
    }
    if (saved is null)
    {
        messages.WriteLine($"state: {store.Path} does not exist yet; starting from the zero state");
        return false;
    }
    messages.WriteLine($"state: restored step {saved.Steps} from {store.Path}");
    return true;
}

// Runs on the signal's thread. It writes to `messages` only when the streaming thread is stuck writing a forecast, so
// the two never write messages at once (a StreamWriter is not thread-safe; TextWriter.Synchronized costs 50 KB of binary).
static void SaveOnSignal(ForecastSession session, TextWriter messages)
{
    if (!session.TrySaveIfChanged(TimeSpan.FromSeconds(5)))
        messages.WriteLine("state: not saved on the signal (the streaming thread is blocked writing); the last periodic save stands");
}
