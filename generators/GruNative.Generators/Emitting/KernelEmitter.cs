using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GruNative.Kernels;

namespace GruNative.Generators.Emitting;

/// <summary>
/// Writes the vector kernels of one model: a layer kernel per distinct input size and a head kernel, for each
/// vector width. Every loop bound and offset is a literal, so the JIT and NativeAOT see constants only.
/// </summary>
internal sealed class KernelEmitter
{
    private readonly KernelPlan _plan;
    private readonly SourceWriter _w;

    public KernelEmitter(KernelPlan plan, SourceWriter writer)
    {
        _plan = plan;
        _w = writer;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Accumulator names per slot: GRU keeps n's input and recurrent parts apart (r multiplies only the latter).
    private string[] AccumulatorSlots => _plan.IsLstm ? new[] { "i", "f", "g", "o" } : new[] { "r", "z", "nx", "nh" };

    /// <summary>The accumulator a row slot feeds: GRU's n slot feeds nx in input rows and nh in recurrent rows.</summary>
    private int Target(int rowSlot, bool recurrent) => !_plan.IsLstm && rowSlot == 2 ? (recurrent ? 3 : 2) : rowSlot;

    /// <summary>A slice of one group that a pass computes: <see cref="Vectors"/> vectors per gate from lane <see cref="Start"/>.</summary>
    private sealed record Segment(string Group, string Row, int Width, int Start, int Vectors, int UnitOffset);

    public void EmitLayerKernel(string name, int inputSize, VectorFlavor flavor)
    {
        string cell = _plan.IsLstm ? "LSTM" : "GRU";
        int width = KernelLayout.MaxGroupWidth, full = _plan.FullGroups;
        int length = KernelLayout.GroupLength(_plan.Gates, inputSize, _plan.Model.HiddenSize, width);
        _w.Line($"/// <summary>One {cell} layer reading {inputSize} input(s), {flavor.Bits}-bit vectors. <paramref name=\"w\"/>: the packed layer; <paramref name=\"hNext\"/>: the new h{(_plan.IsLstm ? "; <paramref name=\"c\"/> is updated in place" : "")}.</summary>");
        _w.Open($"private static void {name}{flavor.Name}(ref float w, ref float x, ref float h, ref float hNext{(_plan.IsLstm ? ", ref float c" : "")})");
        _w.Line("ref float group = ref w;");
        _w.Line("int unit = 0;");

        // 512-bit vectors cover 16 units: while the layer is small a pass takes two neighbouring groups, as two streams,
        // for 8 accumulators; a larger layer streams from L2, where one stream reads faster (KernelPlan.PairsGroups).
        int pairs = flavor.Lanes == 16 && _plan.PairsGroups(inputSize) ? full / 2 : 0, singles = full - 2 * pairs;
        if (pairs > 0)
        {
            _w.Open(pairs > 1 ? $"for (int g = 0; g < {pairs}; g++)" : null);
            _w.Line($"// Groups of {width} units ({N(length)} floats each), two per pass.");
            _w.Line($"ref float second = ref Unsafe.Add(ref group, {N(length)});");
            EmitPass(new[] { new Segment("group", "row", width, 0, 1, 0), new Segment("second", "secondRow", width, 0, 1, width) }, inputSize, flavor);
            _w.Line($"group = ref Unsafe.Add(ref group, {N(2 * length)});");
            _w.Line($"unit += {2 * width};");
            _w.Close();
        }
        if (singles > 0)
        {
            _w.Open(singles > 1 ? $"for (int g = 0; g < {singles}; g++)" : null);
            _w.Line($"// {(singles > 1 ? $"{singles} groups" : "A group")} of {width} units, {N(length)} floats each.");
            EmitGroupPasses(width, inputSize, flavor);
            _w.Line($"group = ref Unsafe.Add(ref group, {N(length)});");
            _w.Line($"unit += {width};");
            _w.Close();
        }
        if (_plan.RemainderWidth > 0)
        {
            _w.Open();
            _w.Line($"// The last {_plan.RemainderWidth} unit(s){(_plan.PaddedHidden != _plan.Model.HiddenSize ? $", of which {_plan.PaddedHidden - _plan.Model.HiddenSize} padding" : "")}.");
            EmitGroupPasses(_plan.RemainderWidth, inputSize, flavor);
            _w.Close();
        }
        _w.Close();
        _w.Line();
    }

