namespace GruNative.Benchmarks.Aot.BesideRtNeural;

/// <summary>
/// Which machine a run measured, and when: these VMs change CPU model from day to day, so a table without its CPU
/// cannot be compared with anything.
/// </summary>
/// <param name="CpuModelName"><c>/proc/cpuinfo</c>'s "model name", for example <c>AMD EPYC</c>.</param>
/// <param name="Family">Its "cpu family" (25 = Zen 3 and Zen 4, 26 = Zen 5 on AMD).</param>
/// <param name="Model">Its "model".</param>
/// <param name="StartedUtc">When the run started, UTC.</param>
public sealed record MachineStamp(string CpuModelName, string Family, string Model, DateTime StartedUtc)
{
    /// <summary>Reads the first processor's entries of <c>/proc/cpuinfo</c>; a missing entry reads "unknown".</summary>
    public static MachineStamp FromCpuInfo(string cpuInfo, DateTime startedUtc)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in cpuInfo.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
                entries.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        string Entry(string key) => entries.TryGetValue(key, out string? value) && value.Length > 0 ? value : "unknown";
        return new MachineStamp(Entry("model name"), Entry("cpu family"), Entry("model"), startedUtc);
    }

    /// <summary>For example <c>AMD EPYC (family 26, model 2), 2026-12-08 10:15 UTC</c>.</summary>
    public override string ToString() => $"{CpuModelName} (family {Family}, model {Model}), {StartedUtc:yyyy-MM-dd HH:mm} UTC";
}
