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
}
