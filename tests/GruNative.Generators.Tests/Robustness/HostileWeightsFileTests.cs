using System.Text;
using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Robustness;

/// <summary>
/// Hostile weights files never make the generator throw (CS8785) or fail internally (GRUN999): every file is either
/// baked or reported with GRUN diagnostics.
/// </summary>
public class HostileWeightsFileTests
{
    private static readonly string Valid = TestWeights.Json(CellKind.Gru, 2, 3, 2, 2, seed: 5, new Preprocessing(
        inputColumns: [new ColumnScaler("a \"quoted\" \\ name", 1.5, 0.5), new ColumnScaler("µ/°", -2, 3)],
        targetColumns: [new ColumnScaler("t", 0, 1)],
        lookback: 12,
        horizon: 2));

    [Fact]
    public void Every_truncation_of_a_valid_file_is_a_located_GRUN006()
    {
        int end = Valid.TrimEnd().Length;
        var texts = Enumerable.Range(0, end).Select(n => Valid[..n]).Append(Valid).ToList();

        var diagnostics = HostileInput.RunEach(texts);

        for (int n = 0; n < end; n++)
        {
            var diagnostic = Assert.Single(diagnostics[n]);
            Assert.True(diagnostic.Id == "GRUN006", $"truncated to {n} chars: {diagnostic}");
            Assert.Equal("/p/" + HostileInput.File(n), diagnostic.Location.GetLineSpan().Path);
            Assert.InRange(diagnostic.Location.SourceSpan.Start, 0, n);
        }
        Assert.Empty(diagnostics[end]);
    }

    [Fact]
    public void Random_edits_of_a_valid_file_are_baked_or_reported()
    {
        var random = new Random(11);
        const string alphabet = "{}[]\",:.-+eE0123456789 \n\tabcxyz\\/u";
        var texts = new List<string>();
        for (int i = 0; i < 600; i++)
        {
            var text = new StringBuilder(Valid);
            for (int edits = random.Next(1, 4); edits > 0; edits--)
            {
                int at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                    case 1: text.Remove(at, 1); break;
                    default: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                }
            }
            texts.Add(text.ToString());
        }

