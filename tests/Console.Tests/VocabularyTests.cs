using Actors.Jobs;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Actors.Console.Tests;

/// <summary>
/// The words the pages offer (assets/vocabulary.js) are the API's: a status the API gains (as
/// awaiting_approval and rejected did) fails here until the console can filter by it and draw its badge.
/// </summary>
public sealed partial class VocabularyTests
{
    private static readonly string Vocabulary = File.ReadAllText(Repository.PathOf("src", "Api", "WebConsole", "assets", "vocabulary.js"));

    [Fact]
    public void The_console_offers_every_status_the_api_has_and_draws_a_badge_for_each()
    {
        var document = JsonNode.Parse(File.ReadAllText(Repository.PathOf("docs", "openapi.json")))!;
        var api = document["components"]!["schemas"]!["JobStatusResponse"]!["properties"]!["status"]!["enum"]!.AsArray()
            .Where(v => v is not null).Select(v => v!.GetValue<string>()).Order().ToList();
        var stylesheet = File.ReadAllText(Repository.PathOf("src", "Api", "WebConsole", "assets", "console.css"));

        Assert.Equal(api, List("STATUSES").Order().ToList());
        Assert.All(List("STATUSES"), status => Assert.Contains($".badge-{status}", stylesheet, StringComparison.Ordinal));
    }

    [Fact]
    public void The_final_statuses_are_the_apis_final_ones()
    {
        var final = Enum.GetValues<JobStatus>().Where(s => s.IsTerminal()).Select(s => s.ToWire()).Order();

        Assert.Equal(final, List("TERMINAL").Order());
    }

    private static List<string> List(string name)
    {
        var match = Regex.Match(Vocabulary, $@"export const {name} = \[(?<items>[^\]]*)\];");
        Assert.True(match.Success, $"vocabulary.js has no {name} list");
        return [.. QuotedWord().Matches(match.Groups["items"].Value).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("'([a-z_]+)'")]
    private static partial Regex QuotedWord();
}
