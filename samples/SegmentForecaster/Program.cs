// SegmentForecaster: a forecaster for an edge device. A segment-recurrent model (SegRNN, GRU), trained by `grunative
// train` on ETTh1's oil temperature and baked into this binary at compile time (OilTemperatureForecaster.cs), reads
// hourly readings from standard input as they arrive and, once it holds the last 336, writes the next 96 hours after
// each one. Its history survives restarts and power cuts in a checked state file. How to run, publish for x64 and
// arm64, and what it measures: README.md beside this file.
//
// This file is the program's outline: options → model → state file → warm-up → stream → save. The loop itself is
// Streaming/ForecastSession.cs; the state file's format is Persistence/HistoryFile.cs.

using System;
using System.IO;
using System.Runtime.InteropServices;
using GruNative;
using SegmentForecaster;
using SegmentForecaster.Diagnostics;
using SegmentForecaster.Persistence;
using SegmentForecaster.Streaming;
using GruNative.Samples.EdgeIo;

using TextWriter messages = StandardStreams.OpenErrorWriter();
ProgramOptions options;
int[] intervalLevels;
OilTemperatureForecaster model = OilTemperatureForecaster.Baked;
// The weights' metadata: the OT scaler and the intervals, baked in with the weights (checked against the shape at compile time).
Preprocessing preprocessing = model.Preprocessing!;
try
{
    options = ProgramOptions.Parse(args);
    // --intervals: the levels the model holds, checked here, before any input is read.
    intervalLevels = options.IntervalLevels is null ? [] : IntervalLevels.Resolve(preprocessing, options.IntervalLevels);
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
if (options.Info)
{
    using TextWriter output = StandardStreams.OpenOutputWriter();
    RuntimeReport.Write(output, ModelIdentity.Baked, preprocessing);
    return ExitCode.Done;
}
if (options.BenchCount > 0)
{
    using TextWriter output = StandardStreams.OpenOutputWriter();
    ForecastTimer.Run(output, options.BenchCount);
    return ExitCode.Done;
}

ForecastSession? session = null;
try
{
    using Stream input = options.InputPath is null ? StandardStreams.OpenInput() : CommandLine.OpenInputFile(options.InputPath);
    using Stream forecasts = StandardStreams.OpenOutput();
    // Bands the weights say to track online are tracked, and the tracker is saved with the history.
    var tracker = IntervalLevels.Tracker(preprocessing, intervalLevels);
    HistoryStore? store = options.StatePath is null ? null : new HistoryStore(options.StatePath, ModelIdentity.Baked, tracker?.StateLength ?? 0);
    var writer = new ForecastWriter(forecasts, preprocessing, OilTemperatureForecaster.Horizon, intervalLevels);
    session = new ForecastSession(model, new ObservationReader(preprocessing, "stdin"), writer, options.Every, store, options.SaveEvery, tracker);

    // SIGTERM (systemd stopping the service) and SIGINT (Ctrl+C) save the history before the process ends; SIGKILL and
    // power cuts cannot be caught, which is what saving every --save-every observations is for.
    using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => SaveOnSignal(session, messages));
    using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => SaveOnSignal(session, messages));

    SavedHistory? saved = store?.Load();
    if (saved is not null)
    {
        session.Restore(saved, store!.Path);
        messages.WriteLine($"state: restored {saved.Values.Length} observations of history (observation {saved.Observations}) from {store!.Path}");
    }
    if (options.WarmupPath is not null)
    {
        if (saved is not null)
        {
            messages.WriteLine($"warm-up: skipped, the history was restored from {store!.Path}");
        }
        else
        {
            using Stream history = CommandLine.OpenInputFile(options.WarmupPath);
            session.Feed(history, options.WarmupPath, header: true, emitForecasts: false);
            messages.WriteLine($"warm-up: {session.Observations} observations from {options.WarmupPath}");
            session.SaveIfChanged();
        }
    }

    writer.WriteHeader();
    session.Feed(input, options.InputPath ?? "stdin", header: options.InputPath is not null || options.StdinHeader, emitForecasts: true);
    if (session.Count < OilTemperatureForecaster.Lookback)
        messages.WriteLine($"no forecast: the history holds {session.Count} of the {OilTemperatureForecaster.Lookback} observations a forecast reads");
    return ExitCode.Done;
}
catch (BadInputException e)
{
    messages.WriteLine(e.Message);
    return ExitCode.BadInput;
}
catch (StateFileException e)
{
    messages.WriteLine($"{e.Message} Move it away to start from an empty history.");
    return ExitCode.StateRefused;
}
catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
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
    // At exit, however it came: the history as the last good line left it.
    if (session is not null)
        ProgramExit.SaveAtExit(session.SaveIfChanged, "history", messages);
}

// Runs on the signal's thread. It writes to `messages` only when the loop is stuck writing a forecast, so the two never
// write messages at once (a StreamWriter is not thread-safe).
static void SaveOnSignal(ForecastSession session, TextWriter messages)
{
    if (!session.TrySaveIfChanged(TimeSpan.FromSeconds(5)))
        messages.WriteLine("state: not saved on the signal (the loop is blocked writing); the last periodic save stands");
}
