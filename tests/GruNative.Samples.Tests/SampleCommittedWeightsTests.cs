using GruNative.TestKit;

namespace GruNative.Samples.Tests;

/// <summary>
/// The sample's four weight files are their seeds' regeneration (see <see cref="SampleWeights"/>); with
/// GRUNATIVE_UPDATE_WEIGHTS=1 they are rewritten instead of checked (then rebuild, since the JSON files are baked).
/// </summary>
public class SampleCommittedWeightsTests
{
    public static TheoryData<string> Files() =>
        new(SampleWeights.All.SelectMany(d => new[] { d.FileName!, SampleWeights.SafeTensorsName(d) }));

    [Theory]
    [MemberData(nameof(Files))]
    public void CommittedWeightsFileIsItsRegeneration(string fileName)
    {
        var definition = SampleWeights.All.Single(d => fileName == d.FileName || fileName == SampleWeights.SafeTensorsName(d));
        byte[] expected = fileName == definition.FileName ? definition.FormatBytes() : SafeTensorsWeights.ToBytes(definition.Weights);
        string committed = SampleWeights.Committed(fileName);
        if (Environment.GetEnvironmentVariable(WeightsCatalog.UpdateVariable) == "1")
        {
            File.WriteAllBytes(committed, expected);
            return;
        }
        Assert.True(File.Exists(committed), $"{committed} is missing; run with {WeightsCatalog.UpdateVariable}=1 to write it.");
        byte[] actual = File.ReadAllBytes(committed);
        Assert.True(actual.AsSpan().SequenceEqual(expected),
            $"{committed} ({actual.Length} bytes) differs from its regeneration ({expected.Length} bytes) at byte " +
            $"{actual.AsSpan().CommonPrefixLength(expected)}; run with {WeightsCatalog.UpdateVariable}=1 to rewrite it, then rebuild.");
    }

    [Fact]
    public void SafeTensorsCopiesBesideTheProgramAreTheCommittedFiles()
    {
        foreach (string name in SampleWeights.All.Select(SampleWeights.SafeTensorsName))
            Assert.Equal(File.ReadAllBytes(SampleWeights.Committed(name)), File.ReadAllBytes(SampleWeights.Copied(name)));
    }

    [Fact]
    public void DeclarationsMatchTheDefinitionsAndFilesStaySmall()
    {
        Assert.Equal(SampleWeights.Gru.Spec, GettingStarted.GruForecaster.Spec);
        Assert.Equal(SampleWeights.Gru.Spec, GettingStarted.GruForecaster.Spec);
        Assert.Equal(SampleWeights.Lstm.Spec, GettingStarted.LstmForecaster.Spec);
        Assert.Equal(SampleWeights.Lstm.Spec, GettingStarted.LstmForecaster.Spec);
        Assert.Null(GettingStarted.GruForecaster.Baked.Preprocessing);
        Assert.Null(GettingStarted.LstmForecaster.Baked.Preprocessing);

        // A sample is read and cloned; its data should not weigh on the repository.
        long total = Directory.EnumerateFiles(SampleWeights.SampleDirectory)
            .Where(f => f.EndsWith(".weights.json", StringComparison.Ordinal) || f.EndsWith(".safetensors", StringComparison.Ordinal))
            .Sum(f => new FileInfo(f).Length);
        Assert.InRange(total, 1, 200 * 1024);
    }
}
