using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GruNative.Kernels;

namespace GruNative.Generators.Emitting;

/// <summary>
/// Writes the vector kernels of one model: a layer kernel per distinct input size and a head kernel, for each
/// distinct vector width the plan runs. Every loop bound and offset is a literal, so the JIT and NativeAOT see
/// constants only. It writes what <see cref="KernelPlan"/> decided and decides nothing.
/// </summary>
internal sealed class KernelEmitter
{
    private readonly KernelPlan _plan;
    private readonly SourceWriter _w;
    private bool _gateSumsEmitted;   // the GateSums type, written once before the first kernel that needs it

    public KernelEmitter(KernelPlan plan, SourceWriter writer)
    {
        _plan = plan;
        _w = writer;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><paramref name="name"/> offset by <paramref name="offset"/> elements: <c>ref Unsafe.Add(ref name, offset)</c>, or the ref itself at 0.</summary>
    public static string RefAt(string name, long offset) => offset == 0 ? $"ref {name}" : $"ref Unsafe.Add(ref {name}, {N(offset)})";

    /// <summary>The element <paramref name="name"/>[<paramref name="index"/>] of a ref-addressed array.</summary>
    private static string ElementAt(string name, string index) => index == "0" ? name : $"Unsafe.Add(ref {name}, {index})";

    /// <summary>A slice of one group that a pass computes: <see cref="Vectors"/> vectors per gate.</summary>
    private sealed record Segment(string Group, string Row, int Width, int Vectors, int UnitOffset);

    public void EmitLayerKernel(string name, int inputSize, VectorFlavor flavor)
    {
        string cell = _plan.Model.Cell.ToDisplayName();
        var passes = _plan.LayerPasses(flavor, inputSize);
        bool deferred = _plan.DefersActivations(flavor, inputSize);
        if (deferred && !_gateSumsEmitted)
            EmitGateSumsType();
        // The unit index is a variable only when more than one pass runs; a single pass addresses units by literal.
        bool unitVaries = passes.Count > 1 || passes[0].Repeat > 1;
        string mixed = passes.Any(p => p.Flavor != flavor) ? $" (the {_plan.RemainderWidth}-unit remainder with {VectorFlavor.V256.Bits}-bit vectors)" : "";
        _w.Line($"/// <summary>One {cell} layer reading {inputSize} input(s) with {flavor.Bits}-bit vectors{mixed}: {Escape(_plan.DescribeLayer(flavor, inputSize))}.");
        _w.Line($"/// <paramref name=\"w\"/>: the packed layer; <paramref name=\"hNext\"/>: the new h{(_plan.IsLstm ? "; <paramref name=\"c\"/> is updated in place" : "")}.</summary>");
        // Compiled on its own by both compilers: the header (CommonMembers.HeaderEnd) says why.
        _w.Line("[MethodImpl(MethodImplOptions.NoInlining)]");
        _w.Open($"private static void {name}{flavor.Name}(ref float w, ref float x, ref float h, ref float hNext{(_plan.IsLstm ? ", ref float c" : "")})");
        _w.Line("ref float group = ref w;");
        if (unitVaries)
            _w.Line("int unit = 0;");
        if (deferred)
        {
            // One ref for all slots (offsets are literals): a ref per slot would hold four more registers through the loops.
            _w.Line($"// Every unit's gate sums, [{string.Join(", ", _plan.AccumulatorSlots)}] × {N(_plan.PaddedHidden)} floats on the stack: the activations run after the last pass.");
            _w.Line("GateSums sums = default;");
            _w.Line("ref float gateSums = ref Unsafe.As<GateSums, float>(ref sums);");
        }

        for (int p = 0; p < passes.Count; p++)
        {
            var pass = passes[p];
            bool last = p == passes.Count - 1;
            int length = _plan.GroupLength(inputSize, pass.Width);
            bool loop = pass.Repeat > 1;
            // Each pass in a scope of its own (its accumulators' names repeat); a lone pass needs none.
            bool scoped = loop || passes.Count > 1;
            if (scoped)
                _w.Open(loop ? $"for (int g = 0; g < {pass.Repeat}; g++)" : null);
            if (pass.Groups == 2)
            {
                _w.Line($"// Two groups of {pass.Width} units ({N(length)} {_plan.WordsName} each) per pass, as two weight streams.");
                _w.Line($"ref float second = {RefAt("group", length)};");
                EmitPass(new[] { new Segment("group", "row", pass.Width, 1, 0), new Segment("second", "secondRow", pass.Width, 1, pass.Width) }, inputSize, pass, unitVaries, deferred);
            }
            else
            {
                string padding = pass.Width < KernelLayout.MaxGroupWidth && _plan.PaddedHidden != _plan.Model.HiddenSize
                    ? $", of which {_plan.PaddedHidden - _plan.Model.HiddenSize} padding" : "";
                _w.Line(loop
                    ? $"// {pass.Repeat} groups of {pass.Width} units, {N(length)} {_plan.WordsName} each."
                    : $"// A group of {pass.Width} units{padding}, {N(length)} {_plan.WordsName}.");
                EmitPass(new[] { new Segment("group", "row", pass.Width, pass.VectorsPerGate, 0) }, inputSize, pass, unitVaries, deferred);
            }
            if (loop || !last)
            {
                _w.Line($"group = {RefAt("group", (long)pass.Groups * length)};");
                _w.Line($"unit += {pass.Groups * pass.Width};");
            }
            if (scoped)
                _w.Close();
        }
        if (deferred)
            EmitDeferredActivations(passes);
        _w.Close();
        _w.Line();
    }

