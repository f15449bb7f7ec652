using GruNative.Training.Baselines;

namespace GruNative.Training.Tests.Baselines;

/// <summary>Every classical forecaster reads nothing from its origin on: the rows after it can be anything.</summary>
public class LookAheadTests
{
    [Fact]
    public void Forecasts_do_not_change_when_the_future_is_replaced()
    {
        var y = Airline.Passengers;
        var forecasters = new List<IClassicalForecaster>
        {
            new SeasonalNaiveDrift(12),
            AutoEts.Select(y[..96], 12).Best!.Model,
            ThetaModel.Fit(y[..96], 12).Model!,
        };
        foreach (var forecaster in forecasters)
        {
            for (int origin = 96; origin < 132; origin += 7)
            {
                var expected = new double[12];
                forecaster.ForecastFromOrigins(y, origin, 1, 12, expected);
                var poisoned = (double[])y.Clone();
                for (int t = origin; t < poisoned.Length; t++)
                    poisoned[t] = double.NaN;
                var actual = new double[12];
                forecaster.ForecastFromOrigins(poisoned, origin, 1, 12, actual);
                Assert.Equal(expected, actual);
                Assert.All(actual, v => Assert.True(double.IsFinite(v), forecaster.Method));
            }
        }
    }
}
