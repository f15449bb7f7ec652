namespace GruNative;

// The metadata keys, in a file of their own so the source generator (netstandard2.0) can link it and check a baked
// file's metadata against exactly the keys the runtime reads. This part states no accessibility: the type is internal in
// the generator, and public in the runtime, whose other part says so.
static partial class WeightsMetadata
{
    /// <summary>Prefix of every GruNative key: <c>grunative.</c></summary>
    public const string KeyPrefix = "grunative.";

    /// <summary><c>grunative.format_version</c>: "1".</summary>
    public const string FormatVersion = KeyPrefix + "format_version";

    /// <summary><c>grunative.cell</c>: "gru" or "lstm".</summary>
    public const string Cell = KeyPrefix + "cell";

    /// <summary><c>grunative.input_size</c>: I.</summary>
    public const string InputSize = KeyPrefix + "input_size";

    /// <summary><c>grunative.hidden_size</c>: H.</summary>
    public const string HiddenSize = KeyPrefix + "hidden_size";

    /// <summary><c>grunative.num_layers</c>: L.</summary>
    public const string Layers = KeyPrefix + "num_layers";

    /// <summary><c>grunative.output_size</c>: O.</summary>
    public const string OutputSize = KeyPrefix + "output_size";

    /// <summary><c>grunative.input_columns</c>: JSON array of the input columns' names, in input order.</summary>
    public const string InputColumns = KeyPrefix + "input_columns";

    /// <summary><c>grunative.input_mean</c>: JSON array of the input columns' means.</summary>
    public const string InputMean = KeyPrefix + "input_mean";

    /// <summary><c>grunative.input_std</c>: JSON array of the input columns' standard deviations.</summary>
    public const string InputStd = KeyPrefix + "input_std";

    /// <summary><c>grunative.target_columns</c>: JSON array of the forecast columns' names.</summary>
    public const string TargetColumns = KeyPrefix + "target_columns";

    /// <summary><c>grunative.target_mean</c>: JSON array of the forecast columns' means.</summary>
    public const string TargetMean = KeyPrefix + "target_mean";

    /// <summary><c>grunative.target_std</c>: JSON array of the forecast columns' standard deviations.</summary>
    public const string TargetStd = KeyPrefix + "target_std";

    /// <summary><c>grunative.lookback</c>: time steps per training window.</summary>
    public const string Lookback = KeyPrefix + "lookback";

    /// <summary><c>grunative.horizon</c>: time steps forecast by the head.</summary>
    public const string Horizon = KeyPrefix + "horizon";

    /// <summary>
    /// <c>grunative.window_normalization</c>: "none", "last" or "mean" (<see cref="GruNative.WindowNormalization"/>);
    /// absent means none.
    /// </summary>
    public const string WindowNormalizationKey = KeyPrefix + "window_normalization";

    /// <summary>The metadata names of the window normalisations, indexed by the enum's value: none, last, mean.</summary>
    internal static readonly string[] WindowNormalizationNames = { "none", "last", "mean" };

    /// <summary>The format version this library writes and reads.</summary>
    public const string CurrentVersion = "1";

    /// <summary>Every key this version reads; any other key with the prefix is an error.</summary>
    internal static readonly string[] KnownKeys =
    {
        FormatVersion, Cell, InputSize, HiddenSize, Layers, OutputSize, InputColumns, InputMean, InputStd,
        TargetColumns, TargetMean, TargetStd, Lookback, Horizon, WindowNormalizationKey,
    };

    /// <summary>
    /// Reads one column list — the names, means and standard deviations keys, which appear together or not at all —
    /// as JSON arrays of equal length. Returns null when the list is absent or well-formed (then the three lists are
    /// set when present), otherwise the offending key and the problem. Shared with the source generator, which
    /// checks baked metadata by the same rules; the values' own rules belong to <see cref="ColumnScaler"/>.
    /// </summary>
    internal static System.Collections.Generic.KeyValuePair<string, string>? ReadColumnLists(
        System.Collections.Generic.IReadOnlyDictionary<string, string> metadata, string names, string means, string stds,
        out System.Collections.Generic.List<string>? columnNames,
        out System.Collections.Generic.List<double>? meanValues,
        out System.Collections.Generic.List<double>? stdValues)
    {
        columnNames = null;
        meanValues = stdValues = null;
        bool hasNames = metadata.TryGetValue(names, out var namesText);
        bool hasMeans = metadata.TryGetValue(means, out var meansText);
        bool hasStds = metadata.TryGetValue(stds, out var stdsText);
        if (!hasNames && !hasMeans && !hasStds)
            return null;
        if (!(hasNames && hasMeans && hasStds))
            return new(hasNames ? names : hasMeans ? means : stds, $"{names}, {means} and {stds} must appear together");

        columnNames = JsonWeightsDocument.ParseStringArray(namesText!, out var error);
        if (columnNames is null)
            return new(names, $"is not a JSON array of strings: {error}");
        meanValues = JsonWeightsDocument.ParseNumberArray(meansText!, out error);
        if (meanValues is null)
            return new(means, $"is not a JSON array of numbers: {error}");
        stdValues = JsonWeightsDocument.ParseNumberArray(stdsText!, out error);
        if (stdValues is null)
            return new(stds, $"is not a JSON array of numbers: {error}");
        if (meanValues.Count != columnNames.Count || stdValues.Count != columnNames.Count)
            return new(names, $"{columnNames.Count} name(s), {meanValues.Count} mean(s) and {stdValues.Count} standard deviation(s) differ in count");
        return null;
    }
}
