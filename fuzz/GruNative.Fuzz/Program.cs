using GruNative.Fuzz;
using GruNative.Fuzz.Targets;

// GruNative.Fuzz TARGET              run under afl-fuzz (SharpFuzz's fork server; see fuzz/fuzz.sh)
// GruNative.Fuzz TARGET PATH...      check every file (folders: every file below) against TARGET's contract
// GruNative.Fuzz list                the targets
// GruNative.Fuzz seeds REPO DIR      write the generated seed corpora into DIR/TARGET/
FuzzTarget[] targets = FuzzTargets.All;
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: GruNative.Fuzz TARGET [FILE|DIR...] | list | seeds REPO DIR");
    return 2;
}
if (args[0] == "list")
{
    foreach (var t in targets)
        Console.WriteLine($"{t.Name,-14}{t.Description}");
    return 0;
}
if (args[0] == "seeds" && args.Length == 3)
{
    foreach (var (target, name, bytes) in Seeds.Generate(args[1]))
    {
        string folder = Directory.CreateDirectory(Path.Combine(args[2], target)).FullName;
        File.WriteAllBytes(Path.Combine(folder, name), bytes);
    }
    return 0;
}
var harness = targets.FirstOrDefault(t => t.Name == args[0]);
if (harness is null)
{
    Console.Error.WriteLine($"unknown target '{args[0]}'; the targets: {string.Join(", ", targets.Select(t => t.Name))}");
    return 2;
}
if (args.Length == 1)
{
    // Under afl-fuzz: one process runs input after input. The first input also pays for JIT, so its time is not held
    // to the bound; afl-fuzz's own -t catches a real hang.
    bool first = true;
    SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        harness.Check(buffer.ToArray(), checkTime: !first);
        first = false;
    });
    return 0;
}

var files = args[1..].SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();
harness.Check(files.Count > 0 ? File.ReadAllBytes(files[0]) : [], checkTime: false);   // warm-up: JIT
int failures = 0;
var clock = System.Diagnostics.Stopwatch.StartNew();
foreach (string file in files)
{
    try
    {
        var refusal = harness.Check(File.ReadAllBytes(file));
        Console.WriteLine($"ok   {file}: {(refusal is null ? "read" : $"refused ({refusal.GetType().Name}: {refusal.Message})")}");
    }
    catch (Exception e)
    {
        failures++;
        Console.WriteLine($"FAIL {file}: {e.GetType().Name}: {e.Message}");
    }
}
Console.WriteLine($"{harness.Name}: {files.Count} file(s), {failures} failure(s), {clock.Elapsed.TotalSeconds:F1} s");
return failures == 0 ? 0 : 1;