    // The stack buffer of a deferring layer kernel: an inline array, so its size is a constant and nothing is rented.
    private void EmitGateSumsType()
    {
        _w.Line($"/// <summary>The gate sums of every unit of a layer, {_plan.AccumulatorSlots.Length} × {N(_plan.PaddedHidden)} floats ([{string.Join(", ", _plan.AccumulatorSlots)}] × padded H), kept while the passes run.</summary>");
        _w.Line($"[InlineArray({N(_plan.GateSumsLength)})]");
        _w.Open("private struct GateSums");
        _w.Line("private float _first;");
        _w.Close();
        _w.Line();
        _gateSumsEmitted = true;
    }

    // After the last pass: the activations and the state update of every unit, one vector at a time. The vectors'
    // chains are independent, so the core overlaps them; each reads its unit's old h before writing the new one.
    private void EmitDeferredActivations(IReadOnlyList<LayerPass> passes)
    {
        _w.Line("// The activations and the new h (c) of every unit, from the gate sums: every pass has read h by now.");
        // Neighbouring passes of one width share a loop (the passes cover the units in order, the remainder last).
        var runs = new List<(VectorFlavor Flavor, int Units)>();
        foreach (var pass in passes)
        {
            int covered = pass.Repeat * pass.Groups * pass.Width;
            if (runs.Count > 0 && runs[runs.Count - 1].Flavor == pass.Flavor)
                runs[runs.Count - 1] = (pass.Flavor, runs[runs.Count - 1].Units + covered);
            else
                runs.Add((pass.Flavor, covered));
        }
        var slots = _plan.AccumulatorSlots.ToList();
        long SlotOffset(string slot) => (long)slots.IndexOf(slot) * _plan.PaddedHidden;
        int start = 0;
        foreach (var (f, units) in runs)
        {
            if (units == f.Lanes)
            {
                _w.Open();
                EmitEpilogue("", slot => $"{f.Name}.LoadUnsafe(ref gateSums, {N(start + SlotOffset(slot))})", N(start), f);
                _w.Close();
            }
            else
            {
                _w.Open($"for (nuint u = {N(start)}; u < {N(start + units)}; u += {N(f.Lanes)})");
                EmitEpilogue("", slot => SlotOffset(slot) == 0 ? $"{f.Name}.LoadUnsafe(ref gateSums, u)" : $"{f.Name}.LoadUnsafe(ref gateSums, u + {N(SlotOffset(slot))})", "u", f);
                _w.Close();
            }
            start += units;
        }
    }