    private void EmitGroupPasses(int width, int inputSize, VectorFlavor pathFlavor)
    {
        var flavor = KernelPlan.GroupFlavor(pathFlavor, width);
        int passUnits = KernelPlan.PassUnits(flavor);
        for (int start = 0; start < width; start += passUnits)
        {
            int units = Math.Min(passUnits, width - start);
            EmitPass(new[] { new Segment("group", "row", width, start, units / flavor.Lanes, start) }, inputSize, flavor);
        }
    }

    private void EmitPass(Segment[] segments, int inputSize, VectorFlavor f)
    {
        int vectors = segments.Sum(s => s.Vectors);
        int hidden = _plan.Model.HiddenSize;
        int split = Math.Max(KernelPlan.KSplit(vectors, inputSize), KernelPlan.KSplit(vectors, hidden));
        var slots = AccumulatorSlots;
        string V = f.Name;
        var lanes = Lanes(segments, f).ToList();

        _w.Open();
        _w.Line($"// Units {string.Join(", ", segments.Select(s => $"unit+{s.UnitOffset}…unit+{s.UnitOffset + s.Vectors * f.Lanes - 1}"))}: {vectors} vector(s) per gate, {slots.Length * vectors * split} accumulators.");
        for (int a = 0; a < slots.Length; a++)
        {
            foreach (var (v, segment, lane) in lanes)
            {
                _w.Line($"var {slots[a]}{v} = {V}.LoadUnsafe(ref {segment.Group}, {N(a * segment.Width + lane)});");
                if (split == 2)
                    _w.Line($"var {slots[a]}{v}b = {V}<float>.Zero;");
            }
        }
        foreach (var segment in segments)
            _w.Line($"ref float {segment.Row} = ref Unsafe.Add(ref {segment.Group}, {N(KernelLayout.BiasSlots * segment.Width + segment.Start)});");
        EmitRows("x", inputSize, segments, lanes, f, recurrent: false, split);
        EmitRows("h", hidden, segments, lanes, f, recurrent: true, split);
        if (split == 2)
        {
            foreach (var slot in slots)
            {
                for (int v = 0; v < vectors; v++)
                    _w.Line($"{slot}{v} += {slot}{v}b;");
            }
        }
        foreach (var (v, segment, lane) in lanes)
            EmitEpilogue(v, segment.UnitOffset + lane - segment.Start, f);
        _w.Close();
    }

    // The vectors of a pass in accumulator order: index, segment, and lane offset within the segment's group.
    private static IEnumerable<(int Vector, Segment Segment, int Lane)> Lanes(Segment[] segments, VectorFlavor f)
    {
        int v = 0;
        foreach (var segment in segments)
        {
            for (int i = 0; i < segment.Vectors; i++)
                yield return (v++, segment, segment.Start + i * f.Lanes);
        }
    }

    // for k: broadcast source[k] and multiply-add it into every gate's accumulators; each segment's weights are one
    // stream, read once, front to back.
    private void EmitRows(string source, int count, Segment[] segments, List<(int Vector, Segment Segment, int Lane)> lanes, VectorFlavor f, bool recurrent, int split)
    {
        int slots = KernelLayout.RowSlots(_plan.Gates);
        string V = f.Name;
        int unrolled = count - count % split;

        void Body(int step, string index, string suffix)
        {
            _w.Line($"var {source}k{suffix} = {V}.Create(Unsafe.Add(ref {source}, {index}));");
            for (int s = 0; s < slots; s++)
            {
                string acc = AccumulatorSlots[Target(s, recurrent)];
                foreach (var (v, segment, lane) in lanes)
                {
                    int offset = step * slots * segment.Width + s * segment.Width + lane - segment.Start;
                    _w.Line($"{acc}{v}{suffix} = {V}.MultiplyAddEstimate({V}.LoadUnsafe(ref {segment.Row}, {N(offset)}), {source}k{suffix}, {acc}{v}{suffix});");
                }
            }
        }

        void Advance(int steps)
        {
            foreach (var segment in segments)
                _w.Line($"{segment.Row} = ref Unsafe.Add(ref {segment.Row}, {N(steps * slots * segment.Width)});");
        }

        _w.Line($"// {(recurrent ? "Recurrent" : "Input")} rows: {count} × [{string.Join(", ", Enumerable.Range(0, slots).Select(s => AccumulatorSlots[Target(s, recurrent)]))}] × {segments[0].Width} floats{(segments.Length > 1 ? " per group" : "")}.");
        if (unrolled > 0)
        {
            _w.Open($"for (int k = 0; k < {unrolled}; {(split == 1 ? "k++" : $"k += {split}")})");
            Body(0, "k", "");
            if (split == 2)
                Body(1, "k + 1", "b");
            Advance(split);
            _w.Close();
        }
        if (unrolled < count)
        {
            _w.Open();
            Body(0, N(count - 1), "");
            Advance(1);
            _w.Close();
        }
    }

