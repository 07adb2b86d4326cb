using Actors.Agents;

namespace Actors.Analytics.Tests.Agents;

public sealed class AgentDisagreementTests
{
    private static AgentAnswer Answer(double north, string severity, string recommendation) => new("s",
        [new AgentFinding("North leads", severity, "d", [new AgentEvidence("group_by", "north.sum", north)])],
        [new AgentRecommendation(recommendation, "d", "high", "low")]);

    [Fact]
    public void AnswersThatStateTheSameThingsAgree()
    {
        Assert.Empty(AgentDisagreement.Between([("a", Answer(650, "info", "Invest north")), ("b", Answer(650.00001, "info", "invest north "))]));
    }

    [Fact]
    public void DifferentEvidenceSeverityAndFirstRecommendationAreEachNamedWithTheirAgents()
    {
        var points = AgentDisagreement.Between([("analyst", Answer(650, "info", "Invest north")), ("interpreter", Answer(700, "warning", "Fix the south"))]);

        Assert.Equal(3, points.Count);
        Assert.Contains("'north.sum' is 650 (analyst) vs 700 (interpreter).", points);
        Assert.Contains("'North leads' is rated info (analyst) vs warning (interpreter).", points);
        Assert.Contains("First recommendations differ: 'Invest north' (analyst); 'Fix the south' (interpreter).", points);
    }
}