    private void EmitPass(Segment[] segments, int inputSize, LayerPass pass, bool unitVaries, bool deferred)
    {
        var f = pass.Flavor;
        int vectors = segments.Sum(s => s.Vectors);
        int split = pass.KSplit;
        var slots = _plan.AccumulatorSlots;
        string V = f.Name;
        var lanes = Lanes(segments, f).ToList();

        _w.Line($"// {vectors} vector(s) per gate, {slots.Length * vectors * split} accumulators, seeded with the biases.");
        // GRU's n_h is fed by the recurrent rows only, n_x by the input rows only: with k split and two or more input rows,
        // n_h is seeded after the input rows and n_x's second set folded there, so the two sets never hold registers at once
        // (256-bit code has 16; x86-64-v3 NativeAOT, Zen 5: GRU I=8 H=32 169.1 → 140.1 ns, H=16 67.0 → 62.3; with one
        // input row it only moved the load, and GRU I=1 H=16 read 58.2 → 60.8). The sums are the same additions of the
        // same values, so the many-stream kernel's equal these bit for bit.
        bool lateNh = !_plan.IsLstm && split == 2 && inputSize >= 2;
        void Seed(int a)
        {
            foreach (var (v, segment, lane) in lanes)
            {
                _w.Line($"var {slots[a]}{v} = {V}.LoadUnsafe(ref {segment.Group}, {N(a * segment.Width + lane)});");
                if (split == 2)
                    _w.Line($"var {slots[a]}{v}b = {V}<float>.Zero;");
            }
        }
        for (int a = 0; a < slots.Length; a++)
        {
            if (!(lateNh && a == 3))
                Seed(a);
        }
        foreach (var segment in segments)
        {
            string rows = RefAt(segment.Group, KernelLayout.BiasSlots * segment.Width);
            _w.Line(_plan.PairedRows ? $"ref uint {segment.Row} = ref Unsafe.As<float, uint>({rows});" : $"ref float {segment.Row} = {rows};");
        }
        if (_plan.PairedRows)
            EmitPairedRows("x", inputSize, segments, lanes, f, recurrent: false, split);
        else
            EmitRows("x", inputSize, segments, lanes, f, recurrent: false, split);
        if (lateNh)
        {
            if (split == 2)
            {
                for (int v = 0; v < vectors; v++)
                    _w.Line($"nx{v} += nx{v}b;");
            }
            Seed(3);
        }
        if (_plan.PairedRows)
            EmitPairedRows("h", _plan.Model.HiddenSize, segments, lanes, f, recurrent: true, split);
        else
            EmitRows("h", _plan.Model.HiddenSize, segments, lanes, f, recurrent: true, split);
        if (split == 2)
        {
            foreach (var slot in slots)
            {
                if (lateNh && slot == "nx")
                    continue;
                for (int v = 0; v < vectors; v++)
                    _w.Line($"{slot}{v} += {slot}{v}b;");
            }
        }
        foreach (var (v, segment, lane) in lanes)
        {
            int offset = segment.UnitOffset + lane;
            string at = UnitAt(offset, unitVaries);
            if (deferred)
            {
                for (int a = 0; a < slots.Length; a++)
                    _w.Line($"{slots[a]}{v}.StoreUnsafe(ref gateSums, {UnitAt(offset + (long)a * _plan.PaddedHidden, unitVaries)});");
            }
            else
            {
                EmitEpilogue(N(v), slot => $"{slot}{v}", at, f);
            }
        }
    }

    // The vectors of a pass in accumulator order: index, segment, and lane offset within the segment's group.
    private static IEnumerable<(int Vector, Segment Segment, int Lane)> Lanes(Segment[] segments, VectorFlavor f)
    {
        int v = 0;
        foreach (var segment in segments)
        {
            for (int i = 0; i < segment.Vectors; i++)
                yield return (v++, segment, i * f.Lanes);
        }
    }

