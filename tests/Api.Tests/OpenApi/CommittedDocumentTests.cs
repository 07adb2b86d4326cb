using System.Text.Json.Nodes;
using Actors.Api.Tests.Operations;

namespace Actors.Api.Tests.OpenApi;

/// <summary>
/// docs/openapi.json, the document in the repository, is the one the node serves. The build writes its own
/// copy to src/Api/obj/openapi/openapi.json and never touches docs/: a change to the API fails this test until
/// someone runs <c>dotnet build src/Api -p:RefreshOpenApi=true</c> and commits the result.
/// </summary>
[Collection(OperatorNodeCollection.Name)]
public sealed class CommittedDocumentTests(OperatorNode node)
{
    private const string Refresh = "Refresh it with: dotnet build src/Api -p:RefreshOpenApi=true (then commit docs/openapi.json).";

    private static JsonNode Committed() =>
        JsonNode.Parse(File.ReadAllText(Repository.PathOf("docs", "openapi.json"))) ?? throw new InvalidDataException("docs/openapi.json is empty.");

    [Fact]
    public async Task The_served_document_is_the_committed_one()
    {
        using var client = node.NewClient();
        var served = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        AssertSame(Committed(), served, "the document the node serves");
    }

    [Fact]
    public void The_document_the_build_wrote_is_the_committed_one()
    {
        var built = Repository.PathOf("src", "Api", "obj", "openapi", "openapi.json");
        Assert.True(File.Exists(built), $"The build wrote no {built}.");

        AssertSame(Committed(), JsonNode.Parse(File.ReadAllText(built))!, "the document the build wrote");
    }

    [Fact]
    public void Statuses_types_priorities_and_event_kinds_are_enums()
    {
        var schemas = Committed()["components"]!["schemas"]!;

        Assert.Equal(["queued", "running", "completed", "failed", "cancelled", "awaiting_approval", "rejected"], Values(schemas["JobStatusResponse"]!["properties"]!["status"]!));
        Assert.Equal(["high", "normal", "low"], Values(schemas["JobStatusResponse"]!["properties"]!["priority"]!));
        Assert.Contains("trend_analysis", Values(schemas["JobStatusResponse"]!["properties"]!["type"]!));
        Assert.Contains("completed", Values(schemas["JobEventData"]!["properties"]!["event"]!));
        Assert.Equal("A job's status as the API shows it.", schemas["JobStatusResponse"]!["description"]!.GetValue<string>());
    }

    private static List<string> Values(JsonNode property) =>
        [.. property["enum"]!.AsArray().Where(v => v is not null).Select(v => v!.GetValue<string>())];

    private static void AssertSame(JsonNode committed, JsonNode other, string what)
    {
        if (JsonNode.DeepEquals(committed, other))
        {
            return;
        }
        Assert.Fail($"docs/openapi.json differs from {what} at {FirstDifference(committed, other, "$")}. {Refresh}");
    }

    /// <summary>The JSON path of the first difference, so the failure says where to look.</summary>
    private static string FirstDifference(JsonNode? a, JsonNode? b, string path)
    {
        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                foreach (var name in x.Select(p => p.Key).Union(y.Select(p => p.Key)))
                {
                    if (!x.ContainsKey(name) || !y.ContainsKey(name))
                    {
                        return $"{path}.{name} (only in {(x.ContainsKey(name) ? "docs/openapi.json" : "the other")})";
                    }
                    if (!JsonNode.DeepEquals(x[name], y[name]))
                    {
                        return FirstDifference(x[name], y[name], $"{path}.{name}");
                    }
                }
                return path;
            case (JsonArray x, JsonArray y) when x.Count == y.Count:
                for (var i = 0; i < x.Count; i++)
                {
                    if (!JsonNode.DeepEquals(x[i], y[i]))
                    {
                        return FirstDifference(x[i], y[i], $"{path}[{i}]");
                    }
                }
                return path;
            default:
                return $"{path}: {a?.ToJsonString() ?? "null"} vs {b?.ToJsonString() ?? "null"}";
        }
    }
}
