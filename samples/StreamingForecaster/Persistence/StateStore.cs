using System;
using System.IO;
using GruNative;
using GruNative.Samples.EdgeIo;

namespace StreamingForecaster.Persistence;

/// <summary>
/// One state file on disk (<c>--state FILE</c>) — one sensor's state, or a gateway's sensors' states saved together —
/// written atomically with the runtime's <see cref="AtomicFile"/>: the
/// bytes go to a temporary file in the same folder, are synced to the disk, the temporary file is renamed over the
/// state file, and the folder is synced. Killing the process or cutting the power at any moment leaves the previous
/// state file or the new one, never a mix, and never one older than the last save that returned (PowerCutTests runs the
/// program under a shim that drops every unsynced write and checks it). One process per state file.
/// </summary>
internal sealed class StateStore
{
    private readonly ModelFingerprint _model;
    private readonly int _sensors;
    private readonly byte[] _file;
    private readonly Action<Stream> _writeFile;

    /// <param name="path">The state file.</param>
    /// <param name="model">The model whose state it holds.</param>
    /// <param name="trackerLength">Doubles of one interval tracker's state saved with each sensor's state (0: none).</param>
    /// <param name="sensors">Sensors whose states the file holds (<c>--sensors</c>).</param>
    public StateStore(string path, ModelFingerprint model, int trackerLength = 0, int sensors = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sensors, 1);
        Path = StateFileIo.FullPathInExistingFolder(path);
        _model = model;
        _sensors = sensors;
        _file = new byte[StateFile.FileLength(model.Spec.StateSize, trackerLength, sensors)];
        _writeFile = stream => stream.Write(_file);   // made once: saving creates no delegate
    }

    /// <summary>The state file's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// Replaces the state file with <paramref name="state"/> after <paramref name="steps"/> observations (and the interval
    /// trackers' states <paramref name="tracker"/>, as long as the store was made for; a gateway's sensors one after
    /// another in both). The encoding
    /// allocates nothing; <see cref="AtomicFile.Write"/> allocates its temporary file's name and stream (about 1 KB) and
    /// waits for the disk (two fsyncs: the file's and the folder's), which is most of a save's time.
    /// </summary>
    public void Save(long steps, ReadOnlySpan<float> state, ReadOnlySpan<double> tracker = default)
    {
        StateFile.Encode(_file, _model, steps, state, tracker, _sensors);
        AtomicFile.Write(Path, _writeFile);
    }

    /// <summary>The saved state, or null when there is no state file yet.</summary>
    /// <exception cref="StateFileException">The file is damaged or belongs to another model.</exception>
    public SavedState? Load() => StateFile.Load(Path, _model, _file.Length);

    /// <summary>Renames a refused state file to <c>FILE.rejected</c> (replacing an older one), so a fresh start keeps the evidence.</summary>
    public string SetAside()
    {
        string rejected = Path + ".rejected";
        File.Move(Path, rejected, overwrite: true);
        return rejected;
    }

    /// <summary>
    /// Deletes the temporary files that saves interrupted by a kill or a power cut left in the folder, and returns how
    /// many. The pattern, <c>.NAME.{a GUID, 32 hex digits}.tmp</c>, is <see cref="AtomicFile"/>'s naming of its temporary files.
    /// </summary>
    public int RemoveInterruptedSaves()
    {
        string name = System.IO.Path.GetFileName(Path);
        int removed = 0;
        foreach (string file in Directory.EnumerateFiles(System.IO.Path.GetDirectoryName(Path)!, $".{name}.*.tmp"))
        {
            ReadOnlySpan<char> middle = System.IO.Path.GetFileName(file.AsSpan())[(name.Length + 2)..^4];
            if (Guid.TryParseExact(middle, "N", out _))
            {
                File.Delete(file);
                removed++;
            }
        }
        return removed;
    }
}
