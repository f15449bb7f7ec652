using System;
using System.Globalization;

namespace GruNative.Training.Data;

/// <summary>
/// How a series is cut, in time order, into training, validation and test rows. Three kinds: ratios of the whole
/// series, explicit row counts from the first row (the ETT protocol is one), and the last rows as test (the classic
/// series). <see cref="Resolve"/> turns a plan into rows for one series and window shape, or says precisely why the
/// series is too short.
/// </summary>
/// <remarks>
/// The text form (<see cref="ToString"/>, <see cref="Parse"/>) lists numbers in time order: <c>0.7/0.1/0.2</c>,
/// <c>ett</c> (or <c>ett:4</c> for 15-minute data), <c>counts:8640/2880/2880</c>, <c>last:24</c> (test only) or
/// <c>last:12/24</c> (validation, then test).
/// </remarks>
public sealed class SplitPlan
{
    private enum Kind { Ratios, Counts, LastRows }

    /// <summary>ETT protocol months of 30 days: 12 training, 4 validation, 4 test.</summary>
    private const int EttHoursPerMonth = 30 * 24;

    private readonly Kind _kind;
    private readonly double _trainRatio, _validationRatio, _testRatio;
    private readonly int _train, _validation, _test;
    private readonly string _text;

    private SplitPlan(Kind kind, double trainRatio, double validationRatio, double testRatio, int train, int validation, int test, string text)
    {
        _kind = kind;
        _trainRatio = trainRatio;
        _validationRatio = validationRatio;
        _testRatio = testRatio;
        _train = train;
        _validation = validation;
        _test = test;
        _text = text;
    }

    /// <summary>The default: ratios 0.7 / 0.1 / 0.2.</summary>
    public static SplitPlan Default { get; } = Ratios(0.7, 0.1, 0.2);

    /// <summary>
    /// Chronological ratios that sum to 1. Of n rows, test gets ⌊n · <paramref name="test"/>⌋, train
    /// ⌊n · <paramref name="train"/>⌋ and validation the rest — the convention of the Autoformer/DLinear code for
    /// custom data. With a zero validation ratio the rest goes to train instead.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A ratio is negative or not finite, train is 0, or the sum is not 1.</exception>
    public static SplitPlan Ratios(double train, double validation, double test)
    {
        foreach (var (value, name) in new[] { (train, nameof(train)), (validation, nameof(validation)), (test, nameof(test)) })
        {
            if (!double.IsFinite(value) || value < 0 || value > 1)
                throw new ArgumentOutOfRangeException(name, value, "A split ratio must lie in [0, 1].");
        }
        if (train <= 0)
            throw new ArgumentOutOfRangeException(nameof(train), train, "The training ratio must be positive.");
        if (Math.Abs(train + validation + test - 1) > 1e-6)
            throw new ArgumentOutOfRangeException(nameof(test), test,
                $"The ratios {Format(train)}/{Format(validation)}/{Format(test)} sum to {Format(train + validation + test)}, not 1.");
        return new SplitPlan(Kind.Ratios, train, validation, test, 0, 0, 0, $"{Format(train)}/{Format(validation)}/{Format(test)}");
    }