    // for k: broadcast source[k] and multiply-add it into every gate's accumulators; each segment's weights are one
    // stream, read once, front to back. The recurrent rows are the pass's last reads, so the row refs stop there.
    private void EmitRows(string source, int count, Segment[] segments, List<(int Vector, Segment Segment, int Lane)> lanes, VectorFlavor f, bool recurrent, int split)
    {
        int slots = KernelLayout.RowSlots(_plan.Model.Cell);
        string V = f.Name;
        int unrolled = count - count % split;

        void Body(int step, string index, string suffix, string? broadcast = null)
        {
            broadcast ??= $"{source}k{suffix}";
            _w.Line($"var {broadcast} = {V}.Create({ElementAt(source, index)});");
            for (int s = 0; s < slots; s++)
            {
                string acc = _plan.AccumulatorSlots[_plan.AccumulatorOf(s, recurrent)];
                foreach (var (v, segment, lane) in lanes)
                {
                    int offset = step * slots * segment.Width + s * segment.Width + lane;
                    _w.Line($"{acc}{v}{suffix} = {V}.MultiplyAddEstimate({V}.LoadUnsafe(ref {segment.Row}, {N(offset)}), {broadcast}, {acc}{v}{suffix});");
                }
            }
        }

        void Advance(int steps)
        {
            foreach (var segment in segments)
                _w.Line($"{segment.Row} = {RefAt(segment.Row, steps * slots * segment.Width)};");
        }

        _w.Line($"// {(recurrent ? "Recurrent" : "Input")} rows: {count} × [{string.Join(", ", Enumerable.Range(0, slots).Select(s => _plan.AccumulatorSlots[_plan.AccumulatorOf(s, recurrent)]))}] × {segments[0].Width} floats{(segments.Length > 1 ? " per group" : "")}.");
        bool tail = unrolled < count;
        if (unrolled == split)
        {
            // One trip: straight-line code.
            Body(0, "0", "");
            if (split == 2)
                Body(1, "1", "b");
            if (tail || !recurrent)
                Advance(split);
        }
        else if (unrolled > 0)
        {
            _w.Open($"for (int k = 0; k < {unrolled}; {(split == 1 ? "k++" : $"k += {split}")})");
            Body(0, "k", "");
            if (split == 2)
                Body(1, "k + 1", "b");
            Advance(split);
            _w.Close();
        }
        if (tail)
        {
            Body(0, N(count - 1), "", unrolled == 0 ? null : $"{source}Last");
            if (!recurrent)
                Advance(1);
        }
    }

    // The rows of a bfloat16 layer, two per stored row (KernelLayout): each 32-bit word holds row k's weight in its low
    // half and row k + 1's in its high half, so one load serves two rows, widened to fp32 by a 16-bit shift left (low)
    // and a mask (high). Row k feeds the accumulator, row k + 1 the k split's second set (or the same accumulator, after
    // row k): every accumulator sees the fp32 kernel's multiply-adds in the fp32 kernel's order, with rounded weights.
    private void EmitPairedRows(string source, int count, Segment[] segments, List<(int Vector, Segment Segment, int Lane)> lanes, VectorFlavor f, bool recurrent, int split)
    {
        int slots = KernelLayout.RowSlots(_plan.Model.Cell);
        string V = f.Name;
        int pairs = count / 2;
        bool tail = count % 2 == 1;

        // One stored row: its words' low halves times source[index] (and, unless lowOnly, high halves times source[index + 1]).
        void Body(string index, string suffix, bool lowOnly)
        {
            _w.Line($"var {source}k{suffix} = {V}.Create({ElementAt(source, index)});");
            if (!lowOnly)
                _w.Line($"var {source}k{suffix}Next = {V}.Create({ElementAt(source, index == "0" ? "1" : $"{index} + 1")});");
            for (int s = 0; s < slots; s++)
            {
                string acc = _plan.AccumulatorSlots[_plan.AccumulatorOf(s, recurrent)];
                foreach (var (v, segment, lane) in lanes)
                {
                    int offset = s * segment.Width + lane;
                    string words = $"{V}.LoadUnsafe(ref {segment.Row}, {N(offset)})";
                    if (lowOnly)
                    {
                        _w.Line($"{acc}{v} = {V}.MultiplyAddEstimate({V}.ShiftLeft({words}, 16).AsSingle(), {source}k{suffix}, {acc}{v});");
                        continue;
                    }
                    string pair = $"{source}Pair{s}{v}{suffix}";
                    _w.Line($"var {pair} = {words};");
                    _w.Line($"{acc}{v} = {V}.MultiplyAddEstimate({V}.ShiftLeft({pair}, 16).AsSingle(), {source}k{suffix}, {acc}{v});");
                    _w.Line($"{acc}{v}{(split == 2 ? "b" : "")} = {V}.MultiplyAddEstimate(({pair} & {V}.Create(0xFFFF0000u)).AsSingle(), {source}k{suffix}Next, {acc}{v}{(split == 2 ? "b" : "")});");
                }
            }
        }

        void Advance()
        {
            foreach (var segment in segments)
                _w.Line($"{segment.Row} = {RefAt(segment.Row, slots * segment.Width)};");
        }

        _w.Line($"// {(recurrent ? "Recurrent" : "Input")} rows: {count} as {pairs + (tail ? 1 : 0)} bfloat16 pair(s) × [{string.Join(", ", Enumerable.Range(0, slots).Select(s => _plan.AccumulatorSlots[_plan.AccumulatorOf(s, recurrent)]))}] × {segments[0].Width} words{(segments.Length > 1 ? " per group" : "")}.");
        if (pairs == 1)
        {
            Body("0", "", lowOnly: false);
            if (tail || !recurrent)
                Advance();
        }
        else if (pairs > 1)
        {
            _w.Open($"for (int k = 0; k < {2 * pairs}; k += 2)");
            Body("k", "", lowOnly: false);
            Advance();
            _w.Close();
        }
        if (tail)
        {
            // The last row alone: its high halves are zero.
            Body(N(count - 1), pairs == 0 ? "" : "Last", lowOnly: true);
            if (!recurrent)
                Advance();
        }
    }

