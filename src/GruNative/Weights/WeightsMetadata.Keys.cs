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
    /// <c>grunative.window_normalization</c>: "none", "last", "mean" or "seasonal" (<see cref="GruNative.WindowNormalization"/>);
    /// absent means none.
    /// </summary>
    public const string WindowNormalizationKey = KeyPrefix + "window_normalization";

    /// <summary>
    /// <c>grunative.season_length</c>: m, the season length of <see cref="GruNative.WindowNormalization"/> "seasonal" (and
    /// only there): a positive integer, with the lookback (when known) at least 2m.
    /// </summary>
    public const string SeasonLength = KeyPrefix + "season_length";

    /// <summary>
    /// <c>grunative.box_cox_columns</c>: JSON array of the names of the columns transformed before standardisation (each
    /// an input or target column; the transform applies to the column wherever it appears). Appears together with
    /// <see cref="BoxCoxLambda"/>; absent means no column is transformed.
    /// </summary>
    public const string BoxCoxColumns = KeyPrefix + "box_cox_columns";

    /// <summary>
    /// <c>grunative.box_cox_lambda</c>: JSON array of the Box–Cox λ of each column of <see cref="BoxCoxColumns"/>, in
    /// [0, 2] (0 = log). The column's mean and standard deviation are then those of the transformed values.
    /// </summary>
    public const string BoxCoxLambda = KeyPrefix + "box_cox_lambda";

    /// <summary>
    /// <c>grunative.interval_levels</c>: JSON array of the prediction intervals' coverage levels, increasing, each in (0, 1),
    /// e.g. <c>[0.8,0.95]</c>. Appears together with <see cref="IntervalOffsets"/>.
    /// </summary>
    public const string IntervalLevels = KeyPrefix + "interval_levels";

    /// <summary>
    /// <c>grunative.interval_offsets</c>: JSON array of levels × O offsets, level-major (index level · O + output), each finite
    /// and ≥ 0 and none shrinking as the level grows: the half-width of each output's interval on the model's standardised
    /// output scale (see <see cref="GruNative.PredictionIntervals"/>).
    /// </summary>
    public const string IntervalOffsets = KeyPrefix + "interval_offsets";

    /// <summary>
    /// <c>grunative.interval_scale_steps</c>: k of scale-adaptive intervals — the offsets are then in units of each
    /// window's mean absolute change over its last k steps; absent for fixed offsets. Only with the interval keys.
    /// </summary>
    public const string IntervalScaleSteps = KeyPrefix + "interval_scale_steps";

    /// <summary>
    /// <c>grunative.interval_tracking_rate</c>: γ in (0, 1] of online calibration — a device keeps the bands calibrated as
    /// actual values arrive (see <see cref="GruNative.IntervalTracker"/>), starting from the offsets; absent when the offsets
    /// stay as calibrated. Only with the interval keys.
    /// </summary>
    public const string IntervalTrackingRate = KeyPrefix + "interval_tracking_rate";

    /// <summary>
    /// <c>grunative.architecture</c>: the model family. "segrnn" for a segment-recurrent forecaster
    /// (<see cref="GruNative.SegmentModelSpec"/>, read by the segment readers); absent for the plain recurrent forecaster
    /// (<see cref="GruNative.ModelSpec"/>). Each family's reader refuses the other's files, naming the reader to use.
    /// </summary>
    public const string Architecture = KeyPrefix + "architecture";

    /// <summary><c>grunative.segment_length</c>: w, steps per segment (segment models only).</summary>
    public const string SegmentLength = KeyPrefix + "segment_length";

    /// <summary><c>grunative.decoding</c>: "pmf" (parallel) or "rmf" (recurrent), <see cref="GruNative.SegmentDecoding"/> (segment models only).</summary>
    public const string Decoding = KeyPrefix + "decoding";

    /// <summary><c>grunative.channels</c>: C, the channels with a channel embedding, "0" when channel ids are off (segment models only).</summary>
    public const string Channels = KeyPrefix + "channels";

    /// <summary>The value of <see cref="Architecture"/> for a segment-recurrent (SegRNN) forecaster: "segrnn".</summary>
    public const string SegmentArchitecture = "segrnn";

    /// <summary>The metadata names of the segment decodings, indexed by the enum's value: pmf, rmf.</summary>
    internal static readonly string[] DecodingNames = { "pmf", "rmf" };

    /// <summary>Every key a segment model's file may hold; any other key with the prefix is an error there.</summary>
    internal static readonly string[] SegmentKeys =
    {
        FormatVersion, Architecture, Cell, HiddenSize, Lookback, Horizon, SegmentLength, Decoding, Channels,
        InputColumns, InputMean, InputStd, TargetColumns, TargetMean, TargetStd,
    };

    /// <summary>
    /// Why a file's <see cref="Architecture"/> does not suit the reader — the plain reader (<paramref name="segment"/>
    /// false) wants none, the segment reader "segrnn" or, for a file without GruNative keys (the official code's
    /// <c>save_file(model.state_dict())</c>), none — as the key and the problem, or null. Shared with the source generator.
    /// </summary>
    internal static System.Collections.Generic.KeyValuePair<string, string>? FindArchitectureProblem(
        System.Collections.Generic.IReadOnlyDictionary<string, string> metadata, bool segment)
    {
        if (metadata.TryGetValue(Architecture, out var architecture))
        {
            if (architecture != SegmentArchitecture)
                return new(Architecture, $"'{architecture}' is not a model family this version knows (it knows '{SegmentArchitecture}', and no key for the plain recurrent forecaster)");
            return segment ? null : new(Architecture,
                "the file holds a segment-recurrent (SegRNN) model: read it with SafeTensorsSegmentWeights or JsonSegmentWeights (SegmentModelWeights), not as a plain recurrent forecaster");
        }
        if (!segment)
            return null;
        foreach (var key in metadata.Keys)
        {
            if (key.StartsWith(KeyPrefix, System.StringComparison.Ordinal))
                return new(Architecture,
                    $"is absent, but the file holds GruNative metadata ({key}): it is a plain recurrent forecaster; read it with SafeTensorsWeights or JsonWeights (ModelWeights)");
        }
        return null;
    }

    /// <summary>
    /// Why a metadata map cannot be a segment model's — another family (<see cref="FindArchitectureProblem"/>), a key that
    /// family does not read, or a format version this one does not know — as the key and the problem, or null. The one
    /// statement of these rules for the segment readers and the source generator.
    /// </summary>
    internal static System.Collections.Generic.KeyValuePair<string, string>? FindSegmentKeyProblem(
        System.Collections.Generic.IReadOnlyDictionary<string, string> metadata)
    {
        if (FindArchitectureProblem(metadata, segment: true) is { } architectureProblem)
            return architectureProblem;
        foreach (var key in metadata.Keys)
        {
            if (!key.StartsWith(KeyPrefix, System.StringComparison.Ordinal) || System.Array.IndexOf(SegmentKeys, key) >= 0
                || key == IntervalLevels || key == IntervalOffsets || key == IntervalScaleSteps || key == IntervalTrackingRate)
                continue;
            if (key == WindowNormalizationKey && metadata[key] == WindowNormalizationNames[0])
                continue;
            return new(key, System.Array.IndexOf(KnownKeys, key) < 0
                ? "unknown GruNative metadata key; it may come from a newer version and cannot be ignored safely"
                : key == WindowNormalizationKey ? "a segment model subtracts each window's last value itself, so its window normalisation must be none"
                : key == BoxCoxColumns || key == BoxCoxLambda ? "a segment model's channels are standardised only: no Box–Cox or log transform"
                : "is a plain recurrent forecaster's key, which a segment model's file does not hold");
        }
        if (metadata.TryGetValue(FormatVersion, out var version) && version != CurrentVersion)
            return new(FormatVersion, $"version '{version}' is not supported (this reader knows '{CurrentVersion}')");
        return null;
    }

    /// <summary>
    /// Why a segment model's shape keys (cell, decoding, d, w, C) contradict the model its tensors describe, as the key
    /// and the problem, or null. The one statement of these rules for the segment readers and the source generator.
    /// </summary>
    internal static System.Collections.Generic.KeyValuePair<string, string>? FindSegmentShapeProblem(
        System.Collections.Generic.IReadOnlyDictionary<string, string> metadata, SegmentModelSpec spec)
    {
        if (metadata.TryGetValue(Cell, out var cell) && cell != spec.Cell.ToMetadataName())
            return new(Cell, $"says '{cell}' but the tensor shapes are those of a {spec.Cell.ToMetadataName()} ({spec})");
        string decodingName = DecodingNames[(int)spec.Decoding];
        if (metadata.TryGetValue(Decoding, out var decoding) && decoding != decodingName)
            return new(Decoding, System.Array.IndexOf(DecodingNames, decoding) < 0
                ? $"'{decoding}' is not one of {string.Join(", ", DecodingNames)}"
                : $"says '{decoding}' but the tensors are those of {decodingName} decoding (pos_emb is {(spec.Decoding == SegmentDecoding.Parallel ? "present" : "absent")}; {spec})");
        var sizes = new[]
        {
            (HiddenSize, spec.HiddenSize, 1, "valueEmbedding.0.weight's rows give"),
            (SegmentLength, spec.SegmentLength, 1, "valueEmbedding.0.weight's columns give"),
            (Channels, spec.Channels, 0, spec.UsesChannelIds ? "channel_emb gives" : "channel_emb (absent: channel ids off) gives"),
        };
        foreach (var (key, actual, min, origin) in sizes)
        {
            if (!metadata.TryGetValue(key, out var text))
                continue;
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value) || value < min)
                return new(key, $"'{text}' is not a {(min == 0 ? "non-negative" : "positive")} integer");
            if (value != actual)
                return new(key, $"says {value} but {origin} {actual} ({spec})");
        }
        return null;
    }

    /// <summary>The metadata names of the window normalisations, indexed by the enum's value: none, last, mean, seasonal.</summary>
    internal static readonly string[] WindowNormalizationNames = { "none", "last", "mean", "seasonal" };

    /// <summary>The format version this library writes and reads.</summary>
    public const string CurrentVersion = "1";

    /// <summary>Every key this version reads for the plain recurrent forecaster; any other key with the prefix is an error there (see <see cref="SegmentKeys"/> for segment models).</summary>
    internal static readonly string[] KnownKeys =
    {
        FormatVersion, Cell, InputSize, HiddenSize, Layers, OutputSize, InputColumns, InputMean, InputStd,
        TargetColumns, TargetMean, TargetStd, Lookback, Horizon, WindowNormalizationKey, SeasonLength, BoxCoxColumns, BoxCoxLambda,
        IntervalLevels, IntervalOffsets, IntervalScaleSteps, IntervalTrackingRate,
    };

    /// <summary>
    /// Reads the interval keys: null when they are absent (<paramref name="levels"/> null) or well-formed for a head of
    /// <paramref name="outputSize"/> outputs, otherwise the offending key and the problem. Shared with the source generator.
    /// </summary>
    internal static System.Collections.Generic.KeyValuePair<string, string>? ReadIntervals(
        System.Collections.Generic.IReadOnlyDictionary<string, string> metadata, int outputSize,
        out System.Collections.Generic.List<double>? levels, out System.Collections.Generic.List<double>? offsets, out int? scaleSteps,
        out double? trackingRate)
    {
        levels = offsets = null;
        scaleSteps = null;
        trackingRate = null;
        bool hasLevels = metadata.TryGetValue(IntervalLevels, out var levelsText);
        bool hasOffsets = metadata.TryGetValue(IntervalOffsets, out var offsetsText);
        bool hasScale = metadata.TryGetValue(IntervalScaleSteps, out var scaleText);
        bool hasRate = metadata.TryGetValue(IntervalTrackingRate, out var rateText);
        if (hasScale && !(int.TryParse(scaleText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int steps) && steps >= 1))
            return new(IntervalScaleSteps, $"'{scaleText}' is not a positive integer");
        double rate = 0;
        if (hasRate && !double.TryParse(rateText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out rate))
            return new(IntervalTrackingRate, $"'{rateText}' is not a number");
        if (hasRate && FindTrackingRateProblem(rate) is string rateProblem)
            return new(IntervalTrackingRate, rateProblem);
        if (!hasLevels && !hasOffsets)
            return hasScale ? new(IntervalScaleSteps, $"is only read with {IntervalLevels} and {IntervalOffsets}")
                : hasRate ? new(IntervalTrackingRate, $"is only read with {IntervalLevels} and {IntervalOffsets}") : null;
        if (!(hasLevels && hasOffsets))
            return new(hasLevels ? IntervalLevels : IntervalOffsets, $"{IntervalLevels} and {IntervalOffsets} must appear together");
        var levelValues = JsonWeightsDocument.ParseNumberArray(levelsText!, out var error);
        if (levelValues is null)
            return new(IntervalLevels, $"is not a JSON array of numbers: {error}");
        var offsetValues = JsonWeightsDocument.ParseNumberArray(offsetsText!, out error);
        if (offsetValues is null)
            return new(IntervalOffsets, $"is not a JSON array of numbers: {error}");
        if (FindIntervalProblem(levelValues, offsetValues) is string problem)
            return new(problem.StartsWith("interval level", System.StringComparison.Ordinal) || problem.StartsWith("no interval", System.StringComparison.Ordinal) ? IntervalLevels : IntervalOffsets, problem);
        if ((long)levelValues.Count * outputSize != offsetValues.Count)
            return new(IntervalOffsets, $"{offsetValues.Count} offset(s) for {levelValues.Count} level(s) × the head's {outputSize} output(s)");
        levels = levelValues;
        offsets = offsetValues;
        scaleSteps = hasScale ? int.Parse(scaleText!, System.Globalization.CultureInfo.InvariantCulture) : null;
        trackingRate = hasRate ? rate : null;
        return null;
    }

    /// <summary>Why γ cannot be the rate of online interval calibration (it must be in (0, 1]), or null.</summary>
    internal static string? FindTrackingRateProblem(double rate) =>
        rate > 0 && rate <= 1 ? null
            : $"the interval tracking rate {rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is outside (0, 1]";

    /// <summary>Why these levels and offsets cannot describe prediction intervals, or null (the rules of <see cref="GruNative.PredictionIntervals"/>).</summary>
    internal static string? FindIntervalProblem(System.Collections.Generic.IReadOnlyList<double> levels, System.Collections.Generic.IReadOnlyList<double> offsets)
    {
        string Text(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (levels.Count == 0)
            return "no interval levels";
        for (int i = 0; i < levels.Count; i++)
        {
            if (!(levels[i] > 0 && levels[i] < 1))
                return $"interval level {Text(levels[i])} is outside (0, 1)";
            if (i > 0 && !(levels[i] > levels[i - 1]))
                return "interval levels must increase";
        }
        if (offsets.Count == 0 || offsets.Count % levels.Count != 0)
            return $"{offsets.Count} interval offset(s) are not a whole number of outputs for {levels.Count} level(s)";
        int outputs = offsets.Count / levels.Count;
        for (int i = 0; i < offsets.Count; i++)
        {
            if (!(!double.IsNaN(offsets[i]) && !double.IsInfinity(offsets[i]) && offsets[i] >= 0))
                return $"interval offset {Text(offsets[i])} (level {Text(levels[i / outputs])}, output {i % outputs}) must be finite and ≥ 0";
            if (i >= outputs && offsets[i] < offsets[i - outputs])
                return $"the interval of output {i % outputs} narrows from level {Text(levels[i / outputs - 1])} to {Text(levels[i / outputs])}";
        }
        return null;
    }

    /// <summary>
    /// Reads the Box–Cox keys: null when they are absent (<paramref name="lambdas"/> null) or well-formed — names distinct,
    /// each an input or target column, λ in [0, 2] — otherwise the offending key and the problem. Shared with the source
    /// generator, which checks baked metadata by the same rules.
    /// </summary>
    internal static System.Collections.Generic.KeyValuePair<string, string>? ReadBoxCox(
        System.Collections.Generic.IReadOnlyDictionary<string, string> metadata,
        System.Collections.Generic.IReadOnlyList<string> inputColumns, System.Collections.Generic.IReadOnlyList<string> targetColumns,
        out System.Collections.Generic.Dictionary<string, double>? lambdas)
    {
        lambdas = null;
        bool hasNames = metadata.TryGetValue(BoxCoxColumns, out var namesText);
        bool hasLambdas = metadata.TryGetValue(BoxCoxLambda, out var lambdasText);
        if (!hasNames && !hasLambdas)
            return null;
        if (!(hasNames && hasLambdas))
            return new(hasNames ? BoxCoxColumns : BoxCoxLambda, $"{BoxCoxColumns} and {BoxCoxLambda} must appear together");
        var names = JsonWeightsDocument.ParseStringArray(namesText!, out var error);
        if (names is null)
            return new(BoxCoxColumns, $"is not a JSON array of strings: {error}");
        var values = JsonWeightsDocument.ParseNumberArray(lambdasText!, out error);
        if (values is null)
            return new(BoxCoxLambda, $"is not a JSON array of numbers: {error}");
        if (values.Count != names.Count)
            return new(BoxCoxColumns, $"{names.Count} column(s) but {values.Count} λ value(s)");
        var result = new System.Collections.Generic.Dictionary<string, double>(System.StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            string name = names[i];
            bool known = false;
            foreach (string column in inputColumns)
                known |= column == name;
            foreach (string column in targetColumns)
                known |= column == name;
            if (!known)
                return new(BoxCoxColumns, $"'{name}' is neither an input nor a target column");
            if (result.ContainsKey(name))
                return new(BoxCoxColumns, $"'{name}' appears twice");
            if (!(values[i] >= 0 && values[i] <= 2))
                return new(BoxCoxLambda, $"λ {values[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)} of '{name}' is outside [0, 2]");
            result[name] = values[i];
        }
        lambdas = result;
        return null;
    }

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
