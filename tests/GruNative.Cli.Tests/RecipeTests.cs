using GruNative.TestKit;

namespace GruNative.Cli.Tests;

/// <summary>
/// Every recipe in docs/recipes/ (a response file of the CLI holding every option but <c>--data</c> and <c>--output</c>)
/// still parses with the command its first line names, so none rots as options change.
/// </summary>
public class RecipeTests
{
    public static TheoryData<string> Recipes()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "docs", "recipes"), "*.rsp").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [InlineData("etth1-s-96.rsp")]
    [InlineData("etth1-m-96.rsp")]
    [InlineData("monthly.rsp")]
    public void The_recommended_recipes_exist(string recipe) =>
        Assert.True(File.Exists(Path.Combine(SharedData.RepositoryRoot, "docs", "recipes", recipe)), recipe);

    [Theory]
    [MemberData(nameof(Recipes))]
    public void A_recipe_names_its_command_and_parses_with_it(string recipe)
    {
        string path = Path.Combine(SharedData.RepositoryRoot, "docs", "recipes", recipe);
        string first = File.ReadLines(path).First();
        Assert.Matches("^# grunative (train|compare)(:|$)", first);
        string command = first.Split(' ')[2].TrimEnd(':');
        var parse = CommandLine.Create().Parse([command, "@" + path, "--data", "data.csv", "--output", "out"]);
        // A recipe holding --data or --output would give it twice: an error too.
        Assert.True(parse.Errors.Count == 0, $"{recipe}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
    }
}