    // The index of the unit at <paramref name="offset"/> from the pass's first: a literal, or from the variable unit.
    private static string UnitAt(long offset, bool unitVaries) =>
        !unitVaries ? N(offset) : offset == 0 ? "(nuint)unit" : $"(nuint)(unit + {N(offset)})";

    // σ, tanh and the state update of one vector of units at <paramref name="at"/>, from its gate sums (<paramref name="gate"/> of a slot).
    private void EmitEpilogue(string v, Func<string, string> gate, string at, VectorFlavor f)
    {
        string V = f.Name;
        if (_plan.IsLstm)
        {
            _w.Line($"var hidden{v} = Activations.LstmCell({gate("i")}, {gate("f")}, {gate("g")}, {gate("o")}, {V}.LoadUnsafe(ref c, {at}), out var cell{v});");
            _w.Line($"cell{v}.StoreUnsafe(ref c, {at});");
            _w.Line($"hidden{v}.StoreUnsafe(ref hNext, {at});");
        }
        else
        {
            _w.Line($"var reset{v} = Activations.Sigmoid({gate("r")});");
            _w.Line($"var candidate{v} = Activations.Tanh({V}.MultiplyAddEstimate(reset{v}, {gate("nh")}, {gate("nx")}));");
            _w.Line($"var update{v} = Activations.Sigmoid({gate("z")});");
            _w.Line($"// h' = (1 − z) ⊙ n + z ⊙ h: 1 − z and z ⊙ h are ready before n, so one multiply-add follows tanh");
            _w.Line($"{V}.MultiplyAddEstimate({V}<float>.One - update{v}, candidate{v}, update{v} * {V}.LoadUnsafe(ref h, {at})).StoreUnsafe(ref hNext, {at});");
        }
    }

