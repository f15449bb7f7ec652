using GruNative.Training.Optimization;

namespace GruNative.Training.Tests.Optimization;

public class LearningRateScheduleTests
{
    [Fact]
    public void Cosine_runs_from_the_base_rate_to_the_minimum()
    {
        var s = new LearningRateSchedule(ScheduleKind.Cosine, 0.01, epochs: 11, minimumRate: 0.001);
        Assert.Equal(0.01, s.RateFor(0), 1e-15);
        Assert.Equal(0.0055, s.RateFor(5), 1e-12);      // halfway: cos(π/2) = 0
        Assert.Equal(0.001, s.RateFor(10), 1e-15);
        Assert.True(Enumerable.Range(0, 10).All(e => s.RateFor(e + 1) < s.RateFor(e)));
    }

    [Fact]
    public void Warm_up_rises_linearly_to_the_base_rate()
    {
        var s = new LearningRateSchedule(ScheduleKind.Constant, 0.004, epochs: 10, warmupEpochs: 3);
        Assert.Equal([0.001, 0.002, 0.003, 0.004, 0.004], Enumerable.Range(0, 5).Select(s.RateFor), (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void Plateau_halves_after_patience_epochs_without_improvement_and_state_restores()
    {
        var s = new LearningRateSchedule(ScheduleKind.Plateau, 0.01, epochs: 100, plateauPatience: 2);
        foreach (double loss in new[] { 1.0, 0.9, 0.95, 0.95 })
            s.Observe(loss);
        Assert.Equal(0.005, s.RateFor(4));
        var (rate, wait, best) = s.SaveState();
        var copy = new LearningRateSchedule(ScheduleKind.Plateau, 0.01, epochs: 100, plateauPatience: 2);
        copy.RestoreState(rate, wait, best);
        s.Observe(0.92);
        s.Observe(0.93);
        copy.Observe(0.92);
        copy.Observe(0.93);
        Assert.Equal(0.0025, s.RateFor(6));
        Assert.Equal(s.RateFor(6), copy.RateFor(6));
    }
}
