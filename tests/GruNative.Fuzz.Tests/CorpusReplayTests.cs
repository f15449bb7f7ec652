using System.Reflection;
using GruNative.Fuzz;
using GruNative.Fuzz.Targets;

namespace GruNative.Fuzz.Tests;

/// <summary>
/// Replays every committed fuzz input through its harness: the seeds and what AFL++ kept (fuzz/corpus/TARGET) and every
/// finding (fuzz/regressions/TARGET). A harness throws on an undocumented exception, a broken time bound or a broken
/// allocation bound, so each file is a regression check of its reader's contract.
/// </summary>
public class CorpusReplayTests
{
    private static readonly string FuzzDirectory = typeof(CorpusReplayTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "FuzzDirectory").Value!;

    public static TheoryData<string> TargetNames() => new(FuzzTargets.All.Select(t => t.Name));

    private static FuzzTarget Target(string name) => FuzzTargets.All.Single(t => t.Name == name);

    private static IEnumerable<string> Inputs(string folder, string target)
    {
        string path = Path.Combine(FuzzDirectory, folder, target);
        return Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : [];
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void Every_committed_input_keeps_the_contract(string name)
    {
        var target = Target(name);
        var files = Inputs("corpus", name).Concat(Inputs("regressions", name)).ToList();
        Assert.NotEmpty(files);
        target.Check(File.ReadAllBytes(files[0]), checkTime: false);   // JIT first: the time bound is for warm code
        var failures = new List<string>();
        foreach (string file in files)
        {
            try
            {
                target.Check(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                failures.Add($"{Path.GetRelativePath(FuzzDirectory, file)}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void The_seeds_include_an_input_the_reader_accepts(string name)
    {
        // A harness whose every seed is refused would fuzz only the first check of its reader.
        var target = Target(name);
        Assert.Contains(Inputs("corpus", name), file => target.Check(File.ReadAllBytes(file), checkTime: false) is null);
    }

    [Theory]
    [InlineData("seed-transform-season")]
    [InlineData("seed-intervals")]
    public void The_metadata_seeds_of_transforms_seasons_and_intervals_are_accepted(string seed)
    {
        // So the fuzzer starts from the newer keys' accepted forms (Box–Cox, seasonal normalisation, prediction intervals),
        // not only from the keys' names it would otherwise have to guess.
        var target = Target("metadata");
        string file = Inputs("corpus", "metadata").Single(f => Path.GetFileName(f) == seed);
        Assert.Null(target.Check(File.ReadAllBytes(file), checkTime: false));
    }
}
