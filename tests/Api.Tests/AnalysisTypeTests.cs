using System.Globalization;
using System.Text;

namespace Actors.Api.Tests;

/// <summary>Each analysis type through the API, with metrics the test computes itself.</summary>
[Collection(ActorsNodeCollection.Name)]
public sealed class AnalysisTypeTests(ActorsNode node)
{
    private async Task<JsonElement> RunAsync(object body)
    {
        var jobId = await node.Demo.SubmitAndCompleteAsync(JsonSerializer.Serialize(body));
        return await node.Demo.GetJsonAsync($"{ApiCalls.Analyses}/{jobId}/result");
    }

    [Fact]
    public async Task Trend_analysis_recovers_a_known_line_and_forecasts_it()
    {
        // revenue = 3·i + 2 over 24 months: slope 3, intercept 2, r² 1, growth (71 − 2) / 2 = 3450 %.
        var csv = new StringBuilder("month,revenue\n");
        for (var i = 0; i < 24; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{new DateOnly(2024, 1, 1).AddMonths(i):yyyy-MM-dd},{3 * i + 2}\n");
        }

        var report = await RunAsync(new { type = "trend_analysis", csv = csv.ToString() });

        var series = report.GetProperty("metrics").GetProperty("series").GetProperty("revenue");
        Assert.Equal(24, series.GetProperty("n").GetInt32());
        Assert.Equal(3.0, series.GetProperty("slope_per_period").GetDouble(), 6);
        Assert.Equal(2.0, series.GetProperty("intercept").GetDouble(), 6);
        Assert.Equal(1.0, series.GetProperty("r2").GetDouble(), 6);
        Assert.Equal(3450.0, series.GetProperty("growth_pct").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, series.GetProperty("seasonality_period").ValueKind);
        Assert.Empty(series.GetProperty("anomalies").EnumerateArray());
        var forecast = series.GetProperty("forecast").EnumerateArray().ToList();
        Assert.NotEmpty(forecast);
        Assert.Equal(74.0, forecast[0].GetProperty("value").GetDouble(), 3);
        Assert.Equal("2026-01-01", forecast[0].GetProperty("t").GetString());
    }

    [Fact]
    public async Task Process_analysis_measures_waits_cycle_times_rework_and_variants()
    {
        // Three cases (seconds): c1 A0 B10 C40; c2 A0 B20 C50; c3 A0 B5 B25 C35 (rework on B).
        const string csv = "case_id,activity,timestamp\nc1,A,0\nc1,B,10\nc1,C,40\nc2,A,0\nc2,B,20\nc2,C,50\nc3,A,0\nc3,B,5\nc3,B,25\nc3,C,35\n";
        // Waits: B: (10 + 20 + 5 + 20) / 4 = 13.75; C: (30 + 30 + 10) / 3 = 23.33…; cycle times 40, 50, 35.

        var report = await RunAsync(new { type = "process_analysis", csv });

        var metrics = report.GetProperty("metrics");
        Assert.Equal(3, metrics.GetProperty("cases").GetInt32());
        Assert.Equal(10, metrics.GetProperty("events").GetInt32());
        Assert.Equal(4, metrics.GetProperty("activities").GetProperty("B").GetProperty("count").GetInt32());
        Assert.Equal(13.75, metrics.GetProperty("activities").GetProperty("B").GetProperty("mean_wait_s").GetDouble(), 2);
        Assert.Equal(70.0 / 3, metrics.GetProperty("activities").GetProperty("C").GetProperty("mean_wait_s").GetDouble(), 2);
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("activities").GetProperty("A").GetProperty("mean_wait_s").ValueKind);
        Assert.Equal("C", metrics.GetProperty("bottleneck_activity").GetString());
        Assert.Equal(125.0 / 3, metrics.GetProperty("mean_cycle_time_s").GetDouble(), 2);
        Assert.Equal(40.0, metrics.GetProperty("median_cycle_time_s").GetDouble(), 6);
        Assert.Equal(1, metrics.GetProperty("rework_cases").GetInt32());
        var variants = metrics.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal("A > B > C", variants[0].GetProperty("path").GetString());
        Assert.Equal(2, variants[0].GetProperty("cases").GetInt32());
        Assert.Equal("process_optimizer", report.GetProperty("provenance").GetProperty("team").GetProperty("manager").GetString());
    }

    [Fact]
    public async Task Optimization_review_finds_the_vital_few_categories()
    {
        // Totals: A 500, B 300, C 100, D 60, E 40 (sum 1000): A + B = 80 % → the vital few are A and B.
        const string csv = "product,revenue\nA,300\nB,300\nA,200\nC,100\nD,60\nE,40\n";

        var report = await RunAsync(new { type = "optimization_review", csv });

        var pareto = report.GetProperty("metrics").GetProperty("pareto");
        Assert.Equal(1000.0, pareto.GetProperty("total").GetDouble(), 6);
        Assert.Equal(["A", "B"], pareto.GetProperty("vital_few").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(80.0, pareto.GetProperty("vital_few_value_pct").GetDouble(), 6);
        Assert.Equal(40.0, pareto.GetProperty("vital_few_share_pct").GetDouble(), 6);
        Assert.Equal("parallel", report.GetProperty("provenance").GetProperty("team").GetProperty("strategy").GetString());
    }

    [Fact]
    public async Task Custom_analysis_answers_a_question_the_tools_can_answer_and_says_when_it_needs_an_llm()
    {
        const string csv = "region,revenue\nnorth,100\nsouth,250\nnorth,130\neast,90\n";

        var answered = await RunAsync(new { type = "custom_analysis", csv, question = "What is the average revenue?" });
        var needsLlm = await RunAsync(new { type = "custom_analysis", csv, question = "Why did revenue drop?" });

        var metrics = answered.GetProperty("metrics");
        Assert.False(metrics.GetProperty("needs_llm").GetBoolean());
        var answer = metrics.GetProperty("answers").EnumerateArray().Single();
        Assert.Equal(142.5, answer.GetProperty("value").GetDouble(), 6);
        Assert.Contains("142.5", answered.GetProperty("summary").GetString());
        Assert.True(needsLlm.GetProperty("metrics").GetProperty("needs_llm").GetBoolean());
        Assert.Contains("LLM", needsLlm.GetProperty("summary").GetString());
        var consensus = answered.GetProperty("provenance").GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("tool").GetString() == "answer");
        Assert.Equal(2, consensus.GetProperty("agents").GetArrayLength());
        Assert.Equal("unanimous", consensus.GetProperty("merge").GetString());
    }
}
