using System;

namespace GruNative.Training.Baselines;

/// <summary>Facts about a series that decide which classical methods apply.</summary>
public static class SeriesFacts
{
    /// <summary>Whether every value equals the first (an empty series counts as constant).</summary>
    public static bool IsConstant(ReadOnlySpan<double> series)
    {
        foreach (double v in series)
        {
            if (v != series[0])
                return false;
        }
        return true;
    }

    /// <summary>Whether every value is above zero.</summary>
    public static bool IsPositive(ReadOnlySpan<double> series)
    {
        foreach (double v in series)
        {
            if (!(v > 0))
                return false;
        }
        return true;
    }
}
