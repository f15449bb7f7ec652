using System;
using System.IO;
using GruNative;
using GruNative.Samples.EdgeIo;

namespace SegmentForecaster.Persistence;

/// <summary>
/// One state file on disk (<c>--state FILE</c>), written atomically with the runtime's <see cref="AtomicFile"/>: the
/// bytes go to a temporary file in the same folder, are synced, the temporary file is renamed over the state file and
/// the folder is synced. A kill or a power cut at any moment leaves the previous file or the new one, never a mix.
/// One process per state file.
/// </summary>
internal sealed class HistoryStore
{
    private readonly ModelIdentity _model;
    private readonly byte[] _file;
    private readonly Action<Stream> _writeFile;
    private int _length;

    /// <param name="path">The state file.</param>
    /// <param name="model">The model whose history it holds.</param>
    /// <param name="trackerLength">Doubles of the interval tracker's state saved with it (0: none).</param>
    public HistoryStore(string path, ModelIdentity model, int trackerLength = 0)
    {
        Path = StateFileIo.FullPathInExistingFolder(path);
        _model = model;
        _file = new byte[HistoryFile.FileLength(model.Spec.Lookback * Math.Max(model.Spec.Channels, 1), trackerLength)];
        _writeFile = stream => stream.Write(_file, 0, _length);   // made once: saving creates no delegate
    }

    /// <summary>The state file's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// Replaces the state file with <paramref name="values"/> after <paramref name="observations"/> (and the interval
    /// tracker's state <paramref name="tracker"/>, as long as the store was made for). The encoding
    /// allocates nothing; <see cref="AtomicFile.Write"/> allocates its temporary file's name and stream and waits for the
    /// disk (two fsyncs), which is most of a save's time.
    /// </summary>
    public void Save(long observations, ReadOnlySpan<float> values, ReadOnlySpan<double> tracker = default)
    {
        _length = HistoryFile.Encode(_file, _model, observations, values, tracker);
        AtomicFile.Write(Path, _writeFile);
    }

    /// <summary>The saved history, or null when there is no state file yet.</summary>
    /// <exception cref="StateFileException">The file is damaged or belongs to other weights.</exception>
    public SavedHistory? Load() => HistoryFile.Load(Path, _model);
}
