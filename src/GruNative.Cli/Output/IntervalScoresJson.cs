using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using GruNative.Training.Fitting;

namespace GruNative.Cli.Output;

/// <summary>Interval scores as metrics.json writes them wherever they appear: one object per level.</summary>
internal static class IntervalScoresJson
{
    /// <summary>
    /// The <c>intervals</c> object: per level, keyed by the level as written ("0.8", "0.95"), its coverage, mean width
    /// and mean Winkler score.
    /// </summary>
    public static void Write(Utf8JsonWriter json, IReadOnlyList<IntervalScore> scores)
    {
        json.WriteStartObject("intervals");
        foreach (var score in scores)
        {
            json.WriteStartObject(score.Level.ToString("R", CultureInfo.InvariantCulture));
            json.WriteNumber("coverage", score.Coverage);
            json.WriteNumber("mean_width", score.MeanWidth);
            json.WriteNumber("winkler", score.Winkler);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
