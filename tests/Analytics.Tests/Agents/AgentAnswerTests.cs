using System.Text.Json.Nodes;
using Actors.Agents;

namespace Actors.Analytics.Tests.Agents;

/// <summary>An agent's structured answer: read against its schema, every problem named, and grounded number by number.</summary>
public sealed class AgentAnswerTests
{
    private const string Good = """
        {"summary":"North leads with 650 in revenue.",
         "findings":[{"title":"North leads","severity":"info","detail":"North sums to 650, south to 250.",
                      "evidence":[{"source":"group_by","name":"north.sum","value":650},{"source":"group_by","name":"south.sum","value":250}]}],
         "recommendations":[{"title":"Invest in the north","detail":"It brings 650 of revenue.","impact":"high","effort":"medium"}]}
        """;

    [Fact]
    public void AWellFormedAnswerIsReadAndItsNumbersTraceToWhatTheToolsReturned()
    {
        var (answer, problems) = AgentAnswer.Read(Good);

        Assert.Empty(problems);
        Assert.Equal("North leads with 650 in revenue.", answer!.Summary);
        Assert.Equal(("info", 2), (answer.Findings[0].Severity, answer.Findings[0].Evidence.Count));
        Assert.Equal(("high", "medium"), (answer.Recommendations[0].Impact, answer.Recommendations[0].Effort));
        Assert.Empty(answer.Ungrounded([650, 250, 90]));
    }

    [Fact]
    public void AnInventedNumberInTextOrEvidenceIsNamed()
    {
        var (answer, _) = AgentAnswer.Read(Good.Replace("south to 250", "south to 275").Replace("\"value\":250", "\"value\":251"));

        var issues = answer!.Ungrounded([650, 250]);

        Assert.Equal(2, issues.Count);
        Assert.Contains(issues, i => i.Contains("275") && i.StartsWith("Finding 1"));
        Assert.Contains(issues, i => i.Contains("'south.sum' is 251"));
    }

    [Fact]
    public void AFencedAnswerIsReadAndLevelsAreTakenInAnyCase()
    {
        var (answer, problems) = AgentAnswer.Read("```json\n" + Good.Replace("\"high\"", "\"High\"") + "\n```");

        Assert.Empty(problems);
        Assert.Equal("high", answer!.Recommendations[0].Impact);
    }

    [Theory]
    [InlineData("North leads.", "The answer is not a JSON object.")]
    [InlineData("""{"summary":"","findings":[],"recommendations":[]}""", "summary: must be a non-empty string.")]
    [InlineData("""{"summary":"s","findings":[],"recommendations":[]}""", "findings: give at least one finding.")]
    [InlineData("""{"summary":"s","recommendations":[]}""", "findings: must be a list.")]
    [InlineData("""{"summary":"s","findings":[{"title":"t","severity":"urgent","detail":"d","evidence":[]}],"recommendations":[]}""", "findings[0].severity: must be one of info, warning, critical.")]
    [InlineData("""{"summary":"s","findings":[{"title":"t","severity":"info","detail":"d","evidence":[{"source":"x","name":"n","value":"many"}]}],"recommendations":[]}""", "findings[0].evidence[0].value: must be a number.")]
    [InlineData("""{"summary":"s","findings":[{"title":"t","severity":"info","detail":"d","evidence":[]}],"recommendations":[{"title":"r","detail":"d","impact":"huge","effort":"low"}]}""", "recommendations[0].impact: must be one of low, medium, high.")]
    public void EachProblemIsNamed(string text, string problem)
    {
        var (answer, problems) = AgentAnswer.Read(text);

        Assert.Null(answer);
        Assert.Contains(problem, problems);
    }

    [Fact]
    public void TheReportShapeHasAnEvidenceObjectAndTheSchemaRequiresEveryProperty()
    {
        var report = AgentAnswer.Read(Good).Answer!.ToReportJson();
        var schema = AgentAnswer.Schema();

        Assert.Equal(650, report["findings"]![0]!["evidence"]!["north.sum"]!.GetValue<double>());
        Assert.Equal(["summary", "findings", "recommendations"], schema["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        var evidence = schema["properties"]!["findings"]!["items"]!["properties"]!["evidence"]!["items"]!.AsObject();
        Assert.Equal(["source", "name", "value"], evidence["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }
}
