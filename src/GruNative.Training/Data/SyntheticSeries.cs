using System;
using System.Collections.Generic;
using System.Globalization;

namespace GruNative.Training.Data;

/// <summary>
/// Built-in series for tests, demos and the CLI's data-free runs, each an hourly <see cref="TimeSeriesTable"/> with a
/// <c>date</c> column from 2024-01-01 00:00:00 (write one out with <see cref="CsvTableWriter"/>). Deterministic: equal
/// arguments give equal series on a given platform (noise is SplitMix64 through Box–Muller, see <see cref="DeterministicRandom"/>; <see cref="Math.Sin"/> and
/// <see cref="Math.Log(double)"/> may differ in the last bit between platforms).
/// </summary>
/// <remarks>t counts rows (hours) from 0; ε is standard normal noise, a fresh draw at each use.</remarks>
public static class SyntheticSeries
{
    /// <summary>The timestamp column of every synthetic table.</summary>
    public const string DateColumn = "date";

    /// <summary>The names <see cref="Create"/> accepts: <c>sine</c>, <c>ar2</c>, <c>sensor</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sine", "ar2", "sensor"];

    /// <summary>
    /// The series named <paramref name="name"/> (see <see cref="Names"/>) with its default parameters, and its default
    /// length when <paramref name="rows"/> is null.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static TimeSeriesTable Create(string name, int? rows = null, int seed = 1) => name switch
    {
        "sine" => rows is int n ? NoisySine(n, seed) : NoisySine(seed: seed),
        "ar2" => rows is int n ? AutoRegressive(n, seed) : AutoRegressive(seed: seed),
        "sensor" => rows is int n ? Sensor(n, seed) : Sensor(seed: seed),
        _ => throw new ArgumentException($"Unknown synthetic series '{name}'; the series are: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// One column <c>value</c> = sin(2π t / <paramref name="period"/>) + <paramref name="noise"/> · ε.
    /// </summary>
    public static TimeSeriesTable NoisySine(int rows = 2000, int seed = 1, double period = 24, double noise = 0.1)
    {
        CheckRows(rows);
        if (!(period > 0 && double.IsFinite(period)))
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be positive.");
        CheckNoise(noise);
        var random = new Gaussian(seed);
        var value = new double[rows];
        for (int t = 0; t < rows; t++)
            value[t] = Math.Sin(2 * Math.PI * t / period) + noise * random.Next();
        return Table($"synthetic sine (seed {seed})", rows, ["value"], [value]);
    }

    /// <summary>
    /// One column <c>value</c>: the AR(2) process y_t = φ₁ y_{t−1} + φ₂ y_{t−2} + <paramref name="noise"/> · ε, started at
    /// y = 0 and run 200 steps before the first row so the start-up transient is gone. The defaults φ₁ = 0.6,
    /// φ₂ = −0.3 are stationary (complex roots of modulus √0.3 ≈ 0.55), with autocorrelations ρ₁ = φ₁ / (1 − φ₂) ≈ 0.4615
    /// and ρ₂ = φ₁ ρ₁ + φ₂ ≈ −0.0231.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The coefficients are not stationary: |φ₂| &lt; 1, φ₁ + φ₂ &lt; 1 and φ₂ − φ₁ &lt; 1 are needed.</exception>
    public static TimeSeriesTable AutoRegressive(int rows = 2000, int seed = 1, double phi1 = 0.6, double phi2 = -0.3, double noise = 1)
    {
        CheckRows(rows);
        CheckNoise(noise);
        if (!(Math.Abs(phi2) < 1 && phi1 + phi2 < 1 && phi2 - phi1 < 1))
            throw new ArgumentOutOfRangeException(nameof(phi2), phi2,
                $"AR(2) coefficients φ₁ = {phi1}, φ₂ = {phi2} are not stationary (need |φ₂| < 1, φ₁ + φ₂ < 1, φ₂ − φ₁ < 1).");
        const int burnIn = 200;
        var random = new Gaussian(seed);
        var value = new double[rows];
        double previous = 0, beforePrevious = 0;
        for (int t = -burnIn; t < rows; t++)
        {
            double y = phi1 * previous + phi2 * beforePrevious + noise * random.Next();
            beforePrevious = previous;
            previous = y;
            if (t >= 0)
                value[t] = y;
        }
        return Table($"synthetic AR(2) (seed {seed})", rows, ["value"], [value]);
    }

    /// <summary>
    /// A building sensor, hourly, three columns, with daily and weekly seasonality, a trend, noise and a few anomalies.
    /// Rows start on Monday 2024-01-01 00:00. With d_t = sin(2π (t − 9) / 24) (a daily cycle peaking at 15:00),
    /// o_t = 1 on weekdays from 08:00 to 20:00, else 0 (occupancy: the weekly cycle), and w_t = 0.95 w_{t−1} + 0.3 ε
    /// (slow weather, w = 0 before the first row):
    /// <list type="bullet">
    /// <item><c>temperature</c> (°C, the natural target) = 18 + 0.0005 t (trend) + 4 d_t + 0.8 o_t + w_t + 0.2 ε, plus
    /// +6 °C for two hours every 613 hours from t = 400 (a sensor glitch: rows 400–401, 1013–1014, 1626–1627, …);</item>
    /// <item><c>humidity</c> (%) = 65 − 3 (4 d_t + w_t) + 2 ε — falls as the air warms;</item>
    /// <item><c>power</c> (kW) = 2 + 0.15 (temperature − 18) + 0.5 o_t + 0.1 ε — cooling and occupancy — except 0 for
    /// three hours every 977 hours from t = 700 (an outage: rows 700–702, 1677–1679, …).</item>
    /// </list>
    /// </summary>
    public static TimeSeriesTable Sensor(int rows = 24 * 90, int seed = 1)
    {
        CheckRows(rows);
        var random = new Gaussian(seed);
        var temperature = new double[rows];
        var humidity = new double[rows];
        var power = new double[rows];
        double weather = 0;
        for (int t = 0; t < rows; t++)
        {
            double daily = Math.Sin(2 * Math.PI * (t - 9) / 24.0);
            int hour = t % 24, weekday = t / 24 % 7;          // weekday 0 = Monday
            double occupied = weekday < 5 && hour is >= 8 and < 20 ? 1 : 0;
            weather = 0.95 * weather + 0.3 * random.Next();
            temperature[t] = 18 + 0.0005 * t + 4 * daily + 0.8 * occupied + weather + 0.2 * random.Next();
            humidity[t] = 65 - 3 * (4 * daily + weather) + 2 * random.Next();
            power[t] = 2 + 0.15 * (temperature[t] - 18) + 0.5 * occupied + 0.1 * random.Next();
            if (t >= 400 && (t - 400) % 613 < 2)
                temperature[t] += 6;
            if (t >= 700 && (t - 700) % 977 < 3)
                power[t] = 0;
        }
        return Table($"synthetic sensor (seed {seed})", rows, ["temperature", "humidity", "power"], [temperature, humidity, power]);
    }

    private static TimeSeriesTable Table(string name, int rows, string[] columns, double[][] values)
    {
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var timestamps = new string[rows];
        for (int t = 0; t < rows; t++)
            timestamps[t] = start.AddHours(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return TimeSeriesTable.FromColumns(name, columns, values, timestamps, DateColumn);
    }

    private static void CheckRows(int rows) => ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);

    private static void CheckNoise(double noise)
    {
        if (!(noise >= 0 && double.IsFinite(noise)))
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "The noise level must be finite and not negative.");
    }

    /// <summary>
    /// Standard normal draws: Box–Muller on <see cref="DeterministicRandom"/> uniforms (SplitMix64, 53 bits each), both
    /// values of each pair used, so the series never change with the runtime's System.Random.
    /// </summary>
    private sealed class Gaussian(int seed)
    {
        private readonly DeterministicRandom _random = new(unchecked((ulong)seed));
        private double _spare;
        private bool _hasSpare;

        public double Next()
        {
            if (_hasSpare)
            {
                _hasSpare = false;
                return _spare;
            }
            double u1 = 1.0 - _random.NextDouble(); // (0, 1]: the logarithm stays finite
            double u2 = _random.NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1));
            double angle = 2.0 * Math.PI * u2;
            _spare = radius * Math.Sin(angle);
            _hasSpare = true;
            return radius * Math.Cos(angle);
        }
    }
}
