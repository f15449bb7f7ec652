using System.Runtime.Intrinsics;
using GruNative.Kernels;

namespace GruNative.Tests.Kernels;

// Activations.LstmCell, the LSTM update the generated kernels call on each vector of units, against the update computed
// in double precision from the same gate sums, on every width; and the guarantees its remarks give: h' stays within
// [−σ(o), σ(o)] ⊆ [−1, 1], a saturated forget gate never grows c, and a NaN stays in its own lane.
public class LstmCellTests
{
    private const double Bound = 1e-6;   // a few of σ's and tanh's 3.1e-7, through one multiply-add

    public static TheoryData<int> Widths => [128, 256, 512];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Matches_the_double_precision_update(int width)
    {
        var random = new Random(7);
        double worstCell = 0, worstHidden = 0;
        for (int n = 0; n < 20_000; n++)
        {
            // Gate sums over the range trained models reach and past the activations' limits, some saturated.
            float Sum() => random.Next(10) == 0 ? (float)(random.NextDouble() * 80 - 40) : (float)(random.NextDouble() * 16 - 8);
            float i = Sum(), f = Sum(), g = Sum(), o = Sum(), c = (float)(random.NextDouble() * 6 - 3);
            var (hidden, cell) = Update(width, i, f, g, o, c);
            double cellExact = Sigmoid(f) * c + Sigmoid(i) * Math.Tanh(g);
            double hiddenExact = Sigmoid(o) * Math.Tanh(cellExact);
            worstCell = Math.Max(worstCell, Math.Abs(cell - cellExact) / Math.Max(1, Math.Abs(cellExact)));
            worstHidden = Math.Max(worstHidden, Math.Abs(hidden - hiddenExact));
        }
        Assert.InRange(worstCell, 0, Bound);
        Assert.InRange(worstHidden, 0, Bound);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Hidden_stays_within_the_output_gate_and_a_saturated_forget_gate_never_grows_the_cell(int width)
    {
        // Every fourth float from 12 to 40 (3.7 M) as the forget gate's sum (σ is within a few ulp of 1 there;
        // unclamped, its rational form passes 1 between about 15 and 18), with c = 1 and nothing added: c' must stay ≤ 1.
        for (float f = 12f; f <= 40f; f = MathF.BitIncrement(f))
        {
            var (_, cell) = Update(width, i: -40f, f, g: 0f, o: 0f, c: 1f);
            if (cell > 1f)
                Assert.Fail($"A forget gate sum of {f} grew c from 1 to {cell}.");
            f = MathF.BitIncrement(MathF.BitIncrement(MathF.BitIncrement(f)));
        }
        foreach (float x in new[] { 9f, 18f, 40f, 1e30f, float.MaxValue, float.PositiveInfinity })
        {
            foreach (float sign in new[] { 1f, -1f })
            {
                var (hidden, cell) = Update(width, i: x, f: x, g: sign * x, o: x, c: sign * 5f);
                Assert.False(float.IsNaN(cell) || float.IsNaN(hidden), $"NaN from finite or infinite sums {x}");
                Assert.InRange(hidden, -1f, 1f);
                var (small, _) = Update(width, i: x, f: x, g: sign * x, o: 0.25f, c: sign * 5f);
                Assert.InRange(MathF.Abs(small), 0f, (float)Sigmoid(0.25f) + 1e-6f);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void A_NaN_stays_NaN_in_its_own_lane(int width)
    {
        int lanes = width / 32;
        for (int gate = 0; gate < 5; gate++)
        {
            var sums = new float[5][];
            for (int k = 0; k < 5; k++)
                sums[k] = Enumerable.Range(0, lanes).Select(l => 0.3f * (l - k)).ToArray();
            sums[gate][1] = float.NaN;
            var (hidden, cell) = UpdateLanes(width, sums[0], sums[1], sums[2], sums[3], sums[4]);
            for (int l = 0; l < lanes; l++)
            {
                Assert.Equal(l == 1, float.IsNaN(hidden[l]));
                Assert.Equal(l == 1 && gate != 3, float.IsNaN(cell[l]));   // o does not reach c
            }
        }
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static (float Hidden, float Cell) Update(int width, float i, float f, float g, float o, float c)
    {
        var (hidden, cell) = UpdateLanes(width, [i], [f], [g], [o], [c]);
        return (hidden[0], cell[0]);
    }

    // Lane l of each argument is one unit's gate sum (or c); lanes past the arrays are zero.
    private static (float[] Hidden, float[] Cell) UpdateLanes(int width, float[] i, float[] f, float[] g, float[] o, float[] c)
    {
        int lanes = width / 32;
        float[] Lanes(float[] values) => values.Concat(new float[lanes - values.Length]).ToArray();
        var hidden = new float[lanes];
        var cell = new float[lanes];
        switch (width)
        {
            case 128:
                Activations.LstmCell(Vector128.Create(Lanes(i)), Vector128.Create(Lanes(f)), Vector128.Create(Lanes(g)), Vector128.Create(Lanes(o)), Vector128.Create(Lanes(c)), out var next128).CopyTo(hidden);
                next128.CopyTo(cell);
                break;
            case 256:
                Activations.LstmCell(Vector256.Create(Lanes(i)), Vector256.Create(Lanes(f)), Vector256.Create(Lanes(g)), Vector256.Create(Lanes(o)), Vector256.Create(Lanes(c)), out var next256).CopyTo(hidden);
                next256.CopyTo(cell);
                break;
            default:
                Activations.LstmCell(Vector512.Create(Lanes(i)), Vector512.Create(Lanes(f)), Vector512.Create(Lanes(g)), Vector512.Create(Lanes(o)), Vector512.Create(Lanes(c)), out var next512).CopyTo(hidden);
                next512.CopyTo(cell);
                break;
        }
        return (hidden, cell);
    }
}