    /// <summary>
    /// The head with <paramref name="f"/> vectors: y[0..O) = b + W·h, column by column, in chunks of up to four
    /// vectors. The outputs are written exactly: a last vector that would run past O is stored element by element, so
    /// callers pass their own O-float span and nothing is staged on the stack.
    /// </summary>
    public void EmitHeadKernel(VectorFlavor f, string name = "Head")
    {
        if (KernelLayout.IsDotHead(_plan.Model.OutputSize))
        {
            EmitDotHeadKernel(f, name);
            return;
        }
        int padded = _plan.PaddedOutput, hidden = _plan.Model.HiddenSize, outputs = _plan.Model.OutputSize;
        string V = f.Name;
        _w.Line($"/// <summary>The head with {f.Bits}-bit vectors: <paramref name=\"y\"/>[0..{outputs}) = b + W·h, column by column.</summary>");
        _w.Open($"private static void {name}{f.Name}(ref float w, ref float h, ref float y)");
        int chunkUnits = 4 * f.Lanes;
        bool chunked = padded > chunkUnits;
        for (int start = 0; start < padded; start += chunkUnits)
        {
            int units = Math.Min(chunkUnits, padded - start), vectors = units / f.Lanes;
            int split = Math.Max(1, Math.Min(Math.Min(4, 8 / vectors), hidden));
            // Vectors wholly past O (padding only) are not computed; the split stays the padded chunk's.
            var live = Enumerable.Range(0, vectors).Where(v => start + v * f.Lanes < outputs).ToList();
            if (live.Count == 0)
                continue;
            if (chunked)
                _w.Open();
            int end = Math.Min(start + units, outputs) - 1;
            _w.Line($"// {(end == start ? $"Output {start}" : $"Outputs {start}…{end}")}: {live.Count} vector(s), k split {split} way(s).");
            foreach (int v in live)
            {
                _w.Line($"var a{v} = {V}.LoadUnsafe(ref w, {N(start + v * f.Lanes)});");
                for (int s = 1; s < split; s++)
                    _w.Line($"var a{v}_{s} = {V}<float>.Zero;");
            }
            _w.Line($"ref float row = {RefAt("w", padded + start)};");
            int unrolled = hidden - hidden % split;
            string Acc(int v, int s) => s == 0 ? $"a{v}" : $"a{v}_{s}";
            void Column(string index, int s)
            {
                _w.Line($"var h{s} = {V}.Create({ElementAt("h", index)});");
                foreach (int v in live)
                    _w.Line($"{Acc(v, s)} = {V}.MultiplyAddEstimate({V}.LoadUnsafe(ref row, {N(s * padded + v * f.Lanes)}), h{s}, {Acc(v, s)});");
            }
            if (unrolled == split)
            {
                for (int s = 0; s < split; s++)
                    Column(N(s), s);
                if (unrolled < hidden)
                    _w.Line($"row = {RefAt("row", split * padded)};");
            }
            else
            {
                _w.Open($"for (int k = 0; k < {unrolled}; {(split == 1 ? "k++" : $"k += {split}")})");
                for (int s = 0; s < split; s++)
                    Column(s == 0 ? "k" : $"k + {s}", s);
                _w.Line($"row = {RefAt("row", split * padded)};");
                _w.Close();
            }
            for (int t = 0; t < hidden - unrolled; t++)
            {
                _w.Line($"var tail{t} = {V}.Create({ElementAt("h", N(unrolled + t))});");
                foreach (int v in live)
                    _w.Line($"a{v} = {V}.MultiplyAddEstimate({V}.LoadUnsafe(ref row, {N(t * padded + v * f.Lanes)}), tail{t}, a{v});");
            }
            foreach (int v in live)
            {
                int first = start + v * f.Lanes;
                string sum = string.Join(" + ", Enumerable.Range(0, split).Select(s => Acc(v, s)));
                if (first + f.Lanes <= outputs)
                {
                    _w.Line($"({sum}).StoreUnsafe(ref y, {N(first)});");
                }
                else
                {
                    // The vector runs past O: store the outputs it holds one by one.
                    _w.Line(split == 1 ? $"// {(first == outputs - 1 ? $"Output {first} alone" : $"Outputs {first}…{outputs - 1} one by one")}: the vector runs past O." : $"var last{v} = {sum}; // {(first == outputs - 1 ? $"output {first} alone" : $"outputs {first}…{outputs - 1} one by one")}: the vector runs past O");
                    string value = split == 1 ? $"a{v}" : $"last{v}";
                    for (int o = first; o < outputs; o++)
                        _w.Line($"{ElementAt("y", N(o))} = {value}.GetElement({o - first});");
                }
            }
            if (chunked)
                _w.Close();
        }
        _w.Close();
        _w.Line();
    }

