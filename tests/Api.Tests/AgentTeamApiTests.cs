namespace Actors.Api.Tests;

/// <summary>Team templates whose steps name a goal (agent steps), as docs/agents.md shows them.</summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class AgentTeamApiTests(ActorsNode node)
{
    private static string Team(string name, string goal) => JsonSerializer.Serialize(new
    {
        name,
        analysis_type = "custom_analysis",
        strategy = "sequential",
        steps = new object[]
        {
            new { tool = "profile", agent = "data_interpreter" },
            new { tool = "intent", agent = "business_analyst", depends_on = new[] { "profile" } },
            new { tool = "answer", agent = "business_analyst", depends_on = new[] { "profile", "intent" }, goal },
            new { tool = "report", agent = "report_writer", depends_on = new[] { "profile", "intent", "answer" } },
        },
    });

    [Fact]
    public async Task A_team_with_a_goal_is_registered_and_reads_back_with_it()
    {
        var name = "invest_" + Guid.NewGuid().ToString("N")[..8];

        using var created = await node.Demo.PostAsync("/api/v1/teams", Bodies.Json(Team(name, "Answer the question from the data: which region to invest in, and why.")));
        var teams = await node.Demo.GetJsonAsync("/api/v1/teams");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var team = teams.EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);
        Assert.Contains("which region to invest in", team.GetRawText());
    }

    [Fact]
    public async Task A_goal_past_its_bound_is_an_invalid_team()
    {
        using var response = await node.Demo.PostAsync("/api/v1/teams", Bodies.Json(Team("too_long_goal", new string('g', 1_001))));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_team");
        Assert.Contains("goal is 1 to 1000 characters", problem.GetRawText());
    }
}
