using GruNative.Training.Fitting;

namespace GruNative.Training.Tests.Fitting;

/// <summary>
/// Early stopping's choice of epoch: by the validation MSE, or — for a run with a criterion of its own, a quantile
/// model's pinball loss — by that criterion, whatever the MSE does.
/// </summary>
public class EarlyStoppingTests
{
    [Fact]
    public void A_run_with_a_validation_loss_keeps_the_epoch_with_the_lowest_loss_not_the_lowest_MSE()
    {
        var state = new EarlyStopping(new TrainingOptions { Epochs = 10, Patience = 2 }, [0f]);
        // (MSE, loss) per epoch: the MSE is lowest at epoch 1, the loss at epoch 3; epochs 4 and 5 exhaust the patience.
        (double Mse, double Loss)[] epochs = [(0.1, 0.9), (0.2, 0.8), (0.3, 0.5), (0.05, 0.6), (0.04, 0.7)];
        for (int e = 0; e < epochs.Length; e++)
            state.Complete([e + 1f], 1, epochs[e].Mse, 1e-3, 1, 1, epochs[e].Loss);

        Assert.False(state.Continues);
        Assert.True(state.StoppedEarly);
        Assert.Equal(3, state.BestEpoch);
        Assert.Equal(0.5, state.BestCriterion);
        Assert.Equal(0.3, state.BestValidationMse);   // the chosen epoch's MSE, reported as such
        Assert.Equal([3f], state.Best);
        Assert.Equal([true, true, true, false, false], state.History.Select(h => h.IsBest));
        Assert.Equal([0.9, 0.8, 0.5, 0.6, 0.7], state.History.Select(h => h.Criterion));
    }

    [Fact]
    public void Without_a_validation_loss_the_MSE_decides()
    {
        var state = new EarlyStopping(new TrainingOptions { Epochs = 10, Patience = 2 }, [0f]);
        foreach (double mse in new[] { 0.3, 0.1, 0.2, 0.15 })
            state.Complete([(float)mse], 1, mse, 1e-3, 1, 1);
        Assert.Equal(2, state.BestEpoch);
        Assert.Equal(0.1, state.BestValidationMse);
        Assert.Equal(0.1, state.BestCriterion);
        Assert.All(state.History, h => Assert.Null(h.ValidationLoss));
    }

    [Fact]
    public void A_loss_that_is_not_finite_stops_the_run_with_a_clear_error()
    {
        var state = new EarlyStopping(new TrainingOptions { Epochs = 10 }, [0f]);
        var error = Assert.Throws<ArithmeticException>(() => state.Complete([1f], 1, 0.1, 1e-3, 1, 1, double.NaN));
        Assert.Contains("Epoch 1: the validation error is not finite", error.Message);
    }
}
