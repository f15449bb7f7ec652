using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GruNative.TestKit.PowerCut;

/// <summary>
/// Replays the journal of <c>powercut.c</c> and answers, for every point at which the power could have been cut, what
/// the watched folder can hold after the reboot, then checks one file of it against the saves the program made.
/// </summary>
/// <remarks>
/// <para>The model of the disk is POSIX's promise and nothing more, so that it is pessimistic:</para>
/// <list type="bullet">
/// <item>a file's data is on the disk as of its last <c>fsync</c>; every write after it is lost (a file never synced
/// comes back empty);</item>
/// <item>the folder's entries (creations, renames, links, unlinks) are on the disk as of the folder's last
/// <c>fsync</c>; of the entry changes after it, any prefix may also have reached the disk (a journaling file system
/// commits them in order, but when is its own business) — so every prefix is a possible state after the reboot.</item>
/// </list>
/// <para>A save is a rename onto the target; its content is the renamed file's content at that moment. A save has
/// returned once the thread that renamed it writes to standard output or error afterwards (both programs tested report
/// a save only after it returned). After a cut, the target must hold one save's content exactly — never a torn mix,
/// never an empty file — and never a save older than the last one returned: it may be absent only if no save had
/// returned.</para>
/// </remarks>
public sealed class PowerCutJournal
{
    private abstract record Event;
    private sealed record Open(string Name, long Inode, bool Created, bool Truncated) : Event;
    private sealed record Write(long Inode, long Offset, byte[] Data) : Event;
    private sealed record Truncate(long Inode, long Length) : Event;
    private sealed record FileSync(long Inode) : Event;
    private sealed record FolderSync : Event;
    private sealed record Rename(string From, string To, long Thread) : Event;
    private sealed record Link(string From, string To) : Event;
    private sealed record Unlink(string Name) : Event;
    private sealed record Output(long Thread) : Event;

    private readonly List<Event> _events;

    private PowerCutJournal(List<Event> events) => _events = events;

    /// <summary>The journal's calls, in order.</summary>
    public int Count => _events.Count;

    /// <summary>Reads a journal file.</summary>
    /// <exception cref="InvalidDataException">A call the shim does not model touched the folder, or the file is malformed.</exception>
    public static PowerCutJournal Read(string path) => Parse(File.ReadAllBytes(path));

    /// <summary>Parses a journal's bytes.</summary>
    public static PowerCutJournal Parse(byte[] journal)
    {
        var events = new List<Event>();
        int at = 0;
        while (at < journal.Length)
        {
            int end = Array.IndexOf(journal, (byte)'\n', at);
            if (end < 0)
                throw new InvalidDataException($"the journal ends inside a record at byte {at}");
            string[] f = Encoding.UTF8.GetString(journal, at, end - at).Split(' ');
            at = end + 1;
            events.Add(f[0] switch
            {
                "N" => new Open(f[1], Long(f[2]), f[3] == "1", f[4] == "1"),
                "W" => new Write(Long(f[1]), Long(f[2]), journal[at..(at += checked((int)Long(f[3])))]),
                "T" => new Truncate(Long(f[1]), Long(f[2])),
                "S" => new FileSync(Long(f[1])),
                "D" => new FolderSync(),
                "R" => new Rename(f[1], f[2], Long(f[3])),
                "L" => new Link(f[1], f[2]),
                "U" => new Unlink(f[1]),
                "O" => new Output(Long(f[2])),
                "X" => throw new InvalidDataException($"the program made a call the power-cut model does not cover: {string.Join(' ', f[1..])}"),
                _ => throw new InvalidDataException($"unknown journal record '{f[0]}'"),
            });
        }
        return new PowerCutJournal(events);
    }

    /// <summary>
    /// Builds a journal from records written as the shim writes them (one per string, W records with their data as
    /// text after a '|': <c>"W 7 0 3|abc"</c>), for tests of the replay itself.
    /// </summary>
    public static PowerCutJournal FromRecords(params string[] records)
    {
        var bytes = new List<byte>();
        foreach (string record in records)
        {
            int bar = record.IndexOf('|', StringComparison.Ordinal);
            bytes.AddRange(Encoding.UTF8.GetBytes((bar < 0 ? record : record[..bar]) + "\n"));
            if (bar >= 0)
                bytes.AddRange(Encoding.UTF8.GetBytes(record[(bar + 1)..]));
        }
        return Parse(bytes.ToArray());
    }

