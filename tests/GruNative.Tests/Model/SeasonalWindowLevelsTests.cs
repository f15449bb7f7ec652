namespace GruNative.Tests.Model;

/// <summary>
/// The seasonal window normalisation against an independent reference: ordinary least squares on the design matrix
/// [phase dummies | step] solved by Gaussian elimination in double — not the pooled-slope formula the runtime uses.
/// </summary>
public class SeasonalWindowLevelsTests
{
    [Fact]
    public void An_exact_trend_plus_season_leaves_a_zero_residual_and_extends_exactly()
    {
        // x_t = c_{t mod 3} + 0.5 t with c = (10, -4, 1): the fit reproduces it, so the window becomes zeros and the
        // reference of forecast step s is the same formula at t = n + s.
        double[] c = [10, -4, 1];
        const int n = 7;
        var window = new double[n];
        for (int t = 0; t < n; t++)
            window[t] = c[t % 3] + 0.5 * t;
        var levels = new WindowLevels(WindowNormalization.Seasonal, ["x"], ["x"], seasonLength: 3);
        Assert.Equal(4, levels.LevelsPerWindow);
        var windowLevels = new double[4];
        levels.Normalize<double>(window, windowLevels);
        Assert.All(window, r => Assert.Equal(0, r, 12));

        var forecasts = new double[5];
        levels.Denormalize<double>(forecasts, windowLevels);
        for (int s = 0; s < 5; s++)
            Assert.Equal(c[(n + s) % 3] + 0.5 * (n + s), forecasts[s], 12);
    }

    [Theory]
    [InlineData(12, 36)]
    [InlineData(12, 41)]
    [InlineData(7, 14)]
    [InlineData(1, 5)]
    public void Matches_least_squares_on_the_dummy_design(int m, int n)
    {
        var random = new Random(m * 100 + n);
        var window = new double[n * 2];   // two columns: x (normalised) and a calendar column (exempt)
        for (int t = 0; t < n; t++)
        {
            window[2 * t] = Math.Sin(2 * Math.PI * t / m) * 3 + 0.04 * t + random.NextDouble();
            window[2 * t + 1] = random.NextDouble();
        }
        var original = (double[])window.Clone();
        var column = new double[n];
        for (int t = 0; t < n; t++)
            column[t] = original[2 * t];
        var (intercepts, slope) = ReferenceFit(column, m);

        var levels = new WindowLevels(WindowNormalization.Seasonal, ["x", CalendarFeatures.HourSin], ["x"], m);
        var windowLevels = new double[levels.LevelsPerWindow];
        levels.Normalize<double>(window, windowLevels);
        for (int t = 0; t < n; t++)
        {
            Assert.Equal(column[t] - (intercepts[t % m] + slope * t), window[2 * t], 9);
            Assert.Equal(original[2 * t + 1], window[2 * t + 1]);
        }
        Assert.All(windowLevels[(m + 1)..], l => Assert.Equal(0, l));

        int horizon = 2 * m + 3;
        var forecasts = new double[horizon];
        levels.Denormalize<double>(forecasts, windowLevels);
        for (int s = 0; s < horizon; s++)
            Assert.Equal(intercepts[(n + s) % m] + slope * (n + s), forecasts[s], 9);

        // float windows: the same arithmetic in double, rounded per step.
        var floats = Array.ConvertAll(original, v => (float)v);
        var floatLevels = new float[levels.LevelsPerWindow];
        levels.Normalize<float>(floats, floatLevels);
        for (int t = 0; t < n; t++)
            Assert.Equal(window[2 * t], floats[2 * t], 4);
        var floatForecasts = new float[horizon];
        levels.Denormalize<float>(floatForecasts, floatLevels);
        for (int s = 0; s < horizon; s++)
            Assert.Equal(forecasts[s], floatForecasts[s], 4);
    }

    [Fact]
    public void Targets_lose_what_forecasts_regain()
    {
        var levels = new WindowLevels(WindowNormalization.Seasonal, ["a", "b"], ["b", "a"], seasonLength: 2);
        var random = new Random(5);
        var window = new double[8 * 2];
        for (int i = 0; i < window.Length; i++)
            window[i] = random.NextDouble() * 10;
        var windowLevels = new double[levels.LevelsPerWindow];
        levels.Normalize<double>(window, windowLevels);
        var targets = new double[3 * 2];
        for (int i = 0; i < targets.Length; i++)
            targets[i] = random.NextDouble();
        var original = (double[])targets.Clone();
        levels.NormalizeTargets<double>(targets, windowLevels);
        Assert.NotEqual(original, targets);
        levels.Denormalize<double>(targets, windowLevels);
        for (int i = 0; i < targets.Length; i++)
            Assert.Equal(original[i], targets[i], 12);
    }

    [Fact]
    public void A_window_shorter_than_two_seasons_and_a_missing_season_are_refused()
    {
        var levels = new WindowLevels(WindowNormalization.Seasonal, ["x"], ["x"], seasonLength: 12);
        var e = Assert.Throws<ArgumentException>(() => levels.Normalize<double>(new double[23], new double[13]));
        Assert.Contains("two seasons (24 steps)", e.Message);
        Assert.Throws<ArgumentException>(() => levels.Normalize<double>(new double[24], new double[1]));
        Assert.Contains("season length", Assert.Throws<ArgumentException>(() => new WindowLevels(WindowNormalization.Seasonal, ["x"], ["x"])).Message);
        Assert.Throws<ArgumentException>(() => new WindowLevels(WindowNormalization.Seasonal, ["x"], ["x"], 0));
        Assert.Contains("only read by the seasonal", Assert.Throws<ArgumentException>(() => new WindowLevels(WindowNormalization.Mean, ["x"], ["x"], 12)).Message);
    }

    /// <summary>OLS of x_t on (1[t mod m = p] for each p, t): the normal equations solved with partial pivoting.</summary>
    private static (double[] Intercepts, double Slope) ReferenceFit(double[] x, int m)
    {
        int n = x.Length, k = m + 1;
        var a = new double[k, k + 1];
        for (int t = 0; t < n; t++)
        {
            var row = new double[k];
            row[t % m] = 1;
            row[m] = t;
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                    a[i, j] += row[i] * row[j];
                a[i, k] += row[i] * x[t];
            }
        }
        for (int col = 0; col < k; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < k; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                    pivot = r;
            }
            for (int j = 0; j <= k; j++)
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            for (int r = 0; r < k; r++)
            {
                if (r == col)
                    continue;
                double factor = a[r, col] / a[col, col];
                for (int j = col; j <= k; j++)
                    a[r, j] -= factor * a[col, j];
            }
        }
        var solution = new double[k];
        for (int i = 0; i < k; i++)
            solution[i] = a[i, k] / a[i, i];
        return (solution[..m], solution[m]);
    }
}
