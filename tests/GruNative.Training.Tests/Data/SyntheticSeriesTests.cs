using GruNative.Training.Data;

namespace GruNative.Training.Tests.Data;

public class SyntheticSeriesTests
{
    [Theory]
    [InlineData("sine")]
    [InlineData("ar2")]
    [InlineData("sensor")]
    public void The_same_seed_gives_the_same_series_and_another_seed_another(string name)
    {
        var a = SyntheticSeries.Create(name, 500, 42);
        var b = SyntheticSeries.Create(name, 500, 42);
        var c = SyntheticSeries.Create(name, 500, 43);
        Assert.Equal(a.ColumnNames, b.ColumnNames);
        for (int col = 0; col < a.ColumnCount; col++)
        {
            Assert.Equal(a.Column(col).ToArray(), b.Column(col).ToArray());
            Assert.NotEqual(a.Column(col).ToArray(), c.Column(col).ToArray());
        }
        // A longer series starts with the shorter one.
        var longer = SyntheticSeries.Create(name, 800, 42);
        Assert.Equal(a.Column(0).ToArray(), longer.Column(0)[..500].ToArray());
    }

    [Fact]
    public void Tables_are_hourly_from_2024_with_a_date_column()
    {
        var table = SyntheticSeries.Sensor(30, 1);
        Assert.Equal(["temperature", "humidity", "power"], table.ColumnNames);
        Assert.Equal("date", table.TimestampColumn);
        Assert.Equal("2024-01-01 00:00:00", table.Timestamps![0]);
        Assert.Equal("2024-01-02 01:00:00", table.Timestamps[25]);
        Assert.Throws<ArgumentException>(() => SyntheticSeries.Create("random-walk", 10, 1));
        Assert.Equal((2000, 2000, 24 * 90), (SyntheticSeries.Create("sine").RowCount, SyntheticSeries.Create("ar2").RowCount, SyntheticSeries.Create("sensor").RowCount));
    }

    [Fact]
    public void The_noisy_sine_is_a_sine_plus_noise_of_the_given_size()
    {
        var value = SyntheticSeries.NoisySine(20000, 7, period: 24, noise: 0.1).Column("value").ToArray();
        var residual = value.Select((v, t) => v - Math.Sin(2 * Math.PI * t / 24)).ToArray();
        double mean = residual.Average();
        double std = Math.Sqrt(residual.Sum(r => (r - mean) * (r - mean)) / residual.Length);
        Assert.InRange(mean, -0.003, 0.003);   // 4 standard errors (0.1 / √20000 ≈ 0.0007)
        Assert.InRange(std, 0.098, 0.102);
    }

    [Fact]
    public void The_AR2_process_has_its_theoretical_autocorrelations()
    {
        var y = SyntheticSeries.AutoRegressive(40000, 11).Column("value").ToArray();
        double mean = y.Average();
        double Autocovariance(int lag) => Enumerable.Range(lag, y.Length - lag).Sum(t => (y[t] - mean) * (y[t - lag] - mean)) / y.Length;
        double gamma0 = Autocovariance(0);
        // φ₁ = 0.6, φ₂ = −0.3: ρ₁ = φ₁ / (1 − φ₂), ρ₂ = φ₁ ρ₁ + φ₂, γ₀ = σ² (1 − φ₂) / ((1 + φ₂)((1 − φ₂)² − φ₁²)).
        double rho1 = 0.6 / 1.3, rho2 = 0.6 * rho1 - 0.3;
        double variance = 1.3 / (0.7 * (1.3 * 1.3 - 0.36));
        Assert.Equal(rho1, Autocovariance(1) / gamma0, 0.02);
        Assert.Equal(rho2, Autocovariance(2) / gamma0, 0.02);
        Assert.Equal(variance, gamma0, 0.05 * variance);
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticSeries.AutoRegressive(10, 1, phi1: 0.8, phi2: 0.3));
    }

    [Fact]
    public void The_sensor_columns_are_correlated_and_drift()
    {
        var table = SyntheticSeries.Sensor(24 * 365, 5);
        var temperature = table.Column("temperature").ToArray();
        Assert.True(Correlation(temperature, table.Column("humidity").ToArray()) < -0.85); // −0.898 for this seed
        Assert.True(Correlation(temperature, table.Column("power").ToArray()) > 0.9);   // 0.958 for this seed
        double firstMonth = temperature.Take(24 * 30).Average(), lastMonth = temperature.TakeLast(24 * 30).Average();
        Assert.InRange(lastMonth - firstMonth, 2.0, 6.5); // drift 0.0005 °C/h ≈ 4 °C over 335 days, plus weather noise
        // Warmest around 15:00, coolest around 03:00.
        double At(int hour) => Enumerable.Range(0, 365).Average(d => temperature[d * 24 + hour]);
        Assert.True(At(15) - At(3) > 7);
    }

    [Fact]
    public void The_sensor_has_a_weekly_cycle_and_a_few_anomalies()
    {
        var table = SyntheticSeries.Sensor(24 * 90, 1);
        var power = table.Column("power").ToArray();
        var temperature = table.Column("temperature").ToArray();
        // Working hours draw 0.5 kW more on weekdays (2024-01-01 is a Monday) than at weekends.
        double Noon(bool weekend) => Enumerable.Range(0, 90).Where(d => d % 7 >= 5 == weekend).Average(d => power[d * 24 + 12]);
        Assert.InRange(Noon(weekend: false) - Noon(weekend: true), 0.4, 0.8);
        // Glitches: +6 °C for two hours from t = 400, 1013, 1626; outages: 0 kW for three hours from t = 700, 1677.
        foreach (int t in new[] { 400, 1013, 1626 })
            Assert.True(temperature[t] - temperature[t - 1] > 3 && temperature[t + 2] - temperature[t + 1] < -3, $"glitch at {t}");
        Assert.Equal(6, power.Count(p => p == 0));
        Assert.All(new[] { 700, 701, 702, 1677, 1678, 1679 }, t => Assert.Equal(0, power[t]));
    }

    [Fact]
    public void A_synthetic_table_written_as_CSV_reads_back_exactly()
    {
        var table = SyntheticSeries.Sensor(100, 9);
        var path = Path.Combine(Path.GetTempPath(), $"grunative-sensor-{Guid.NewGuid():N}.csv");
        try
        {
            CsvTableWriter.Write(table, path);
            Assert.StartsWith("date,temperature,humidity,power\n2024-01-01 00:00:00,", File.ReadAllText(path));
            var copy = CsvTableReader.Read(path, new CsvReadOptions { DateColumn = SyntheticSeries.DateColumn });
            Assert.Equal(table.Timestamps, copy.Timestamps);
            for (int c = 0; c < table.ColumnCount; c++)
                Assert.Equal(table.Column(c).ToArray(), copy.Column(c).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double cov = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum();
        return cov / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(y => (y - mb) * (y - mb)));
    }
}
