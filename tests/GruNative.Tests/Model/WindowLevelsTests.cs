namespace GruNative.Tests.Model;

public class WindowLevelsTests
{
    private static readonly string[] Inputs = ["x", CalendarFeatures.WeekdaySin, "z"];

    [Fact]
    public void Targets_lose_and_forecasts_regain_the_level_of_their_input_column()
    {
        var levels = new WindowLevels(WindowNormalization.LastValue, Inputs, ["z", "x"]);
        double[] window = [1, 0.5, 100, 2, 0.25, 300];   // 2 steps of (x, calendar, z)
        var windowLevels = new double[3];
        levels.Normalize<double>(window, windowLevels);
        Assert.Equal([2.0, 0, 300], windowLevels);
        Assert.Equal([-1.0, 0.5, -200, 0, 0.25, 0], window);

        double[] targets = [301, 5, 302, 6];   // 2 steps of (z, x)
        levels.NormalizeTargets<double>(targets, windowLevels);
        Assert.Equal([1.0, 3, 2, 4], targets);
        levels.Denormalize<double>(targets, windowLevels);
        Assert.Equal([301.0, 5, 302, 6], targets);
    }

    [Fact]
    public void A_target_outside_the_inputs_is_refused_unless_nothing_is_normalised()
    {
        var e = Assert.Throws<ArgumentException>(() => new WindowLevels(WindowNormalization.Mean, ["x"], ["y"]));
        Assert.Contains("target 'y' is not an input column", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowLevels((WindowNormalization)9, ["x"], ["x"]));
        var none = new WindowLevels(WindowNormalization.None, ["x"], ["y"]);
        double[] forecasts = [1, 2];
        none.Denormalize<double>(forecasts, [5.0]);
        Assert.Equal([1.0, 2], forecasts);
    }

    [Fact]
    public void Wrong_lengths_are_refused()
    {
        var levels = new WindowLevels(WindowNormalization.Mean, Inputs, ["x", "z"]);
        Assert.Throws<ArgumentException>(() => levels.Normalize<float>(new float[4], new float[3]));
        Assert.Throws<ArgumentException>(() => levels.Normalize<float>([], new float[3]));
        Assert.Throws<ArgumentException>(() => levels.Normalize<float>(new float[6], new float[2]));
        Assert.Throws<ArgumentException>(() => levels.NormalizeTargets<float>(new float[3], new float[3]));
        Assert.Throws<ArgumentException>(() => levels.Denormalize<float>(new float[4], new float[4]));
        Assert.Throws<ArgumentException>(() => levels.Denormalize<float>([], new float[3]));
    }
}
