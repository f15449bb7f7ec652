using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GruNative.Cli.Comparison;

/// <summary>One model shape of a sweep: cell, stacked layers and hidden units. Seeds of the same shape are averaged.</summary>
internal sealed record SweepShape(CellKind Cell, int Layers, int Hidden)
{
    /// <summary>For example <c>gru-l1-h32</c>: folder and file names.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{Cell.ToMetadataName()}-l{Layers}-h{Hidden}");

    /// <summary>For example <c>GRU L=1 H=32</c>: report text.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Cell.ToString().ToUpperInvariant()} L={Layers} H={Hidden}");

    /// <summary>The model this shape gives for a task of <paramref name="inputs"/> inputs and <paramref name="outputs"/> outputs.</summary>
    public ModelSpec Spec(int inputs, int outputs) => new(Cell, inputs, Hidden, Layers, outputs);
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
    public static IReadOnlyList<SweepRun> Grid(IReadOnlyList<CellKind> cells, IReadOnlyList<int> layers, IReadOnlyList<int> hidden, int firstSeed, int seeds)
    {
        var shapes = (from cell in cells from l in layers from h in hidden select new SweepShape(cell, l, h)).Distinct().ToList();
        return (from s in Enumerable.Range(firstSeed, seeds) from shape in shapes select new SweepRun(shape, s)).ToList();
    }
}
