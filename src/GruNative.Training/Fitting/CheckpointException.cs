using System;

namespace GruNative.Training.Fitting;

/// <summary>A checkpoint is missing, damaged, or belongs to another model, data set or set of options.</summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception for the checkpoint at <paramref name="path"/>.</summary>
    public CheckpointException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
