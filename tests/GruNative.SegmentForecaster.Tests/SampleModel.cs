using System.Globalization;
using System.Reflection;
using GruNative.Reference;

namespace GruNative.SegmentForecaster.Tests;

/// <summary>
/// The sample's model and data as the tests see them, independently of the program: the weights read from the
/// committed JSON file, the float64 reference model on them, and ETTh1's OT column read without the library.
/// </summary>
internal static class SampleModel
{
    private static readonly Lazy<SegmentModelWeights> LazyWeights = new(() => JsonSegmentWeights.Read(WeightsPath, new SegmentWindowSizes(Lookback, 96)));
    private static readonly Lazy<double[]> LazyOt = new(() => SharedData.EttH1ColumnIndependently("OT"));

    public const int Lookback = 336;

    /// <summary>The first test row of the ETT split (12 · 30 · 24 + 4 · 30 · 24).</summary>
    public const int FirstTestRow = 11_520;

    /// <summary>samples/SegmentForecaster.</summary>
    public static string Directory { get; } = typeof(SampleModel).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SampleDirectory").Value!;

    public static string WeightsPath => Path.Combine(Directory, "Model", "model.weights.json");

    public static SegmentModelWeights Weights => LazyWeights.Value;

    public static ColumnScaler Scaler => Weights.Preprocessing!.TargetColumns.Single();

    /// <summary>ETTh1's OT column, every row.</summary>
    public static double[] Ot => LazyOt.Value;

    /// <summary>
    /// The stretch the parity tests stream: the L rows before the first test row (so the first forecast is made at it),
    /// then <paramref name="testRows"/> test rows.
    /// </summary>
    public static double[] TestStretch(int testRows) => Ot[(FirstTestRow - Lookback)..(FirstTestRow + testRows)];

    /// <summary>Observations as the program reads them: one number per line, shortest round-trip form.</summary>
    public static string Lines(IEnumerable<double> values) => string.Concat(values.Select(v => v.ToString("R", CultureInfo.InvariantCulture) + "\n"));

    /// <summary>The float64 reference's forecast (°C) after the first <paramref name="observations"/> values of <paramref name="input"/>.</summary>
    public static double[] ReferenceForecast(double[] input, long observations)
    {
        var reference = new SegmentReferenceModel<double>(Weights);
        var forecast = new double[96];
        reference.ForecastObservations(input.AsSpan((int)observations - Lookback, Lookback), forecast);
        return forecast;
    }
}
