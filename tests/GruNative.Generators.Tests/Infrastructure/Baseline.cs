using System.Reflection;

namespace GruNative.Generators.Tests.Infrastructure;

/// <summary>
/// Golden files: generated sources compared with <c>Baselines/*.g.cs.txt</c> in this project's source folder.
/// </summary>
/// <remarks>
/// After an intended change to the generated code, run the tests once with the environment variable
/// <c>GRUNATIVE_UPDATE_BASELINES=1</c>: instead of comparing, the helper rewrites every baseline with the current
/// output (and the test passes). Review the diff of Baselines/ like any code change before committing it.
/// </remarks>
internal static class Baseline
{
    public const string UpdateVariable = "GRUNATIVE_UPDATE_BASELINES";

    public static string Directory { get; } = Path.Combine(
        typeof(Baseline).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "GruNative.Generators.Tests.ProjectDirectory").Value!,
        "Baselines");

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>Asserts that <paramref name="actual"/> equals the baseline <paramref name="fileName"/>, or rewrites it when updating.</summary>
    public static void AssertMatches(string fileName, string actual)
    {
        string path = Path.Combine(Directory, fileName);
        if (Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"There is no baseline {path}. Run the tests with {UpdateVariable}=1 to create it.");

        // Git may check text out with CRLF; the generator writes LF.
        string expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual)
            return;
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        int line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
            line++;
        Assert.Fail(
            $"The generated source differs from {fileName} from line {line + 1} on:\n" +
            $"  baseline:  {(line < expectedLines.Length ? expectedLines[line] : "<end of file>")}\n" +
            $"  generated: {(line < actualLines.Length ? actualLines[line] : "<end of file>")}\n" +
            $"If the change is intended, run the tests with {UpdateVariable}=1 and review the diff of Baselines/.");
    }
}