    /// <summary>
    /// Cuts the power after every call in turn (and before the first), recovers every state the folder can be found
    /// in, and checks <paramref name="target"/> in each.
    /// </summary>
    public PowerCutReport Check(string target)
    {
        var names = new Dictionary<string, long>(StringComparer.Ordinal);
        var durableNames = new Dictionary<string, long>(StringComparer.Ordinal);
        var pending = new List<Event>();                      // entry changes since the folder's last sync
        var content = new Dictionary<long, byte[]>();
        var durable = new Dictionary<long, string>();         // inode → hash of its content at its last sync
        var saves = new List<(string Hash, long Thread)> { (Absent, 0) };   // save 0: no file
        int returned = 0, states = 0;
        var violations = new List<string>();

        for (int cut = 0; cut <= _events.Count; cut++)
        {
            if (cut > 0)
                Apply(_events[cut - 1]);
            for (int prefix = 0; prefix <= pending.Count; prefix++)
            {
                states++;
                string found = Recover(prefix);
                int save = saves.FindLastIndex(s => s.Hash == found);
                string where = $"power cut after call {cut} of {_events.Count} ({Describe(cut)}), {prefix} of {pending.Count} unsynced entry change(s) on the disk";
                if (save < 0)
                    violations.Add($"{where}: {target} holds {(found == Empty ? "an empty file" : "content that no save wrote (torn)")}");
                else if (save < returned)
                    violations.Add($"{where}: {target} holds {(save == 0 ? "nothing" : $"save {save}")}, but save {returned} had returned");
            }
        }
        return new PowerCutReport(_events.Count, states, saves.Count - 1, returned, violations);

        void Apply(Event e)
        {
            switch (e)
            {
                case Open o:
                    if (o.Created)
                    {
                        names[o.Name] = o.Inode;
                        pending.Add(o);
                        content[o.Inode] = [];
                    }
                    else if (!names.ContainsKey(o.Name))
                    {
                        throw new InvalidDataException($"{o.Name} existed before the journal started; start from an empty folder");
                    }
                    if (o.Truncated)
                        content[o.Inode] = [];
                    break;
                case Write w:
                    byte[] data = content[w.Inode];
                    if (data.Length < w.Offset + w.Data.Length)
                        Array.Resize(ref data, checked((int)(w.Offset + w.Data.Length)));
                    w.Data.CopyTo(data, w.Offset);
                    content[w.Inode] = data;
                    break;
                case Truncate t:
                    byte[] resized = content[t.Inode];
                    Array.Resize(ref resized, checked((int)t.Length));
                    content[t.Inode] = resized;
                    break;
                case FileSync s:
                    durable[s.Inode] = Hash(content[s.Inode]);
                    break;
                case FolderSync:
                    durableNames = new Dictionary<string, long>(names, StringComparer.Ordinal);
                    pending.Clear();
                    break;
                case Rename r:
                    long inode = names[r.From];
                    names.Remove(r.From);
                    names[r.To] = inode;
                    pending.Add(r);
                    if (r.To == target)
                        saves.Add((Hash(content[inode]), r.Thread));
                    break;
                case Link l:
                    names[l.To] = names[l.From];
                    pending.Add(l);
                    break;
                case Unlink u:
                    names.Remove(u.Name);
                    pending.Add(u);
                    break;
                case Output o:
                    int latest = saves.FindLastIndex(s => s.Thread == o.Thread);
                    if (latest > returned)
                        returned = latest;
                    break;
            }
        }

        string Recover(int prefix)
        {
            var entries = new Dictionary<string, long>(durableNames, StringComparer.Ordinal);
            foreach (var e in pending.Take(prefix))
            {
                switch (e)
                {
                    case Open o:
                        entries[o.Name] = o.Inode;
                        break;
                    case Rename r:
                        if (entries.Remove(r.From, out long inode))
                            entries[r.To] = inode;
                        break;
                    case Link l:
                        if (entries.TryGetValue(l.From, out long linked))
                            entries[l.To] = linked;
                        break;
                    case Unlink u:
                        entries.Remove(u.Name);
                        break;
                }
            }
            return !entries.TryGetValue(target, out long at) ? Absent : durable.TryGetValue(at, out string? hash) ? hash : Empty;
        }

        string Describe(int cut) => cut == 0 ? "before any" : _events[cut - 1].ToString() is var s && s.Length > 120 ? s[..120] + "…" : _events[cut - 1].ToString()!;
    }

    private const string Absent = "(absent)";

    private static readonly string Empty = Hash([]);

    private static string Hash(byte[] data) => Convert.ToHexString(SHA256.HashData(data));

    private static long Long(string text) => long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}

/// <summary>What a replay found.</summary>
/// <param name="Calls">Calls journaled: the power was cut after each (and before the first).</param>
/// <param name="StatesChecked">Folder states recovered and checked, over all cuts.</param>
/// <param name="Saves">Renames onto the target.</param>
/// <param name="SavesReturned">The last save known to have returned by the end.</param>
/// <param name="Violations">Every state in which the target was torn, empty, or older than a returned save.</param>
public sealed record PowerCutReport(int Calls, int StatesChecked, int Saves, int SavesReturned, IReadOnlyList<string> Violations)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Calls} calls, {StatesChecked} recovered states checked, {Saves} saves ({SavesReturned} known returned), {Violations.Count} violation(s)"
        + string.Concat(Violations.Take(5).Select(v => "\n  " + v));
}
