using System;
using System.CommandLine;
using System.Globalization;
using GruNative.Training.Fitting;
using GruNative.Training.Network;

namespace GruNative.Cli.Commands;

/// <summary>What a run is trained to minimise: its loss, and δ or τ of the losses that have one.</summary>
/// <param name="Loss">The loss.</param>
/// <param name="HuberDelta">δ of <see cref="ForecastLoss.Huber"/>.</param>
/// <param name="Quantile">τ of <see cref="ForecastLoss.Pinball"/>.</param>
internal sealed record LossChoice(ForecastLoss Loss, double HuberDelta, double Quantile)
{
    /// <summary>The loss's name on the command line and in metrics.json: mse, mae, huber or pinball.</summary>
    public string Name => ForecastLossNames.Of(Loss);

    /// <summary>How the run's summary line names it.</summary>
    public string Description => Loss switch
    {
        ForecastLoss.Pinball => $"pinball at τ = {Quantile.ToString(CultureInfo.InvariantCulture)} (chosen by its validation pinball loss)",
        ForecastLoss.Huber => $"huber at δ = {HuberDelta.ToString(CultureInfo.InvariantCulture)}",
        _ => Name,
    };
}

/// <summary>
/// <c>--loss</c>, <c>--huber-delta</c> and <c>--quantile</c>: the training loss of either architecture, with the
/// architecture's own default (MSE for the plain models, MAE for SegRnn, as its author recommends). A parameter the
/// chosen loss does not read is refused, not ignored.
/// </summary>
internal sealed class LossOptionSet
{
    public Option<string?> Loss { get; } = new("--loss") { Description = "The training loss: mse (the default of the plain models), mae (SegRnn's default, as its author recommends), huber, or pinball (quantile regression: the model forecasts the --quantile level and early stopping keeps the epoch with the lowest validation pinball loss)." };
    public Option<double> HuberDelta { get; } = new("--huber-delta") { Description = "With --loss huber: δ, where the loss turns from squared to absolute.", DefaultValueFactory = _ => 1.0 };
    public Option<double> Quantile { get; } = new("--quantile") { Description = "With --loss pinball: τ in (0, 1), the level forecast (0.9: a value the series stays below 90% of the time).", DefaultValueFactory = _ => 0.5 };

    private Option[] All => [Loss, HuberDelta, Quantile];

    public void AddTo(Command command)
    {
        foreach (var option in All)
            command.Options.Add(option);
    }

    /// <summary>The loss given, or <paramref name="fallback"/> (the architecture's default) when <c>--loss</c> is absent.</summary>
    /// <exception cref="ArgumentException">
    /// Not mae, mse, huber or pinball; <c>--huber-delta</c> or <c>--quantile</c> given with a loss that does not read it;
    /// or τ outside (0, 1), δ not positive.
    /// </exception>
    public LossChoice Read(ParseResult result, ForecastLoss fallback)
    {
        var loss = result.GetValue(Loss)?.Trim().ToLowerInvariant() switch
        {
            null => fallback,
            "mae" or "l1" => ForecastLoss.AbsoluteError,
            "mse" or "l2" => ForecastLoss.SquaredError,
            "huber" => ForecastLoss.Huber,
            "pinball" or "quantile" => ForecastLoss.Pinball,
            var other => throw new ArgumentException($"--loss: '{other}' is not mae, mse, huber or pinball."),
        };
        // A parameter the loss never reads would be silently ignored: refuse it instead.
        if (loss != ForecastLoss.Huber && SegmentOptionSet.Given(result, HuberDelta))
            throw new ArgumentException("--huber-delta applies to --loss huber only.");
        if (loss != ForecastLoss.Pinball && SegmentOptionSet.Given(result, Quantile))
            throw new ArgumentException("--quantile applies to --loss pinball only.");
        double delta = result.GetValue(HuberDelta), quantile = result.GetValue(Quantile);
        if (!(delta > 0 && double.IsFinite(delta)))
            throw new ArgumentException($"--huber-delta must be positive (got {delta.ToString(CultureInfo.InvariantCulture)}).");
        if (!(quantile > 0 && quantile < 1))
            throw new ArgumentException($"--quantile: the quantile level must lie in (0, 1) (got {quantile.ToString(CultureInfo.InvariantCulture)}).");
        return new LossChoice(loss, delta, quantile);
    }
}
