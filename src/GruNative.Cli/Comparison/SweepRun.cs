using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GruNative.Cli.Commands;

namespace GruNative.Cli.Comparison;

/// <summary>
/// One model shape of a sweep: architecture, cell, stacked layers and hidden units (d of a segment model, which has one
/// layer). Seeds of the same shape are averaged.
/// </summary>
internal sealed record SweepShape(CellKind Cell, int Layers, int Hidden, ModelArchitecture Architecture = ModelArchitecture.Recurrent)
{
    /// <summary>True for the segment-recurrent architecture.</summary>
    public bool IsSegment => Architecture == ModelArchitecture.SegRnn;

    /// <summary>For example <c>gru-l1-h32</c> or <c>segrnn-gru-d64</c>: folder and file names.</summary>
    public string Name => IsSegment
        ? string.Create(CultureInfo.InvariantCulture, $"segrnn-{Cell.ToMetadataName()}-d{Hidden}")
        : string.Create(CultureInfo.InvariantCulture, $"{Cell.ToMetadataName()}-l{Layers}-h{Hidden}");

    /// <summary>For example <c>GRU L=1 H=32</c> or <c>SegRNN GRU d=64</c>: report text.</summary>
    public string Label => IsSegment
        ? string.Create(CultureInfo.InvariantCulture, $"SegRNN {Cell.ToString().ToUpperInvariant()} d={Hidden}")
        : string.Create(CultureInfo.InvariantCulture, $"{Cell.ToString().ToUpperInvariant()} L={Layers} H={Hidden}");

    /// <summary>The plain model this shape gives for a task of <paramref name="inputs"/> inputs and <paramref name="outputs"/> outputs.</summary>
    /// <exception cref="InvalidOperationException">The shape is a segment model's.</exception>
    public ModelSpec Spec(int inputs, int outputs) => IsSegment
        ? throw new InvalidOperationException($"{Label} is a segment model, not a plain one.")
        : new(Cell, inputs, Hidden, Layers, outputs);
}

/// <summary>One training run of a sweep: a shape and a seed.</summary>
internal sealed record SweepRun(SweepShape Shape, int Seed)
{
    /// <summary>For example <c>gru-l1-h32-s2</c>: the run's folder name.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{Shape.Name}-s{Seed}");

    /// <summary>
    /// Every run of the grid, seed by seed (all shapes with the first seed, then all with the second, …), so an interrupted
    /// sweep already covers the whole grid once before it repeats it.
    /// </summary>
    /// <remarks>A segment model has one layer: the layer counts apply to the recurrent architecture only.</remarks>
    public static IReadOnlyList<SweepRun> Grid(IReadOnlyList<CellKind> cells, IReadOnlyList<int> layers, IReadOnlyList<int> hidden, int firstSeed, int seeds,
        IReadOnlyList<ModelArchitecture>? architectures = null)
    {
        architectures ??= [ModelArchitecture.Recurrent];
        var shapes = (from architecture in architectures
                      from cell in cells
                      from l in architecture == ModelArchitecture.SegRnn ? [1] : layers
                      from h in hidden
                      select new SweepShape(cell, l, h, architecture)).Distinct().ToList();
        return (from s in Enumerable.Range(firstSeed, seeds) from shape in shapes select new SweepRun(shape, s)).ToList();
    }
}
