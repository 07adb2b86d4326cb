using System.Text.Json.Nodes;
using Actors.Agents;
using Actors.Analyses;

namespace Actors.Analytics.Tests.Agents;

/// <summary>The analytics an agent calls are the analyses' own steps: the same numbers as the statistical engine, with the fields the model names.</summary>
public sealed class AnalyticsToolsTests
{
    private const string Sales = "month,sales,visits,region\n2025-01-01,100,1000,north\n2025-02-01,108,1180,south\n2025-03-01,115,1290,north\n2025-04-01,131,1555,east\n2025-05-01,129,1490,south\n2025-06-01,140,1600,north\n";
    private const string Log = "case_id,activity,timestamp\nc1,A,2025-01-01T09:00:00Z\nc1,B,2025-01-01T10:00:00Z\nc2,A,2025-01-01T09:00:00Z\nc2,B,2025-01-01T13:00:00Z\n";

    private static AnalysisInput Input(string csv, string type = "data_interpretation") =>
        AnalysisCatalog.ReadInput(type, null, csv, null, new Dictionary<string, string>());

    /// <summary>What the analysis type computes at <paramref name="step"/>, running its steps in order.</summary>
    private static JsonNode Engine(IAnalysis analysis, string step, AnalysisInput input)
    {
        var outputs = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var each in analysis.Steps)
        {
            outputs[each.Name] = each.Run(input, outputs, CancellationToken.None);
            if (each.Name == step)
            {
                return outputs[each.Name];
            }
        }
        throw new InvalidOperationException($"No step {step}.");
    }

    [Fact]
    public void ProfileCorrelationsAndOutliersAreTheDataInterpretationSteps()
    {
        var input = Input(Sales);
        var tools = new AnalyticsTools(input);
        var analysis = new Analyses.DataInterpretation.DataInterpretationAnalysis();

        Assert.True(JsonNode.DeepEquals(Engine(analysis, "profile", input), tools.Profile()));
        Assert.True(JsonNode.DeepEquals(Engine(analysis, "correlate", input), tools.Correlate()));
        Assert.True(JsonNode.DeepEquals(Engine(analysis, "outliers", input), tools.Outliers()));
    }

    [Fact]
    public void TrendFollowsTheNamedValueFieldAndLeavesThePlottedPointsOut()
    {
        var tools = new AnalyticsTools(Input(Sales));

        var visits = tools.Trend("month", "visits").AsObject();
        var detected = tools.Trend(null, null).AsObject();

        Assert.Equal(["visits"], visits["value_fields"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("month", visits["time_field"]!.GetValue<string>());
        Assert.False(visits.ContainsKey("lines"));
        var engine = Engine(new Analyses.Trend.TrendAnalysis(), "trend", Input(Sales, "trend_analysis")).AsObject();
        engine.Remove("lines");
        Assert.True(JsonNode.DeepEquals(engine, detected));
    }

    [Fact]
    public void ProcessMiningAndParetoAreTheirAnalysesSteps()
    {
        var log = Input(Log, "process_analysis");
        var sales = Input(Sales, "optimization_review");

        var mined = new AnalyticsTools(log).Process(null, null, null);
        var pareto = new AnalyticsTools(sales).Pareto("region", "sales").AsObject();

        Assert.True(JsonNode.DeepEquals(Engine(new Analyses.Process.ProcessAnalysis(), "mine", log), mined));
        Assert.Equal(("region", "sales", 723.0), (pareto["category_field"]!.GetValue<string>(), pareto["value_field"]!.GetValue<string>(), pareto["total"]!.GetValue<double>()));
    }

    [Fact]
    public void ATrendWithoutATimeFieldSaysWhichOptionToSet()
    {
        var tools = new AnalyticsTools(Input("a,b\nx,1\ny,2\n"));

        Assert.Contains("time_field", Assert.Throws<DataFormatException>(() => tools.Trend(null, null)).Message);
    }
}