    /// <summary>
    /// The ETT benchmark protocol: 12, 4 and 4 months of 30 days from the first row — 8640 / 2880 / 2880 hourly rows
    /// (<paramref name="stepsPerHour"/> = 1, ETTh) or four times that for 15-minute rows (4, ETTm). Later rows are unused.
    /// </summary>
    public static SplitPlan Ett(int stepsPerHour = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerHour, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stepsPerHour, 60);
        int month = EttHoursPerMonth * stepsPerHour;
        return new SplitPlan(Kind.Counts, 0, 0, 0, 12 * month, 4 * month, 4 * month, stepsPerHour == 1 ? "ett" : $"ett:{stepsPerHour}");
    }

    /// <summary>Explicit row counts from the first row; rows after train + validation + test are unused.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Train is below 1, or a count is negative.</exception>
    public static SplitPlan Counts(int train, int validation, int test)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(train, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(validation);
        ArgumentOutOfRangeException.ThrowIfNegative(test);
        if ((long)train + validation + test > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(test), test, "The counts add up to more rows than a table can hold.");
        return new SplitPlan(Kind.Counts, 0, 0, 0, train, validation, test, $"counts:{train}/{validation}/{test}");
    }

    /// <summary>
    /// The last <paramref name="test"/> rows are the test split and the <paramref name="validation"/> rows before them
    /// the validation split; every earlier row is training data. For example, airline passengers: the last 24 months;
    /// Melbourne daily temperatures: the last 365 days.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Test is below 1 or validation negative.</exception>
    public static SplitPlan LastRows(int test, int validation = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(test, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(validation);
        return new SplitPlan(Kind.LastRows, 0, 0, 0, 0, validation, test, validation == 0 ? $"last:{test}" : $"last:{validation}/{test}");
    }

    /// <summary>Reads the text form (see the remarks of <see cref="SplitPlan"/>).</summary>
    /// <exception cref="FormatException">The text is not a split plan; the message shows the accepted forms.</exception>
    public static SplitPlan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = text.Trim();
        int colon = s.IndexOf(':', StringComparison.Ordinal);
        string kind = colon < 0 ? s : s[..colon];
        string[] parts = colon < 0 ? [] : s[(colon + 1)..].Split('/');
        try
        {
            switch (kind.ToUpperInvariant())
            {
                case "ETT" when colon < 0:
                    return Ett();
                case "ETT" when parts.Length == 1:
                    return Ett(ParseInt(parts[0]));
                case "COUNTS" when parts.Length == 3:
                    return Counts(ParseInt(parts[0]), ParseInt(parts[1]), ParseInt(parts[2]));
                case "LAST" when parts.Length == 1:
                    return LastRows(ParseInt(parts[0]));
                case "LAST" when parts.Length == 2:
                    return LastRows(ParseInt(parts[1]), ParseInt(parts[0]));
                case "RATIOS" when parts.Length == 3:
                    return Ratios(ParseDouble(parts[0]), ParseDouble(parts[1]), ParseDouble(parts[2]));
            }
            if (colon < 0 && s.Split('/') is { Length: 3 } ratios)
                return Ratios(ParseDouble(ratios[0]), ParseDouble(ratios[1]), ParseDouble(ratios[2]));
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"Split '{text}': {e.Message}", e);
        }
        throw new FormatException(
            $"Split '{text}' is not one of: TRAIN/VALIDATION/TEST ratios (0.7/0.1/0.2), ett, ett:STEPS_PER_HOUR, counts:TRAIN/VALIDATION/TEST, last:TEST, last:VALIDATION/TEST.");

        int ParseInt(string part) => int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value : throw new FormatException($"Split '{text}': '{part}' is not a row count.");
        double ParseDouble(string part) => double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value : throw new FormatException($"Split '{text}': '{part}' is not a ratio.");
    }

    /// <summary>
    /// The rows of each split for a series of <paramref name="rowCount"/> rows and windows of
    /// <paramref name="lookback"/> + <paramref name="horizon"/> steps.
    /// </summary>
    /// <exception cref="DataFormatException">
    /// Too few rows: the training split must hold at least one whole window (L + T rows), and a non-empty validation or
    /// test split at least T rows. The message gives the rows available, the rows needed and each split's rows.
    /// </exception>
    public SplitLayout Resolve(int rowCount, int lookback, int horizon, string sourceName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        var (train, validation, test) = Counts(rowCount);
        if (!Fits(train, validation, test, lookback, horizon) || (long)train + validation + test > rowCount)
            throw TooFewRows(rowCount, lookback, horizon, sourceName, train, validation, test);
        return new SplitLayout(
            new RowRange(0, train), new RowRange(train, validation), new RowRange(train + validation, test), lookback, horizon);
    }

    /// <summary>The text form, for example <c>0.7/0.1/0.2</c>, <c>ett</c> or <c>last:24</c>.</summary>
    public override string ToString() => _text;

    /// <summary>The rows this plan gives each split of a series of <paramref name="rows"/> rows (train may be negative).</summary>
    private (int Train, int Validation, int Test) Counts(int rows)
    {
        switch (_kind)
        {
            case Kind.Ratios:
                int test = (int)Math.Floor(rows * _testRatio + 1e-9);
                if (_validationRatio == 0)
                    return (rows - test, 0, test);
                int train = (int)Math.Floor(rows * _trainRatio + 1e-9);
                return (train, rows - train - test, test);
            case Kind.LastRows:
                return (rows - _validation - _test, _validation, _test);
            default:
                return (_train, _validation, _test);
        }
    }

    private static bool Fits(int train, int validation, int test, int lookback, int horizon) =>
        train >= lookback + horizon && (validation == 0 || validation >= horizon) && (test == 0 || test >= horizon);

    /// <summary>The fewest rows that make this plan fit, or null when no series length would (fixed counts too small).</summary>
    private long? MinimumRows(int lookback, int horizon)
    {
        switch (_kind)
        {
            case Kind.Counts:
                return Fits(_train, _validation, _test, lookback, horizon) ? (long)_train + _validation + _test : null;
            case Kind.LastRows:
                return _validation is > 0 && _validation < horizon || _test < horizon
                    ? null : (long)lookback + horizon + _validation + _test;
            default:
                // Lower bounds: every split's minimum together, and ⌊n · ratio⌋ ≥ need for train and test. Validation gets
                // the remainder, n · ratio ± 2 rows, so a fit follows within about (T + 2) / ratio rows: search upward.
                long start = lookback + horizon + (_validationRatio > 0 ? horizon : 0) + (_testRatio > 0 ? horizon : 0);
                start = Math.Max(start, (long)Math.Floor((lookback + horizon) / _trainRatio) - 1);
                if (_testRatio > 0)
                    start = Math.Max(start, (long)Math.Floor(horizon / _testRatio) - 1);
                for (long n = start, end = Math.Min(int.MaxValue, start + 10_000_000L); n <= end; n++)
                {
                    var (tr, va, te) = Counts((int)n);
                    if (Fits(tr, va, te, lookback, horizon))
                        return n;
                }
                return null;
        }
    }

    private DataFormatException TooFewRows(int rows, int lookback, int horizon, string source, int train, int validation, int test)
    {
        int window = lookback + horizon;
        string Need(int has, int need, bool mayBeEmpty) =>
            has >= need || (mayBeEmpty && has == 0) ? $"{has} rows" : $"{Math.Max(has, 0)} rows, needs {need}";
        string perSplit =
            $"train {Need(train, window, false)} (lookback {lookback} + horizon {horizon}), " +
            $"validation {Need(validation, horizon, true)}, test {Need(test, horizon, true)}";
        string needed = MinimumRows(lookback, horizon) is long minimum
            ? $"{rows} rows available, {minimum} needed"
            : $"{rows} rows available, but no number of rows is enough: the plan's fixed counts are too small";
        return new DataFormatException(source, null, null,
            $"too few rows for split {this} with lookback {lookback} and horizon {horizon}: {needed}; {perSplit}. " +
            "A split other than train may be empty; a non-empty one needs at least one horizon of rows, and train one whole window.");
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
