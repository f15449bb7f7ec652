using GruNative.Training.Data;

namespace GruNative.TestKit;

/// <summary>
/// The public datasets beside the repository (../shared/data, see its README), found by walking up from the test binary
/// to the directory holding GruNative.sln. Nothing is skipped when they are missing: CI has them.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<TimeSeriesTable> EttH1Table = new(() => CsvTableReader.Read(PathOf("ETTh1.csv"), new CsvReadOptions { DateColumn = "date" }));

    /// <summary>The full path of <paramref name="file"/> in the shared data directory.</summary>
    public static string PathOf(string file) => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", file));

    /// <summary>The repository's root: the directory holding GruNative.sln, above the test binary.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "GruNative.sln")))
                    return dir.FullName;
            }
            throw new InvalidOperationException($"No GruNative.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>ETTh1.csv, read once: the date column and 7 numeric columns.</summary>
    public static TimeSeriesTable EttH1 => EttH1Table.Value;

    /// <summary>
    /// One column of ETTh1.csv read without the library: split each line on ',' and parse with double.Parse. The
    /// independent side of the tests that check the library's numbers.
    /// </summary>
    public static double[] EttH1ColumnIndependently(string column)
    {
        var lines = File.ReadAllLines(PathOf("ETTh1.csv"));
        int index = Array.IndexOf(lines[0].Split(','), column);
        return lines.Skip(1).Select(line => double.Parse(line.Split(',')[index], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}
