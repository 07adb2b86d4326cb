using System.Text.Json.Nodes;
using Actors.Reports;
using Actors.Teams;

namespace Actors.Analytics.Tests.Reports;

public sealed class ReportAssemblerTests
{
    private static readonly TeamTemplate Team = new("review", "optimization_review", TeamTemplate.Hierarchical,
        [new TeamStep("ratios", "analyst"), new TeamStep("report", "report_writer", DependsOn: ["ratios"])]);

    private static readonly TeamStepRecord[] Steps =
    [
        new("ratios", ["analyst"], Skipped: true, 0, [], null, null, 0),
        new("report", ["report_writer"], Skipped: false, 1, ["thin evidence"], null, "manager", 12.5),
    ];

    private static JsonObject Body() => new()
    {
        ["summary"] = "Revenue rose 12%.",
        ["kpis"] = new JsonArray(new JsonObject { ["name"] = "growth", ["value"] = 12, ["unit"] = "%" }),
    };

    private static JsonObject Assemble(JsonObject? narrative) =>
        ReportAssembler.Assemble(new ReportAssembler.Parts("job-1", "optimization_review", Team, Body(), Steps, narrative, Attempts: 2));

    [Fact]
    public void Without_a_narrative_the_statistical_summary_stands()
    {
        var report = Assemble(narrative: null);

        Assert.Equal("job-1", report["job_id"]!.GetValue<string>());
        Assert.Equal("optimization_review", report["type"]!.GetValue<string>());
        Assert.Equal("Revenue rose 12%.", report["summary"]!.GetValue<string>());
        Assert.Equal(12, report["kpis"]![0]!["value"]!.GetValue<int>());
        Assert.Equal("statistical", report["narrative"]!["engine"]!.GetValue<string>());
        Assert.Equal("not_run", report["narrative"]!["grounding"]!.GetValue<string>());
        Assert.Null(report["narrative"]!["statistical_summary"]);
        Assert.Equal(0, report["usage"]!["input_tokens"]!.GetValue<int>());
        Assert.Empty(report["usage"]!["calls"]!.AsArray());
    }

    [Fact]
    public void An_llm_summary_replaces_the_statistical_one_which_is_kept_beside_it()
    {
        var report = Assemble(new JsonObject
        {
            ["engine"] = "ollama:llama3",
            ["summary"] = "Revenue grew by 12% over the year.",
            ["grounding"] = "grounded",
            ["issues"] = new JsonArray(),
            ["agent"] = "report_writer",
            ["tiers"] = new JsonArray(new JsonObject { ["provider"] = "ollama", ["outcome"] = "answered" }),
            ["calls"] = new JsonArray(new JsonObject { ["provider"] = "ollama", ["input_tokens"] = 120 }),
            ["input_tokens"] = 120,
            ["output_tokens"] = 40,
            ["cost_usd"] = 0.002m,
        });

        Assert.Equal("Revenue grew by 12% over the year.", report["summary"]!.GetValue<string>());
        Assert.Equal("Revenue rose 12%.", report["narrative"]!["statistical_summary"]!.GetValue<string>());
        Assert.Equal("grounded", report["narrative"]!["grounding"]!.GetValue<string>());
        Assert.Equal("ollama:llama3", report["provenance"]!["engine"]!.GetValue<string>());
        Assert.Equal("report_writer", report["provenance"]!["narrative"]!["agent"]!.GetValue<string>());
        Assert.Equal("answered", report["provenance"]!["narrative"]!["tiers"]![0]!["outcome"]!.GetValue<string>());
        Assert.Equal(120, report["usage"]!["input_tokens"]!.GetValue<int>());
        Assert.Equal(40, report["usage"]!["output_tokens"]!.GetValue<int>());
        Assert.Equal(0.002m, report["usage"]!["cost_usd"]!.GetValue<decimal>());
        Assert.Single(report["usage"]!["calls"]!.AsArray());
    }

    [Fact]
    public void Provenance_names_the_team_every_step_and_only_the_tools_that_ran()
    {
        var provenance = Assemble(narrative: null)["provenance"]!;

        Assert.Equal(2, provenance["attempts"]!.GetValue<int>());
        Assert.Equal("review", provenance["team"]!["name"]!.GetValue<string>());
        Assert.Equal("hierarchical", provenance["team"]!["strategy"]!.GetValue<string>());
        Assert.Equal("business_analyst", provenance["team"]!["manager"]!.GetValue<string>());
        var steps = provenance["steps"]!.AsArray();
        Assert.Equal(["ratios", "report"], steps.Select(s => s!["name"]!.GetValue<string>()));
        Assert.All(steps, s => Assert.Equal("statistical", s!["engine"]!.GetValue<string>()));
        Assert.True(steps[0]!["skipped"]!.GetValue<bool>());
        Assert.Equal(1, steps[1]!["review_rounds"]!.GetValue<int>());
        Assert.Equal(["report"], provenance["tools"]!.AsArray().Select(t => t!.GetValue<string>()));
    }
}
