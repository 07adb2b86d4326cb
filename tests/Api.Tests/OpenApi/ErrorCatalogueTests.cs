using System.Reflection;
using System.Text.RegularExpressions;
using Actors.Api.Problems;

namespace Actors.Api.Tests.OpenApi;

/// <summary>docs/errors.md and <see cref="ProblemCodes"/> list the same codes, each with its status.</summary>
public sealed partial class ErrorCatalogueTests
{
    /// <summary>A row of the first table: <c>| `code` | 404 | meaning |</c>.</summary>
    [GeneratedRegex(@"^\|\s*`(?<code>[a-z0-9_]+)`\s*\|\s*(?<status>[^|]*?)\s*\|")]
    private static partial Regex Row();

    private static IReadOnlyList<string> CodesInSource() =>
        [.. typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)];

    /// <summary>The rows of the catalogue's first table, read at run time (others add codes).</summary>
    private static Dictionary<string, string> CodesInCatalogue()
    {
        var lines = File.ReadAllLines(CataloguePath());
        var table = lines.SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|'));
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in table)
        {
            if (Row().Match(line) is { Success: true } row)
            {
                rows[row.Groups["code"].Value] = row.Groups["status"].Value;
            }
        }
        return rows;
    }

    private static string CataloguePath() => Repository.PathOf("docs", "errors.md");

    [Fact]
    public void Every_problem_code_is_in_the_catalogue_with_an_HTTP_status()
    {
        var catalogue = CodesInCatalogue();

        foreach (var code in CodesInSource())
        {
            Assert.True(catalogue.TryGetValue(code, out var status), $"docs/errors.md has no row for '{code}'");
            Assert.True(int.TryParse(status, out var number) && number is >= 400 and <= 599,
                $"docs/errors.md gives '{code}' the status '{status}', not a 4xx or 5xx status");
        }
    }

    [Fact]
    public void Every_code_in_the_catalogue_is_a_problem_code()
    {
        var codes = CodesInSource().ToHashSet(StringComparer.Ordinal);

        var unknown = CodesInCatalogue().Keys.Where(code => !codes.Contains(code)).ToList();

        Assert.NotEmpty(codes);
        Assert.True(unknown.Count == 0, "docs/errors.md lists codes ProblemCodes does not have: " + string.Join(", ", unknown));
    }
}
