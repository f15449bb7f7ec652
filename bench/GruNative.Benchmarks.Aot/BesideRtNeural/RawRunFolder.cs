using System.Globalization;

namespace GruNative.Benchmarks.Aot.BesideRtNeural;

/// <summary>
/// The folder bench/rtneural-compare.sh fills as it runs: <c>round-&lt;n&gt;/&lt;contender&gt;.txt</c> (each program's
/// output, named as in <see cref="Contender"/>), <c>cpuinfo</c> (a copy of <c>/proc/cpuinfo</c>) and
/// <c>started-utc</c> (ISO 8601). Kept as it is, so a run's tables can be built again later, on any machine.
/// </summary>
public static class RawRunFolder
{
    /// <summary>Reads the folder and builds docs/benchmarks.md's tables from it.</summary>
    /// <exception cref="FormatException">A file is not what the script writes.</exception>
    /// <exception cref="IOException">The folder, its cpuinfo or started-utc cannot be read.</exception>
    public static string BuildTables(string folder)
    {
        var rounds = Directory.GetDirectories(folder, "round-*")
            .OrderBy(d => int.Parse(Path.GetFileName(d)["round-".Length..], CultureInfo.InvariantCulture))
            .Select(ReadRound)
            .ToList();
        if (rounds.Count == 0)
            throw new FormatException($"{folder} holds no round-<n> folder.");
        var started = DateTime.Parse(File.ReadAllText(Path.Combine(folder, "started-utc")).Trim(), CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var machine = MachineStamp.FromCpuInfo(File.ReadAllText(Path.Combine(folder, "cpuinfo")), started);
        return ComparisonTables.Build(ComparisonResults.FromRounds(rounds), machine);
    }

    private static IReadOnlyDictionary<Contender, ProcessOutput> ReadRound(string roundFolder)
    {
        var round = new Dictionary<Contender, ProcessOutput>();
        foreach (var contender in Contender.All)
        {
            string file = Path.Combine(roundFolder, contender.Name + ".txt");
            if (File.Exists(file))
                round[contender] = ProcessOutput.Parse(File.ReadLines(file));
        }
        return round;
    }
}
