namespace Actors.Api.Tests;

[Collection(ActorsNodeCollection.Name)]
public sealed class AgentApiTests(ActorsNode node)
{
    private const string Agents = "/api/v1/agents";

    private static string AgentBody(params string[] tools) => JsonSerializer.Serialize(new
    {
        role = "Finance Checker",
        goal = "Check the money columns.",
        instructions = "Quote only computed numbers.",
        tools,
        model_preference = "ollama/llama3",
    });

    [Fact]
    public async Task Every_tenant_has_the_five_built_in_agents()
    {
        var agents = await node.Demo.GetJsonAsync(Agents);

        var names = agents.EnumerateArray().Where(a => a.GetProperty("built_in").GetBoolean()).Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.Equal(["business_analyst", "data_interpreter", "process_optimizer", "quality_reviewer", "report_writer"], names.Order());
        var writer = await node.Demo.GetJsonAsync($"{Agents}/report_writer");
        Assert.Equal("Report Writer", writer.GetProperty("role").GetString());
        Assert.Contains("report", writer.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task An_unknown_agent_is_404()
    {
        using var response = await node.Demo.GetAsync($"{Agents}/nobody_here");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_tenant_adds_its_own_agent_and_other_tenants_do_not_see_it()
    {
        var name = "finance_" + Guid.NewGuid().ToString("N")[..8];

        using var put = await node.Demo.PutAsync($"{Agents}/{name}", Bodies.Json(AgentBody("profile", "review")));
        var listed = await node.Demo.GetJsonAsync(Agents);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var created = await put.ReadJsonAsync();
        Assert.False(created.GetProperty("built_in").GetBoolean());
        Assert.Equal("ollama/llama3", created.GetProperty("model_preference").GetString());
        Assert.Contains(listed.EnumerateArray(), a => a.GetProperty("name").GetString() == name);
        using var other = await node.Other.GetAsync($"{Agents}/{name}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Overriding_a_built_in_agent_changes_it_for_that_tenant_only()
    {
        // Keeps "review", so teams that use the quality reviewer stay valid for the other tests.
        using var put = await node.Demo.PutAsync($"{Agents}/quality_reviewer", Bodies.Json(AgentBody("review", "profile")));

        var mine = await node.Demo.GetJsonAsync($"{Agents}/quality_reviewer");
        var theirs = await node.Other.GetJsonAsync($"{Agents}/quality_reviewer");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True(mine.GetProperty("overridden").GetBoolean());
        Assert.Equal("Finance Checker", mine.GetProperty("role").GetString());
        Assert.False(theirs.GetProperty("overridden").GetBoolean());
        Assert.Equal("Quality Reviewer", theirs.GetProperty("role").GetString());
    }

    [Fact]
    public async Task An_agent_with_unknown_tools_or_a_bad_name_is_refused()
    {
        using var badTool = await node.Demo.PutAsync($"{Agents}/checker", Bodies.Json(AgentBody("telepathy")));
        using var badName = await node.Demo.PutAsync($"{Agents}/Bad-Name", Bodies.Json(AgentBody("profile")));

        var problem = await badTool.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("telepathy", problem.GetProperty("errors").GetProperty("tools")[0].GetString());
        await badName.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation_failed");
    }

    [Fact]
    public async Task Changing_an_agent_needs_the_admin_scope()
    {
        using var response = await node.Other.PutAsync($"{Agents}/checker", Bodies.Json(AgentBody("profile")));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Agents_count_the_steps_they_ran()
    {
        var before = (await node.Demo.GetJsonAsync($"{Agents}/report_writer")).GetProperty("usage").GetProperty("runs").GetInt64();

        await node.Demo.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));

        var usage = await Eventually.Until(
            async () => (await node.Demo.GetJsonAsync($"{Agents}/report_writer")).GetProperty("usage"),
            u => u.GetProperty("runs").GetInt64() > before,
            "the report writer to count the job's report step");
        Assert.True(usage.GetProperty("mean_latency_ms").GetDouble() >= 0);
    }
}
