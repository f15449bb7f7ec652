using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GruNative.Kernels;

namespace GruNative.Generators.Emitting;

/// <summary>
/// Writes the many-stream layer kernels of one model: one step of one layer for N streams, each group of weights read
/// once per call. A group is cut into slices of one vector per gate; for each slice, the streams run a block at a time,
/// and each weight vector, once loaded, is multiplied into every stream of the block. Per stream and accumulator the
/// multiply-adds are the single-stream kernel's (<see cref="KernelEmitter"/>), in the same order with the same k split,
/// so the result equals N single steps bit for bit. It writes what <see cref="KernelPlan.StreamPasses"/> decided.
/// </summary>
internal sealed class StreamKernelEmitter
{
    private readonly KernelPlan _plan;
    private readonly SourceWriter _w;

    public StreamKernelEmitter(KernelPlan plan, SourceWriter writer)
    {
        _plan = plan;
        _w = writer;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    // The strides of the kernel being written.
    private StreamStrides _strides = null!;

    private string XStride => _strides.X is int x ? N(x) : "xStride";

    /// <summary>The many-stream kernel of a plain model's layer: streams one State apart, x at a stride the caller gives.</summary>
    public void EmitLayerKernel(string name, int inputSize, VectorFlavor flavor) =>
        EmitLayerKernel(name, inputSize, flavor, new StreamStrides(null, _plan.StateBufferLength, _plan.StateBufferLength, _plan.StateBufferLength));

    public void EmitLayerKernel(string name, int inputSize, VectorFlavor flavor, StreamStrides strides)
    {
        _strides = strides;
        string cell = _plan.Model.Cell.ToDisplayName();
        var passes = _plan.StreamPasses(flavor, inputSize);
        _w.Line($"/// <summary>One {cell} layer reading {inputSize} input(s), for <paramref name=\"count\"/> streams, with {flavor.Bits}-bit vectors: {ModelEmitter.Escape(_plan.DescribeStreams(flavor, inputSize))}.");
        _w.Line($"/// {strides.Describe(_plan.IsLstm)}</summary>");
        // Compiled on its own by both compilers: the header (CommonMembers.HeaderEnd) says why.
        _w.Line("[MethodImpl(MethodImplOptions.NoInlining)]");
        _w.Open($"private static void {name}{flavor.Name}Streams(ref float w, ref float x, {(strides.X is null ? "nint xStride, " : "")}ref float h, ref float hNext{(_plan.IsLstm ? ", ref float c" : "")}, int count)");
        _w.Line("ref float group = ref w;");
        _w.Line("int unit = 0;");
        for (int p = 0; p < passes.Count; p++)
        {
            var pass = passes[p];
            int length = _plan.GroupLength(inputSize, pass.Width);
            _w.Line($"// {Capitalised(pass.Describe())}; {N(length)} {_plan.WordsName} per group.");
            _w.Open(pass.Groups > 1 ? $"for (int g = 0; g < {pass.Groups}; g++)" : null);
            if (pass.Slices > 1)
            {
                _w.Open($"for (int lane = 0; lane < {pass.Width}; lane += {pass.Flavor.Lanes})");
                _w.Line("ref float slice = ref Unsafe.Add(ref group, lane);");
                EmitStreamLoop(pass, inputSize, "(nuint)(unit + lane)");
                _w.Close();
            }
            else
            {
                _w.Line("ref float slice = ref group;");
                EmitStreamLoop(pass, inputSize, "(nuint)unit");
            }
            if (pass.Groups > 1 || p < passes.Count - 1)
            {
                _w.Line($"group = ref Unsafe.Add(ref group, {N(length)});");
                _w.Line($"unit += {pass.Width};");
            }
            _w.Close();
        }
        _w.Close();
        _w.Line();
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);

    // The streams of one slice: a block at a time, the last block as large as what is left.
    private void EmitStreamLoop(StreamPass pass, int inputSize, string unitExpression)
    {
        _w.Line($"nuint at = {unitExpression};");
        _w.Open("for (int n = 0; n < count;)");
        _w.Line($"ref float x0 = ref Unsafe.Add(ref x, {(_strides.X is int x ? $"(nint)n * {N(x)}" : "n * xStride")});");
        _w.Line(_strides.H == 0 ? "ref float h0 = ref h;   // every stream steps from the same h" : $"ref float h0 = ref Unsafe.Add(ref h, (nint)n * {N(_strides.H)});");
        _w.Line($"ref float hNext0 = ref Unsafe.Add(ref hNext, (nint)n * {N(_strides.Next)});");
        if (_plan.IsLstm)
            _w.Line($"ref float c0 = ref Unsafe.Add(ref c, (nint)n * {N(_strides.C)});");
        // The block sizes the loop can meet: all up to the block for a count known at run time; for a fixed count only
        // the full block and what is left after the last one.
        var sizes = _strides.Count is int fixedCount
            ? new[] { System.Math.Min(fixedCount, pass.Block), fixedCount % pass.Block }.Where(b => b > 0).Distinct().OrderBy(b => b).ToList()
            : Enumerable.Range(1, pass.Block).ToList();
        if (sizes.Count == 1)
        {
            EmitBlock(pass, inputSize, sizes[0]);
            _w.Line(sizes[0] == 1 ? "n++;" : $"n += {sizes[0]};");
        }
        else
        {
            _w.Open($"switch (count - n)");
            foreach (int b in sizes)
            {
                _w.Line(b < sizes[sizes.Count - 1] ? $"case {b}:" : "default:");
                _w.Open();
                EmitBlock(pass, inputSize, b);
                _w.Line($"n += {b};");
                _w.Line("break;");
                _w.Close();
            }
            _w.Close();
        }
        _w.Close();
    }

    private void EmitBlock(StreamPass pass, int inputSize, int streams)
    {
        var f = pass.Flavor;
        string V = f.Name;
        for (int s = 1; s < streams; s++)
        {
            _w.Line($"ref float x{s} = ref Unsafe.Add(ref x{s - 1}, {XStride});");
            if (_strides.H != 0)
                _w.Line($"ref float h{s} = ref Unsafe.Add(ref h{s - 1}, {N(_strides.H)});");
            _w.Line($"ref float hNext{s} = ref Unsafe.Add(ref hNext{s - 1}, {N(_strides.Next)});");
            if (_plan.IsLstm)
                _w.Line($"ref float c{s} = ref Unsafe.Add(ref c{s - 1}, {N(_strides.C)});");
        }
        _w.Line($"// {streams} stream(s) × {_plan.AccumulatorSlots.Length * pass.KSplit} accumulators, seeded with the biases.");
        for (int a = 0; a < _plan.AccumulatorSlots.Length; a++)
        {
            _w.Line($"var bias{_plan.AccumulatorSlots[a]} = {V}.LoadUnsafe(ref slice, {N(a * pass.Width)});");
            for (int s = 0; s < streams; s++)
            {
                _w.Line($"var {_plan.AccumulatorSlots[a]}{s} = bias{_plan.AccumulatorSlots[a]};");
                if (pass.KSplit == 2)
                    _w.Line($"var {_plan.AccumulatorSlots[a]}{s}b = {V}<float>.Zero;");
            }
        }
        string rows = $"ref Unsafe.Add(ref slice, {N(KernelLayout.BiasSlots * pass.Width)})";
        _w.Line(_plan.PairedRows ? $"ref uint row = ref Unsafe.As<float, uint>({rows});" : $"ref float row = {rows};");
        if (_plan.PairedRows)
        {
            EmitPairedRows("x", inputSize, pass, streams, recurrent: false);
            EmitPairedRows("h", _plan.Model.HiddenSize, pass, streams, recurrent: true);
        }
        else
        {
            EmitRows("x", inputSize, pass, streams, recurrent: false);
            EmitRows("h", _plan.Model.HiddenSize, pass, streams, recurrent: true);
        }
        for (int s = 0; s < streams; s++)
        {
            if (pass.KSplit == 2)
            {
                foreach (var slot in _plan.AccumulatorSlots)
                    _w.Line($"{slot}{s} += {slot}{s}b;");
            }
            EmitEpilogue(s, V);
        }
    }

    // for k: load each row slot's weight vector once and multiply-add it with every stream's broadcast source[k].
    private void EmitRows(string source, int count, StreamPass pass, int streams, bool recurrent)
    {
        int slots = KernelLayout.RowSlots(_plan.Model.Cell);
        int rowLength = slots * pass.Width;
        int split = pass.KSplit;
        string V = pass.Flavor.Name;
        int unrolled = count - count % split;

        // With one h for every stream (stride 0), one broadcast of h[k] serves them all.
        bool shared = recurrent && _strides.H == 0;
        string Broadcast(int s, string suffix) => $"{source}k{(shared ? 0 : s)}{suffix}";

        void Body(int step, string index, string suffix)
        {
            for (int s = 0; s < (shared ? 1 : streams); s++)
                _w.Line($"var {source}k{s}{suffix} = {V}.Create({(index == "0" ? $"{source}{s}" : $"Unsafe.Add(ref {source}{s}, {index})")});");
            for (int r = 0; r < slots; r++)
            {
                string acc = _plan.AccumulatorSlots[_plan.AccumulatorOf(r, recurrent)];
                _w.Line($"var weight{r}{suffix} = {V}.LoadUnsafe(ref row, {N(step * rowLength + r * pass.Width)});");
                for (int s = 0; s < streams; s++)
                    _w.Line($"{acc}{s}{suffix} = {V}.MultiplyAddEstimate(weight{r}{suffix}, {Broadcast(s, suffix)}, {acc}{s}{suffix});");
            }
        }

        _w.Line($"// {(recurrent ? "Recurrent" : "Input")} rows: {count} × [{string.Join(", ", Enumerable.Range(0, slots).Select(r => _plan.AccumulatorSlots[_plan.AccumulatorOf(r, recurrent)]))}] × {pass.Width} floats, one vector of each.");
        if (unrolled > 0)
        {
            _w.Open(unrolled == split ? null : $"for (int k = 0; k < {unrolled}; {(split == 1 ? "k++" : $"k += {split}")})");
            Body(0, unrolled == split ? "0" : "k", "");
            if (split == 2)
                Body(1, unrolled == split ? "1" : "k + 1", "b");
            _w.Line($"row = ref Unsafe.Add(ref row, {N(split * rowLength)});");
            _w.Close();
        }
        if (unrolled < count)
        {
            _w.Open();
            Body(0, N(count - 1), "");
            _w.Line($"row = ref Unsafe.Add(ref row, {N(rowLength)});");
            _w.Close();
        }
    }

    // The rows of a bfloat16 layer, two per stored row (KernelLayout): each word pair is loaded once, widened once (row
    // k: shift left 16; row k + 1: mask) and multiplied into every stream, each accumulator in the single-stream
    // kernel's order (KernelEmitter's paired rows).
    private void EmitPairedRows(string source, int count, StreamPass pass, int streams, bool recurrent)
    {
        int slots = KernelLayout.RowSlots(_plan.Model.Cell);
        int rowLength = slots * pass.Width;
        string V = pass.Flavor.Name;
        int pairs = count / 2;
        bool shared = recurrent && _strides.H == 0;
        string second = pass.KSplit == 2 ? "b" : "";

        void Body(string index, bool lowOnly)
        {
            for (int s = 0; s < (shared ? 1 : streams); s++)
            {
                _w.Line($"var {source}k{s} = {V}.Create({(index == "0" ? $"{source}{s}" : $"Unsafe.Add(ref {source}{s}, {index})")});");
                if (!lowOnly)
                    _w.Line($"var {source}k{s}Next = {V}.Create(Unsafe.Add(ref {source}{s}, {(index == "0" ? "1" : $"{index} + 1")}));");
            }
            for (int r = 0; r < slots; r++)
            {
                string acc = _plan.AccumulatorSlots[_plan.AccumulatorOf(r, recurrent)];
                _w.Line($"var pair{r} = {V}.LoadUnsafe(ref row, {N(r * pass.Width)});");
                _w.Line($"var weight{r} = {V}.ShiftLeft(pair{r}, 16).AsSingle();");
                for (int s = 0; s < streams; s++)
                    _w.Line($"{acc}{s} = {V}.MultiplyAddEstimate(weight{r}, {source}k{(shared ? 0 : s)}, {acc}{s});");
                if (lowOnly)
                    continue;
                _w.Line($"var weight{r}Next = (pair{r} & {V}.Create(0xFFFF0000u)).AsSingle();");
                for (int s = 0; s < streams; s++)
                    _w.Line($"{acc}{s}{second} = {V}.MultiplyAddEstimate(weight{r}Next, {source}k{(shared ? 0 : s)}Next, {acc}{s}{second});");
            }
        }

        _w.Line($"// {(recurrent ? "Recurrent" : "Input")} rows: {count} as {pairs + count % 2} bfloat16 pair(s) × [{string.Join(", ", Enumerable.Range(0, slots).Select(r => _plan.AccumulatorSlots[_plan.AccumulatorOf(r, recurrent)]))}] × {pass.Width} words, one vector of each.");
        if (pairs > 0)
        {
            _w.Open(pairs == 1 ? null : $"for (int k = 0; k < {2 * pairs}; k += 2)");
            Body(pairs == 1 ? "0" : "k", lowOnly: false);
            _w.Line($"row = ref Unsafe.Add(ref row, {N(rowLength)});");
            _w.Close();
        }
        if (count % 2 == 1)
        {
            // The last row alone: its high halves are zero.
            _w.Open();
            Body(N(count - 1), lowOnly: true);
            _w.Line($"row = ref Unsafe.Add(ref row, {N(rowLength)});");
            _w.Close();
        }
    }

    private void EmitEpilogue(int s, string V)
    {
        if (_plan.IsLstm)
        {
            _w.Line($"var hidden{s} = Activations.LstmCell(i{s}, f{s}, g{s}, o{s}, {V}.LoadUnsafe(ref c{s}, at), out var cell{s});");
            _w.Line($"cell{s}.StoreUnsafe(ref c{s}, at);");
            _w.Line($"hidden{s}.StoreUnsafe(ref hNext{s}, at);");
        }
        else
        {
            _w.Line($"var candidate{s} = Activations.Tanh({V}.MultiplyAddEstimate(Activations.Sigmoid(r{s}), nh{s}, nx{s}));");
            _w.Line($"var update{s} = Activations.Sigmoid(z{s});");
            _w.Line($"{V}.MultiplyAddEstimate({V}<float>.One - update{s}, candidate{s}, update{s} * {V}.LoadUnsafe(ref h{(_strides.H == 0 ? 0 : s)}, at)).StoreUnsafe(ref hNext{s}, at);");
        }
    }
}

/// <summary>
/// Where stream n's vectors lie, in floats from stream 0's: x at n·<see cref="X"/> (null: the kernel's xStride
/// argument), h at n·<see cref="H"/> (0: one h for every stream), the new h at n·<see cref="Next"/>, c at n·<see cref="C"/>;
/// <see cref="Count"/>, when set, is the only stream count the kernel is called with (only its blocks are written).
/// </summary>
internal sealed record StreamStrides(int? X, int H, int Next, int C, int? Count = null)
{
    public string Describe(bool lstm)
    {
        string x = X is int stride ? $"n·{stride}" : "n·<paramref name=\"xStride\"/>";
        string h = H == 0 ? "the one h every stream steps from" : $"h at n·{H}";
        return $"Stream n reads x at {x} and {h}, writes the new h at n·{Next}{(lstm ? $" and updates c at n·{C}" : "")}.";
    }
}
