using Actors.Agents;
using Actors.Analyses;
using Actors.Teams;

namespace Actors.Grains.Tests.Teams;

public sealed class TeamValidatorTests
{
    private static readonly AnalysisCatalog Catalog = new([new TeamTestAnalysis()]);

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Agents = BuiltInAgents.All.Values
        .Select(a => a.Name is BuiltInAgentNames.DataInterpreter or BuiltInAgentNames.BusinessAnalyst ? a with { Tools = [.. a.Tools, "a", "b", "c"] } : a)
        .ToolsByAgent();

    private static TeamTemplate Valid => new("mine", "test_team", TeamTemplate.Parallel,
    [
        new TeamStep("a", Agent: BuiltInAgentNames.DataInterpreter),
        new TeamStep("b", Agent: BuiltInAgentNames.DataInterpreter),
        new TeamStep("c", Agent: BuiltInAgentNames.BusinessAnalyst, DependsOn: ["a", "b"], When: "a.value > 1"),
        new TeamStep("report", Agent: BuiltInAgentNames.ReportWriter, DependsOn: ["c"], Review: new StepReview(BuiltInAgentNames.QualityReviewer, 2)),
    ]);

    private static IReadOnlyList<string> ProblemsOf(TeamTemplate team) => TeamValidator.Problems(team, Catalog, Agents);

    [Fact]
    public void AWellFormedTemplateHasNoProblems() => Assert.Empty(ProblemsOf(Valid));

    [Fact]
    public void AStepWithAGoalIsAnAgentStepAndItsGoalIsBounded()
    {
        var agentStep = Valid with { Steps = [Valid.Steps[0] with { Goal = "Find what moves revenue." }, .. Valid.Steps.Skip(1)] };
        var blank = Valid with { Steps = [Valid.Steps[0] with { Goal = " " }, .. Valid.Steps.Skip(1)] };
        var tooLong = Valid with { Steps = [Valid.Steps[0] with { Goal = new string('g', TeamStep.MaxGoalChars + 1) }, .. Valid.Steps.Skip(1)] };

        Assert.Empty(ProblemsOf(agentStep));
        Assert.True(agentStep.Steps[0].IsAgentStep);
        Assert.False(agentStep.Steps[1].IsAgentStep);
        Assert.Contains(ProblemsOf(blank), p => p.Contains("step 'a': goal is 1 to 1000 characters"));
        Assert.Contains(ProblemsOf(tooLong), p => p.Contains("step 'a': goal is 1 to 1000 characters"));
        Assert.Equal("Find what moves revenue.", TeamTemplate.Parse(agentStep.ToJson()).Steps[0].Goal);
        Assert.Contains("\"goal\":\"Find what moves revenue.\"", agentStep.ToJson());
    }

    [Fact]
    public void ACycleIsRefusedAndShown()
    {
        var team = Valid with { Steps = [.. Valid.Steps.Take(3).Select(s => s.Tool == "a" ? s with { DependsOn = ["c"] } : s), Valid.Steps[3]] };

        var problem = Assert.Single(ProblemsOf(team));

        Assert.Contains("cycle", problem);
        Assert.Contains("a -> c", problem.Replace("c -> a", "a -> c", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown agent 'nobody'")]
    public void AnUnknownAgentIsRefused(string expected)
    {
        var team = Valid with { Steps = [Valid.Steps[0] with { Agent = "nobody" }, .. Valid.Steps.Skip(1)] };

        Assert.Contains(ProblemsOf(team), p => p.Contains(expected));
    }

    [Fact]
    public void AnUnknownToolAndAMissingReportStepAreRefused()
    {
        var team = Valid with { Steps = [new TeamStep("zzz", Agent: BuiltInAgentNames.DataInterpreter)] };

        var problems = ProblemsOf(team);

        Assert.Contains(problems, p => p.Contains("step 'zzz': unknown tool"));
        Assert.Contains(problems, p => p.Contains("no 'report' step"));
    }

    [Fact]
    public void AnAgentWithoutTheToolIsRefused()
    {
        var team = Valid with { Steps = [Valid.Steps[0] with { Agent = BuiltInAgentNames.ReportWriter }, .. Valid.Steps.Skip(1)] };

        Assert.Contains(ProblemsOf(team), p => p.Contains("agent 'report_writer' may not use tool 'a'"));
    }

    [Fact]
    public void SeveralAgentsOnAStepNeedTheConsensusStrategy()
    {
        var several = Valid.Steps[2] with { Agent = null, Agents = [BuiltInAgentNames.BusinessAnalyst, BuiltInAgentNames.DataInterpreter] };
        var team = Valid with { Steps = [Valid.Steps[0], Valid.Steps[1], several, Valid.Steps[3]] };

        Assert.Contains(ProblemsOf(team), p => p.Contains("only under the consensus strategy"));
        Assert.Empty(ProblemsOf(team with { Strategy = TeamTemplate.Consensus }));
    }

    [Fact]
    public void AConditionOnAStepThatIsNotUpstreamIsRefused()
    {
        var team = Valid with { Steps = [Valid.Steps[0], Valid.Steps[1] with { When = "a.value > 1" }, Valid.Steps[2], Valid.Steps[3]] };

        Assert.Contains(ProblemsOf(team), p => p.Contains("step 'b': its condition reads 'a'"));
    }

    [Fact]
    public void AnUnknownStrategyAndABadReviewAreRefused()
    {
        var team = Valid with { Strategy = "anarchy", Steps = [.. Valid.Steps.Take(3), Valid.Steps[3] with { Review = new StepReview(BuiltInAgentNames.ReportWriter, 3) }] };

        var problems = ProblemsOf(team);

        Assert.Contains(problems, p => p.Contains("strategy 'anarchy'"));
        Assert.Contains(problems, p => p.Contains("max_rounds"));
        Assert.Contains(problems, p => p.Contains("may not review"));
    }

    [Fact]
    public void TemplateJsonWithAnUnknownFieldIsRefused()
    {
        var error = Assert.Throws<TeamDefinitionException>(() => TeamTemplate.Parse("""{"name":"x","analysis_type":"test_team","strategy":"sequential","steps":[],"colour":"red"}"""));

        Assert.Contains("colour", error.Message);
    }

    [Fact]
    public void EveryShippedTeamIsValidForItsAnalysisType()
    {
        var catalog = new AnalysisCatalog(new ServiceCollectionAnalyses().All);

        Assert.NotEmpty(TeamLibrary.BuiltIn);
        foreach (var team in TeamLibrary.BuiltIn.Values)
        {
            Assert.Empty(TeamValidator.Problems(team, catalog, BuiltInAgents.All.Values.ToolsByAgent()));
        }
        foreach (var type in catalog.SupportedTypes)
        {
            Assert.True(TeamLibrary.For(type) is not null, $"no team is shipped for {type}");
        }
    }
}