        HostileInput.RunEach(texts);
    }

    [Fact]
    public void Random_characters_are_reported()
    {
        var random = new Random(12);
        var alphabet = "{}[]\",:.-+eE0123456789 \n\r\t\0\\/uaN\uFEFF\u2028\uD800\uDC00é€".ToCharArray();
        var texts = Enumerable.Range(0, 300)
            .Select(i => new string(Enumerable.Range(0, random.Next(0, 200)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
            .ToList();

        var diagnostics = HostileInput.RunEach(texts);

        Assert.All(diagnostics, d => Assert.NotEmpty(d));
    }

    public static TheoryData<string, string> Hostile() => new()
    {
        { "empty", "" },
        { "whitespace", "  \n\t\r\n " },
        { "null", "null" },
        { "array", "[]" },
        { "empty object", "{}" },
        { "byte order mark", "\uFEFF" },
        { "NUL", "\0" },
        { "deep objects", string.Concat(Enumerable.Repeat("{\"a\": ", 100_000)) + "1" + new string('}', 100_000) },
        { "deep arrays", new string('[', 200_000) + new string(']', 200_000) },
        { "deep arrays in data", Replace("\"data\": [", "\"data\": " + new string('[', 100_000)) },
        { "deep arrays in metadata", Replace("\"grunative.lookback\": \"12\"", "\"grunative.input_columns\": \"" + new string('[', 100_000) + "\"") },
        { "a million digits", Replace("\"data\": [", "\"data\": [1" + new string('0', 1_000_000) + ", ") },
        { "a million fraction digits", Replace("\"data\": [", "\"data\": [0." + new string('0', 1_000_000) + "1, ") },
        { "801 significant digits", Replace("\"data\": [", "\"data\": [0." + new string('3', 801) + ", ") },
        { "huge exponent", Replace("\"data\": [", "\"data\": [1e99999999999999999999999, ") },
        { "huge negative exponent", Replace("\"data\": [", "\"data\": [1e-99999999999999999999999, ") },
        { "exponent at int.MinValue", Replace("\"data\": [", "\"data\": [0.0001e-2147483648, ") },
        { "NaN", Replace("\"data\": [", "\"data\": [NaN, ") },
        { "Infinity", Replace("\"data\": [", "\"data\": [Infinity, ") },
        { "-Infinity", Replace("\"data\": [", "\"data\": [-Infinity, ") },
        { "hex", Replace("\"data\": [", "\"data\": [0x10, ") },
        { "leading plus", Replace("\"data\": [", "\"data\": [+1, ") },
        { "leading zero", Replace("\"data\": [", "\"data\": [01, ") },
        { "bare dot", Replace("\"data\": [", "\"data\": [.5, ") },
        { "dangling exponent", Replace("\"data\": [", "\"data\": [1e, ") },
        { "huge shape", Replace("\"shape\": [9, 2]", "\"shape\": [2147483647, 2147483647]") },
        { "shape beyond long", Replace("\"shape\": [9, 2]", "\"shape\": [99999999999999999999999999]") },
        { "shape beyond int", Replace("\"shape\": [9, 2]", "\"shape\": [2147483648, 0]") },
        { "zero shape", Replace("\"shape\": [9, 2]", "\"shape\": [0, 2]") },
        { "scalar shape", Replace("\"shape\": [9, 2]", "\"shape\": []") },
        { "fractional shape", Replace("\"shape\": [9, 2]", "\"shape\": [9.0, 2]") },
        { "lone surrogate", Replace("\"grunative.lookback\": \"12\"", "\"grunative.lookback\": \"\uD800\"") },
        { "escaped lone surrogate", Replace("\"grunative.lookback\": \"12\"", "\"grunative.lookback\": \"\\uDC00\"") },
        { "short unicode escape", Replace("\"grunative.lookback\": \"12\"", "\"grunative.lookback\": \"\\u12\"") },
        { "unicode escape at the end", Valid[..Valid.IndexOf("\"grunative.lookback\"", StringComparison.Ordinal)] + "\"\\u" },
        { "invalid escape", Replace("\"grunative.lookback\": \"12\"", "\"grunative.lookback\": \"\\x\"") },
        { "metadata twice", Replace("{\n  \"__metadata__\"", "{\n  \"__metadata__\": {},\n  \"__metadata__\"") },
        { "metadata as array", Replace("\"__metadata__\": {", "\"__metadata__\": [") },
        { "a megabyte key", Replace("\"head.bias\"", "\"" + new string('k', 1_000_000) + "\"") },
        { "unknown dtype", Replace("\"dtype\": \"F32\"", "\"dtype\": \"F64\"") },
        { "huge metadata number", Replace("\"grunative.input_mean\": \"[", "\"grunative.input_mean\": \"[1e400,") },
        { "huge metadata integer", Replace("\"grunative.lookback\": \"12\"", "\"grunative.lookback\": \"99999999999999999999\"") },
        { "NaN metadata number", Replace("\"grunative.input_std\": \"[", "\"grunative.input_std\": \"[NaN,") },
    };

    private static string Replace(string find, string replace)
    {
        int at = Valid.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, find);
        return Valid[..at] + replace + Valid[(at + find.Length)..];
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_file_is_reported(string description, string json)
    {
        _ = description;
        var diagnostics = HostileInput.RunEach([json]);

        Assert.NotEmpty(diagnostics[0]);
    }

    [Fact]
    public void The_file_the_cases_break_is_valid_even_after_a_byte_order_mark_and_a_megabyte_of_whitespace() =>
        Assert.All(HostileInput.RunEach([Valid, "\uFEFF" + Valid, new string(' ', 1_000_000) + Valid + "\n\n"]), Assert.Empty);
}
