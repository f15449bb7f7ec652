using System;
using System.Threading;

namespace GruNative.Samples.EdgeIo;

/// <summary>
/// The lock between an edge sample's streaming loop and its saves, one of which may come from a signal handler's thread:
/// the loop holds <see cref="Lock"/> while an observation changes the state, so a save never sees a half-made step.
/// System.Threading.Lock: entering and leaving it allocates nothing.
/// </summary>
/// <param name="saveIfChangedLocked">Saves the state if it has changed since the last save; called with the lock held.</param>
public sealed class SaveGate(Action saveIfChangedLocked)
{
    /// <summary>Held while an observation changes the state, and by every save.</summary>
    public Lock Lock { get; } = new();

    /// <summary>Saves the state if it has changed since the last save, waiting for the loop to let go of the lock.</summary>
    public void SaveIfChanged()
    {
        lock (Lock)
            saveIfChangedLocked();
    }

    /// <summary>
    /// Like <see cref="SaveIfChanged"/> from another thread (a signal handler) that must not wait forever for the loop,
    /// which could be blocked writing to a stalled reader. Returns false if it could not save in time.
    /// </summary>
    public bool TrySaveIfChanged(TimeSpan timeout)
    {
        if (!Lock.TryEnter(timeout))
            return false;
        try
        {
            saveIfChangedLocked();
            return true;
        }
        finally
        {
            Lock.Exit();
        }
    }
}