    /// <summary>
    /// The head of a single output with <paramref name="f"/> vectors: y = b + w·h, one dot product over whole vectors
    /// of w and h in up to four accumulators, its lanes summed once, then the inputs past the last whole vector one by
    /// one (h is read only up to H: a segment model's embedding reads its input window, which has no padding).
    /// </summary>
    private void EmitDotHeadKernel(VectorFlavor f, string name)
    {
        int hidden = _plan.Model.HiddenSize, vectors = hidden / f.Lanes, split = Math.Min(4, vectors);
        string V = f.Name;
        _w.Line($"/// <summary>The head with {f.Bits}-bit vectors: <paramref name=\"y\"/> = b + w·h, one dot product (a single output).</summary>");
        _w.Open($"private static void {name}{f.Name}(ref float w, ref float h, ref float y)");
        int tail = hidden - vectors * f.Lanes;
        _w.Line(vectors == 0 ? $"// Output 0 alone: {tail} input(s) one by one (fewer than one vector)."
            : $"// Output 0 alone: {vectors} vector(s) of w and h into {split} accumulator(s), then the lanes summed{(tail == 0 ? "" : $"; the {tail} input(s) past them one by one")}.");
        string W(int v) => $"{V}.LoadUnsafe(ref w, {N(KernelLayout.Lanes + v * f.Lanes)})";
        string H(int v) => $"{V}.LoadUnsafe(ref h, {N(v * f.Lanes)})";
        for (int s = 0; s < split; s++)
            _w.Line($"var a{s} = {W(s)} * {H(s)};");
        int unrolled = split == 0 ? 0 : vectors - vectors % split;
        if (vectors > 2 * split)
        {
            // Long rows: a loop over groups of `split` vectors, the remainder after it.
            _w.Line($"ref float row = {RefAt("w", KernelLayout.Lanes)};");
            _w.Open($"for (int k = {N(split * f.Lanes)}; k < {N(unrolled * f.Lanes)}; k += {N(split * f.Lanes)})");
            for (int s = 0; s < split; s++)
            {
                string at = s == 0 ? "k" : $"k + {N(s * f.Lanes)}";
                _w.Line($"a{s} = {V}.MultiplyAddEstimate({V}.LoadUnsafe(ref row, (nuint)({at})), {V}.LoadUnsafe(ref h, (nuint)({at})), a{s});");
            }
            _w.Close();
        }
        else
        {
            for (int v = split; v < unrolled; v++)
                _w.Line($"a{v % split} = {V}.MultiplyAddEstimate({W(v)}, {H(v)}, a{v % split});");
        }
        for (int v = unrolled; v < vectors; v++)
            _w.Line($"a{v % split} = {V}.MultiplyAddEstimate({W(v)}, {H(v)}, a{v % split});");
        var terms = new List<string>();
        if (vectors > 0)
        {
            string sum = split switch { 1 => "a0", 2 => "a0 + a1", 3 => "a0 + a1 + a2", _ => "(a0 + a1) + (a2 + a3)" };
            // The lanes summed by halves (fixed order, so every compiler and machine rounds alike).
            if (f.Lanes == 8)
            {
                if (split > 1)
                    _w.Line($"var sum = {sum};");
                string whole = split > 1 ? "sum" : "a0";
                _w.Line($"var quad = {whole}.GetLower() + {whole}.GetUpper();");
            }
            else
            {
                _w.Line($"var quad = {sum};");
            }
            _w.Line("var pair = quad + Vector128.Shuffle(quad, Vector128.Create(2, 3, 0, 1));");
            _w.Line("var one = pair + Vector128.Shuffle(pair, Vector128.Create(1, 0, 3, 2));");
            terms.Add("one.ToScalar()");
        }
        for (int k = vectors * f.Lanes; k < hidden; k++)
            terms.Add($"{ElementAt("w", N(KernelLayout.Lanes + k))} * {ElementAt("h", N(k))}");
        _w.Line($"y = w + {string.Join(" + ", terms)};");
        _w.Close();
        _w.Line();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
