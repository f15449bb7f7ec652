using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using GruNative.Training.Fitting;
using Spectre.Console;

namespace GruNative.Cli.Output;

/// <summary>
/// Shows training progress: a live Spectre.Console display (epoch bar with batch progress and ETA) on an interactive
/// terminal, one plain line per epoch otherwise (redirected output, CI logs, tests).
/// </summary>
internal static class TrainingDisplay
{
    public static string Line(EpochReport r, int epochs) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {r.Epoch,3}/{epochs}  train {r.TrainMse:F5}  val {r.ValidationMse:F5}{(r.ValidationLoss is double loss ? $"  val pinball {loss:F5}" : "")}  lr {r.LearningRate:E2}  |g| {r.GradientNorm:F3}  {r.Seconds:F1} s{(r.IsBest ? "  *" : "")}");

    /// <summary>Runs <paramref name="train"/>, showing its progress on <paramref name="output"/>.</summary>
    public static TResult Run<TResult>(TextWriter output, int epochs, Func<Action<EpochReport>, Action<int, int, int>?, TResult> train)
    {
        bool live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!live)
            return train(r => output.WriteLine(Line(r, epochs)), null);

        TResult? result = default;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("epoch 1", maxValue: epochs);
                result = train(
                    r =>
                    {
                        AnsiConsole.MarkupLine(Markup.Escape(Line(r, epochs)));
                        task.Value = r.Epoch;
                    },
                    (epoch, batch, batches) =>
                    {
                        task.Description = $"epoch {epoch}/{epochs}, batch {batch}/{batches}";
                        task.Value = epoch - 1 + (double)batch / batches;
                    });
                task.Value = epochs;
            });
        return result!;
    }
}