    private void EmitEpilogue(int v, int offset, VectorFlavor f)
    {
        string V = f.Name, at = $"(nuint)(unit + {offset})";
        if (_plan.IsLstm)
        {
            _w.Line($"var cell{v} = {V}.MultiplyAddEstimate(Activations.Sigmoid(f{v}), {V}.LoadUnsafe(ref c, {at}), Activations.Sigmoid(i{v}) * Activations.Tanh(g{v}));");
            _w.Line($"cell{v}.StoreUnsafe(ref c, {at});");
            _w.Line($"(Activations.Sigmoid(o{v}) * Activations.Tanh(cell{v})).StoreUnsafe(ref hNext, {at});");
        }
        else
        {
            _w.Line($"var reset{v} = Activations.Sigmoid(r{v});");
            _w.Line($"var candidate{v} = Activations.Tanh({V}.MultiplyAddEstimate(reset{v}, nh{v}, nx{v}));");
            _w.Line($"// h' = (1 − z) ⊙ n + z ⊙ h = n + z ⊙ (h − n)");
            _w.Line($"{V}.MultiplyAddEstimate(Activations.Sigmoid(z{v}), {V}.LoadUnsafe(ref h, {at}) - candidate{v}, candidate{v}).StoreUnsafe(ref hNext, {at});");
        }
    }

    public void EmitHeadKernel(VectorFlavor pathFlavor)
    {
        int padded = _plan.PaddedOutput, hidden = _plan.Model.HiddenSize;
        var f = padded % pathFlavor.Lanes == 0 ? pathFlavor : KernelPlan.GroupFlavor(pathFlavor, 8);
        string V = f.Name;
        _w.Line($"/// <summary>The head, {f.Bits}-bit vectors: <paramref name=\"y\"/>[0..{padded}) = b + W·h, column by column.</summary>");
        _w.Open($"private static void Head{pathFlavor.Name}(ref float w, ref float h, ref float y)");
        int chunkUnits = 4 * f.Lanes;
        for (int start = 0; start < padded; start += chunkUnits)
        {
            int units = Math.Min(chunkUnits, padded - start), vectors = units / f.Lanes;
            int split = Math.Max(1, Math.Min(Math.Min(4, 8 / vectors), hidden));
            _w.Open();
            _w.Line($"// Outputs {start}…{start + units - 1}: {vectors} vector(s), k split {split} way(s).");
            for (int v = 0; v < vectors; v++)
            {
                _w.Line($"var a{v} = {V}.LoadUnsafe(ref w, {N(start + v * f.Lanes)});");
                for (int s = 1; s < split; s++)
                    _w.Line($"var a{v}_{s} = {V}<float>.Zero;");
            }
            _w.Line($"ref float row = ref Unsafe.Add(ref w, {N(padded + start)});");
            int unrolled = hidden - hidden % split;
            string Acc(int v, int s) => s == 0 ? $"a{v}" : $"a{v}_{s}";
            _w.Open($"for (int k = 0; k < {unrolled}; {(split == 1 ? "k++" : $"k += {split}")})");
            for (int s = 0; s < split; s++)
            {
                _w.Line($"var h{s} = {V}.Create(Unsafe.Add(ref h, {(s == 0 ? "k" : $"k + {s}")}));");
                for (int v = 0; v < vectors; v++)
                    _w.Line($"{Acc(v, s)} = {V}.MultiplyAddEstimate({V}.LoadUnsafe(ref row, {N(s * padded + v * f.Lanes)}), h{s}, {Acc(v, s)});");
            }
            _w.Line($"row = ref Unsafe.Add(ref row, {N(split * padded)});");
            _w.Close();
            for (int t = 0; t < hidden - unrolled; t++)
            {
                _w.Line($"var tail{t} = {V}.Create(Unsafe.Add(ref h, {N(unrolled + t)}));");
                for (int v = 0; v < vectors; v++)
                    _w.Line($"a{v} = {V}.MultiplyAddEstimate({V}.LoadUnsafe(ref row, {N(t * padded + v * f.Lanes)}), tail{t}, a{v});");
            }
            for (int v = 0; v < vectors; v++)
                _w.Line($"({string.Join(" + ", Enumerable.Range(0, split).Select(s => Acc(v, s)))}).StoreUnsafe(ref y, {N(start + v * f.Lanes)});");
            _w.Close();
        }
        _w.Close();
        _w.Line();
    }
}
