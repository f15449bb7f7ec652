using GruNative.Training.Tests.Data;

namespace GruNative.Training.Tests.Baselines;

/// <summary>The airline passengers series (Box and Jenkins' AirPassengers, R's <c>datasets::AirPassengers</c>): 144 months, 1949–1960.</summary>
internal static class Airline
{
    private static readonly Lazy<double[]> Values = new(() => File.ReadAllLines(SharedData.PathOf("airline-passengers.csv")).Skip(1)
        .Select(line => double.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray());

    /// <summary>The 144 monthly totals, in thousands, read without the library.</summary>
    public static double[] Passengers => (double[])Values.Value.Clone();
}
