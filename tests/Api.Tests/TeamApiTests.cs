namespace Actors.Api.Tests;

[Collection(ActorsNodeCollection.Name)]
public sealed class TeamApiTests(ActorsNode node)
{
    private const string Teams = "/api/v1/teams";

    private static string SequentialTeam(string name, string? extraDependency = null) => JsonSerializer.Serialize(new
    {
        name,
        analysis_type = "data_interpretation",
        strategy = "sequential",
        steps = new object[]
        {
            new { tool = "profile", agent = "data_interpreter", depends_on = extraDependency is null ? Array.Empty<string>() : [extraDependency] },
            new { tool = "correlate", agent = "data_interpreter", depends_on = new[] { "profile" } },
            new { tool = "outliers", agent = "data_interpreter", depends_on = new[] { "correlate" } },
            new { tool = "report", agent = "report_writer", depends_on = new[] { "profile", "correlate", "outliers" } },
        },
    });

    [Fact]
    public async Task The_shipped_teams_are_listed()
    {
        var teams = await node.Demo.GetJsonAsync(Teams);

        var shipped = teams.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "data_interpretation");
        Assert.True(shipped.GetProperty("built_in").GetBoolean());
        Assert.Equal("parallel", shipped.GetProperty("strategy").GetString());
    }

    [Fact]
    public async Task A_registered_team_runs_a_submitted_job()
    {
        var name = "seq_" + Guid.NewGuid().ToString("N")[..8];
        using var created = await node.Demo.PostAsync(Teams, Bodies.Json(SequentialTeam(name)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"{Teams}/{name}", created.Headers.Location?.OriginalString);

        var body = JsonSerializer.Serialize(new { type = "data_interpretation", csv = Bodies.SmallCsv, team = name });
        var jobId = await node.Demo.SubmitAndCompleteAsync(body);
        var report = await node.Demo.GetJsonAsync($"{ApiCalls.Analyses}/{jobId}/result");

        var team = report.GetProperty("provenance").GetProperty("team");
        Assert.Equal(name, team.GetProperty("name").GetString());
        Assert.Equal("sequential", team.GetProperty("strategy").GetString());
        Assert.Equal(["profile", "correlate", "outliers", "report"],
            report.GetProperty("provenance").GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("tool").GetString()));
    }

    [Fact]
    public async Task A_team_with_a_cycle_is_refused_with_the_cycle_named()
    {
        using var response = await node.Demo.PostAsync(Teams, Bodies.Json(SequentialTeam("cyclic", extraDependency: "outliers")));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_team");
        Assert.Contains("cycle", problem.GetProperty("detail").GetString());
        Assert.Contains(problem.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("profile"));
    }

    [Fact]
    public async Task A_team_with_an_unknown_agent_or_tool_is_refused()
    {
        var body = SequentialTeam("bad_team").Replace("\"correlate\",\"agent\":\"data_interpreter\"", "\"correlate\",\"agent\":\"ghost\"");
        using var unknownAgent = await node.Demo.PostAsync(Teams, Bodies.Json(body));
        using var unknownTool = await node.Demo.PostAsync(Teams, Bodies.Json(SequentialTeam("bad_tool").Replace("\"outliers\"", "\"dowsing\"")));

        var agentProblem = await unknownAgent.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_team");
        var toolProblem = await unknownTool.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_team");
        Assert.Contains("ghost", agentProblem.GetProperty("detail").GetString());
        Assert.Contains("dowsing", toolProblem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_team_cannot_take_a_built_in_name_and_needs_the_admin_scope()
    {
        using var taken = await node.Demo.PostAsync(Teams, Bodies.Json(SequentialTeam("data_interpretation")));
        using var forbidden = await node.Other.PostAsync(Teams, Bodies.Json(SequentialTeam("mine")));

        await taken.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_team");
        await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Submitting_with_an_unknown_team_or_another_types_team_is_refused()
    {
        var unknown = JsonSerializer.Serialize(new { type = "data_interpretation", csv = Bodies.SmallCsv, team = "no_such_team" });
        var name = "seq_" + Guid.NewGuid().ToString("N")[..8];
        using (await node.Demo.PostAsync(Teams, Bodies.Json(SequentialTeam(name)))) { }
        var otherTenant = JsonSerializer.Serialize(new { type = "data_interpretation", csv = Bodies.SmallCsv, team = name });

        using var unknownResponse = await node.Demo.SubmitAsync(unknown);
        using var otherTenantResponse = await node.Other.SubmitAsync(otherTenant);

        var problem = await unknownResponse.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("team", out _));
        await otherTenantResponse.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
    }
}
