using System.Globalization;
using System.Numerics;

namespace GruNative.Tests.Weights;

// The independent reference is .NET's own float.Parse, which is IEEE-correct (round half to even) since
// .NET Core 3.0; the parser under test exists for hosts where that is not true (the generator inside .NET Framework).
public class ExactFloatParserTests
{
    private static float Parse(string text)
    {
        Assert.True(ExactFloatParser.TryParse(text, 0, text.Length, out float value), text);
        return value;
    }

    private static void AssertBitExact(string text)
    {
        float expected = float.Parse(text, CultureInfo.InvariantCulture);
        if (float.IsInfinity(expected))
            Assert.False(ExactFloatParser.TryParse(text, 0, text.Length, out _), text);
        else
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(Parse(text)));
    }

    [Fact]
    public void Round_trips_every_kind_of_float_written_with_R()
    {
        var random = new Random(1);
        for (int i = 0; i < 200_000; i++)
        {
            float f = BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31));
            if (!float.IsFinite(f))
                continue;
            string text = f.ToString("R", CultureInfo.InvariantCulture);
            Assert.Equal(BitConverter.SingleToInt32Bits(f), BitConverter.SingleToInt32Bits(Parse(text)));
        }
    }

    [Fact]
    public void Rounds_long_decimals_like_an_IEEE_parser()
    {
        var random = new Random(2);
        for (int i = 0; i < 50_000; i++)
        {
            int digits = random.Next(1, 40);
            var text = new System.Text.StringBuilder(random.Next(2) == 0 ? "" : "-");
            text.Append((char)('1' + random.Next(9)));
            for (int d = 1; d < digits; d++)
                text.Append((char)('0' + random.Next(10)));
            text.Append('e').Append(random.Next(-70, 30));
            AssertBitExact(text.ToString());
        }
    }

    [Fact]
    public void Decides_exact_midpoints_and_their_neighbours_correctly()
    {
        // The exact decimal value halfway between two adjacent floats, and that value nudged by 1e-60: the fast
        // path's double lands on the midpoint for all three, so only exact arithmetic decides them.
        var random = new Random(3);
        for (int i = 0; i < 2_000; i++)
        {
            int bits = random.Next(0x00800000, 0x7F000000);
            string midpoint = ExactDecimal(BitConverter.Int32BitsToSingle(bits), BitConverter.Int32BitsToSingle(bits + 1));
            AssertBitExact(midpoint);
            int e = midpoint.IndexOf('e');
            string mantissa = midpoint[..e], nudge = new string('0', 59) + "1";
            int exponent = int.Parse(midpoint[(e + 1)..], CultureInfo.InvariantCulture) - nudge.Length;
            AssertBitExact($"{mantissa}{nudge}e{exponent}");                                  // just above
            AssertBitExact($"{BigInteger.Parse(mantissa) * BigInteger.Pow(10, nudge.Length) - 1}e{exponent}"); // just below
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.0")]
    [InlineData("1E-45")]          // the smallest subnormal
    [InlineData("7e-46")]          // exactly rounds up to it? half of 1.4e-45 is 7.006e-46: below → 0
    [InlineData("7.1e-46")]
    [InlineData("1.1754942e-38")]  // just below the smallest normal
    [InlineData("3.4028235e38")]   // float.MaxValue
    [InlineData("3.40282356e38")]  // rounds down to MaxValue
    [InlineData("0.000000000000000000000000000000000000000000001")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("1e-400")]
    public void Handles_the_edges_of_the_range(string text) => AssertBitExact(text);

    [Fact]
    public void Rounds_numbers_with_more_digits_than_it_keeps()
    {
        // Beyond 800 significant digits the parser keeps one sticky digit; the rounding must not change.
        var random = new Random(4);
        for (int i = 0; i < 200; i++)
        {
            var digits = new System.Text.StringBuilder();
            digits.Append((char)('1' + random.Next(9)));
            for (int d = 0; d < 900 + random.Next(300); d++)
                digits.Append(random.Next(4) == 0 ? (char)('0' + random.Next(10)) : '0');
            int point = random.Next(1, digits.Length);
            AssertBitExact($"{digits.ToString(0, point)}.{digits.ToString(point, digits.Length - point)}e{random.Next(-1000, -900) + (digits.Length - point)}");
            AssertBitExact($"{digits}e-{digits.Length - random.Next(1, 30)}");
        }
    }

    [Theory]
    [InlineData("3.4028236e38")]
    [InlineData("1e39")]
    [InlineData("-1e400")]
    [InlineData("1e2147483648")]
    public void Rejects_values_beyond_float_range(string text) =>
        Assert.False(ExactFloatParser.TryParse(text, 0, text.Length, out _));

    // The exact decimal expansion of (a + b) / 2 for two floats, via BigInteger: a finite decimal since both are dyadic.
    private static string ExactDecimal(float a, float b)
    {
        const int Scale = 200; // 2^-150 needs at most 150 decimal places
        BigInteger Scaled(float f)
        {
            int bits = BitConverter.SingleToInt32Bits(f);
            int exponent = (bits >> 23) & 0xFF;
            long mantissa = bits & 0x7FFFFF;
            if (exponent != 0)
                mantissa |= 0x800000;
            else
                exponent = 1;
            int power = exponent - 150; // value = mantissa · 2^power
            BigInteger value = mantissa * BigInteger.Pow(10, Scale);
            return power >= 0 ? value << power : value / BigInteger.Pow(2, -power);
        }
        BigInteger sum = Scaled(a) + Scaled(b);
        return (sum / 2).ToString(CultureInfo.InvariantCulture) + "e-" + Scale;
    }
}
