using System;
using System.Globalization;
using System.Numerics;

// The source generator links this file and targets netstandard2.0, which has no span-based parsing overloads.
#pragma warning disable CA1846

namespace GruNative;

/// <summary>
/// Converts a JSON number to the float32 nearest to its exact decimal value (round half to even), independent
/// of the host's <c>float.Parse</c>. The source generator links this file: it may run inside a .NET Framework
/// compiler host whose parsing is not correctly rounded, and baked weights must be bit-identical to the same
/// weights loaded at run time.
/// </summary>
/// <remarks>netstandard2.0-compatible on purpose (no spans).</remarks>
internal static class ExactFloatParser
{
    private const int MaxDigits = 800;

    /// <summary>
    /// Parses <paramref name="text"/>[<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>),
    /// which must already match JSON's number grammar.
    /// </summary>
    /// <returns>False when the value lies beyond float32's range (it would become infinity).</returns>
    public static bool TryParse(string text, int start, int length, out float value)
    {
        value = 0;
        int end = start + length, i = start;
        bool negative = text[i] == '-';
        if (negative)
            i++;

        // Collect the significant digits, counting the decimal exponent they imply. Past MaxDigits the digits only
        // matter as "something non-zero follows": one sticky 1 digit stands for them, which rounds exactly the same.
        var digits = new char[Math.Min(length, MaxDigits + 1)];
        int count = 0, exponent = 0;
        bool fraction = false, sticky = false;
        for (; i < end && text[i] != 'e' && text[i] != 'E'; i++)
        {
            char c = text[i];
            if (c == '.')
            {
                fraction = true;
                continue;
            }
            if (count == 0 && c == '0')
            {
                if (fraction)
                    exponent--;
                continue;
            }
            if (count == MaxDigits)
            {
                sticky |= c != '0';
                if (!fraction)
                    exponent++;
                continue;
            }
            digits[count++] = c;
            if (fraction)
                exponent--;
        }
        if (sticky)
        {
            digits[count++] = '1';
            exponent--;
        }
        if (i < end)
        {
            int exponentPart;
            if (!int.TryParse(text.Substring(i + 1, end - i - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponentPart))
                return false; // an exponent beyond ±2^31 is out of range either way
            long total = (long)exponent + exponentPart;
            if (total > int.MaxValue || total < int.MinValue)
                return false;
            exponent = (int)total;
        }

        if (count == 0)
        {
            value = negative ? -0f : 0f;
            return true;
        }
        // Magnitude bounds: float32 holds (1.4e-45, 3.5e38); far outside, no arithmetic is needed.
        long magnitude = (long)exponent + count; // the value is in [10^(magnitude-1), 10^magnitude)
        if (magnitude > 39)
            return false;
        if (magnitude < -46)
        {
            value = negative ? -0f : 0f;
            return true;
        }

        float result = count <= 15 && Math.Abs(exponent) <= 22 && FastPath(digits, count, exponent, out float fast)
            ? fast
            : SlowPath(digits, count, exponent);
        if (float.IsInfinity(result))
            return false;
        value = negative ? -result : result;
        return true;
    }

    // Clinger's fast path: the mantissa (≤ 15 digits) and 10^|e| (|e| ≤ 22) are exact doubles, so one division or
    // multiplication gives the correctly rounded double. Rounding that double to float is then correct unless the
    // double sits exactly on a midpoint between two floats, where the true value may lie on either side.
    private static bool FastPath(char[] digits, int count, int exponent, out float value)
    {
        long mantissa = 0;
        for (int i = 0; i < count; i++)
            mantissa = mantissa * 10 + (digits[i] - '0');
        double power = 1;
        for (int i = 0; i < Math.Abs(exponent); i++)
            power *= 10;
        double d = exponent >= 0 ? mantissa * power : mantissa / power;
        long bits = BitConverter.DoubleToInt64Bits(d);
        value = (float)d;
        bool normalFloat = d >= 1.1754943508222875e-38; // float subnormals carry fewer bits: let the slow path decide
        return normalFloat && (bits & 0x1FFFFFFF) != 0x10000000;
    }

    // Exact rational arithmetic: value = numerator / denominator; find q with 24 significant bits (fewer for
    // subnormals) and binary exponent e so that value ≈ q·2^e, then round the remainder half to even.
    private static float SlowPath(char[] digits, int count, int exponent)
    {
        BigInteger numerator = BigInteger.Parse(new string(digits, 0, count), CultureInfo.InvariantCulture);
        BigInteger denominator = BigInteger.One;
        if (exponent >= 0)
            numerator *= BigInteger.Pow(10, exponent);
        else
            denominator = BigInteger.Pow(10, -exponent);

        int e = BitLength(numerator) - BitLength(denominator) - 24;
        if (e < -149)
            e = -149;
        BigInteger q, r, divisor;
        while (true)
        {
            divisor = e >= 0 ? denominator << e : denominator;
            BigInteger scaled = e >= 0 ? numerator : numerator << -e;
            q = BigInteger.DivRem(scaled, divisor, out r);
            if (q >= (BigInteger.One << 24))
            {
                e++;
                continue;
            }
            if (q < (BigInteger.One << 23) && e > -149)
            {
                e--;
                continue;
            }
            break;
        }

        int comparison = (r << 1).CompareTo(divisor);
        if (comparison > 0 || (comparison == 0 && !q.IsEven))
            q += 1;
        if (q == (BigInteger.One << 24))
        {
            q >>= 1;
            e++;
        }
        if (e + 23 > 127)
            return float.PositiveInfinity;
        // q < 2^24 and 2^e are exact doubles, and q·2^e is a float, so the conversions below are exact.
        double scale = BitConverter.Int64BitsToDouble((long)(e + 1023) << 52);
        return (float)((double)q * scale);
    }

    private static int BitLength(BigInteger value)
    {
        int bits = 0;
        byte[] bytes = value.ToByteArray();
        int top = bytes.Length - 1;
        while (top > 0 && bytes[top] == 0)
            top--;
        bits = top * 8;
        for (int b = bytes[top]; b != 0; b >>= 1)
            bits++;
        return bits;
    }
}
