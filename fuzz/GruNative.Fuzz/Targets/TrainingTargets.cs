using System.Text;
using GruNative.Training.Data;
using GruNative.Training.Fitting;

namespace GruNative.Fuzz.Targets;

/// <summary>
/// The trainer's CSV reader, <see cref="CsvTableReader.Read(TextReader, string, CsvReadOptions?)"/>. Input: one byte
/// of options (missing values: error, forward fill or interpolation; ',' or ';'; the first column a date or not), then
/// the text. Only
/// <see cref="DataFormatException"/>.
/// </summary>
public sealed class CsvTarget : FuzzTarget
{
    public override string Name => "csv";

    public override string Description => "the trainer's CSV reader: CsvTableReader.Read";

    public override bool IsDocumented(Exception e) => e is DataFormatException;

    // A table of doubles: a cell of 2 bytes ("1,") becomes 8 bytes of double, plus strings for headers and dates.
    public override long AllocationPerByte => 512;

    public override void Run(byte[] input)
    {
        if (input.Length == 0)
            return;
        char delimiter = (input[0] & 4) != 0 ? ';' : ',';
        string text = Encoding.UTF8.GetString(input, 1, input.Length - 1);
        var options = new CsvReadOptions
        {
            MissingValues = (MissingValuePolicy)((input[0] & 3) % 3),
            Delimiter = delimiter,
            // As the CLI names a date column: the header's first cell (quotes aside), an empty name included (finding
            // csv-1, fixed: CsvTableReaderTests.An_unnamed_column_chosen_as_the_date_column_is_a_format_error).
            DateColumn = (input[0] & 8) != 0 ? text.Split('\n', 2)[0].Split(delimiter, 2)[0].Trim().Trim('"') : null,
        };
        CsvTableReader.Read(new StringReader(text), "<fuzz>", options);
    }

    /// <summary>An input: the options byte, then <paramref name="text"/>.</summary>
    public static byte[] Input(MissingValuePolicy fill, bool semicolon, bool dated, string text) =>
        [(byte)((int)fill | (semicolon ? 4 : 0) | (dated ? 8 : 0)), .. Encoding.UTF8.GetBytes(text)];
}

/// <summary>
/// Training checkpoints: the input is written as checkpoint.safetensors and a small fixed run resumes from it
/// (<see cref="Trainer.Run"/> with resume, cancelled before its first batch). Only <see cref="CheckpointException"/>;
/// a checkpoint that restores ends in <see cref="OperationCanceledException"/> or a finished run.
/// </summary>
public sealed class CheckpointTarget : FuzzTarget
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("grunative-fuzz-checkpoint-").FullName;
    private static readonly CancellationToken Cancelled = new(canceled: true);

    public override string Name => "checkpoint";

    public override string Description => "training checkpoints: Trainer.Run(resume) restoring checkpoint.safetensors";

    public override bool IsDocumented(Exception e) => e is CheckpointException;

    // The trainer's own buffers (a few KB for this model) and the file read back; the restored history is 7 doubles
    // an epoch, bounded by the file's size.
    public override long AllocationPerByte => 256;

    public override TimeSpan TimeLimit => TimeSpan.FromSeconds(5);

    public override void Run(byte[] input)
    {
        File.WriteAllBytes(Path.Combine(Folder, Checkpoint), input);
        try
        {
            NewTrainer().Run(checkpointFolder: Folder, resume: true, cancellation: Cancelled);
        }
        catch (OperationCanceledException)
        {
            // Restored: the run stopped before its first batch, as asked.
        }
    }

    private const string Checkpoint = "checkpoint.safetensors";

    /// <summary>The checkpoint of the harness's run after <paramref name="epochs"/> of its 3 epochs (a seed).</summary>
    public static byte[] Seed(int epochs)
    {
        string folder = Directory.CreateTempSubdirectory("grunative-fuzz-seed-").FullName;
        try
        {
            using var stop = new CancellationTokenSource();
            try
            {
                NewTrainer().Run(report => { if (report.Epoch == epochs) stop.Cancel(); }, folder, cancellation: stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
            return File.ReadAllBytes(Path.Combine(folder, Checkpoint));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // GRU(I=1, H=2) → 2 outputs, lookback 3, 6 training and 3 validation windows of a fixed series.
    private static Trainer NewTrainer() =>
        new(new ModelSpec(CellKind.Gru, 1, 2, 1, 2), new TrainingOptions { Epochs = 3, BatchSize = 2, Seed = 1, Patience = 10 },
            new SineWindows(6, 0), new SineWindows(3, 6), "fuzz: sine windows");

    private sealed class SineWindows(int count, int first) : IWindowSource
    {
        public int Count => count;
        public int Lookback => 3;
        public int InputSize => 1;
        public int OutputSize => 2;

        public void Gather(ReadOnlySpan<int> windows, Span<float> inputs, Span<float> targets)
        {
            for (int w = 0; w < windows.Length; w++)
            {
                int start = first + windows[w];
                for (int t = 0; t < Lookback; t++)
                    inputs[w * Lookback + t] = MathF.Sin(0.7f * (start + t));
                for (int o = 0; o < OutputSize; o++)
                    targets[w * OutputSize + o] = MathF.Sin(0.7f * (start + Lookback + o));
            }
        }
    }
}
