using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Analyses;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics;
using Actors.Reports;
using Actors.Teams;

namespace Actors.Analytics.Tests.Reports;

/// <summary>Reports as the job stores them: a real data_interpretation run plus hand-written charts.</summary>
internal static class ReportFixtures
{
    public const string JobId = "job-7f3a";
    public const string HostileColumn = "<script>alert(1)</script>";
    public const string PipedColumn = "notes|pipe";
    public const string HostileFindingTitle = "<script>alert('finding')</script> & friends";
    public const int SeriesLength = 24;
    public static readonly int[] AnomalyIndices = [5, 17];
    public const int ForecastLength = 4;

    /// <summary>
    /// 30 rows: y ≈ 2x (redundant), a hostile-named column tracking x loosely, a mostly missing column
    /// whose name holds a pipe, a constant country and one huge amount.
    /// </summary>
    public static string Csv()
    {
        var random = new Random(7);
        var csv = new StringBuilder($"id,x,y,{HostileColumn},{PipedColumn},country,amount\n");
        for (var i = 0; i < 30; i++)
        {
            var x = Math.Round((i * 1.5) + random.NextDouble(), 2);
            var y = Math.Round((2 * x) + random.NextDouble(), 3);
            var hostile = Math.Round(x + (random.NextDouble() * 12) - 6, 2);
            var note = i % 4 == 0 ? $"note {i}" : "";
            var amount = i == 11 ? 5000 : Math.Round(10 + (random.NextDouble() * 5), 2);
            csv.Append(CultureInfo.InvariantCulture, $"{i},{x},{y},{hostile},{note},US,{amount}\n");
        }
        return csv.ToString();
    }

    /// <summary>A real data_interpretation team run, assembled as the job assembles its report (no LLM narrative).</summary>
    public static JsonObject DataInterpretation()
    {
        var analysis = new DataInterpretationAnalysis();
        var input = new AnalysisInput(analysis.Type, TableReader.FromCsv(Csv()), null, new Dictionary<string, string>());
        var team = TeamLibrary.For(analysis.Type) ?? TeamTemplate.InSequence(analysis);
        var (body, steps) = new TeamRun(team, analysis, input)
            .RunAsync(new Dictionary<string, string>(), _ => Task.CompletedTask, CancellationToken.None).GetAwaiter().GetResult();
        return ReportAssembler.Assemble(new ReportAssembler.Parts(JobId, analysis.Type, team, body, steps, Narrative: null, Attempts: 1));
    }

    /// <summary>The data_interpretation report plus a hostile finding and one chart of each hand-written kind.</summary>
    public static JsonObject WithCharts()
    {
        var report = DataInterpretation();
        report["findings"]!.AsArray().Add(new JsonObject
        {
            ["title"] = HostileFindingTitle,
            ["severity"] = "warning",
            ["detail"] = "x < y && y > z",
            ["evidence"] = new JsonObject { ["column"] = "<b>bold</b>", ["value"] = 3 },
        });
        var charts = report["charts"]!.AsArray();
        charts.Add(Line());
        charts.Add(new JsonObject
        {
            ["kind"] = "bar",
            ["title"] = "Mean waiting time per activity",
            ["unit"] = "s",
            ["bars"] = new JsonArray(Bar("Register", 120.5), Bar("Approve <fast>", 3600), Bar("Ship", 42)),
        });
        charts.Add(Pareto());
        return report;
    }

    /// <summary>A monthly series with a linear trend, two anomalies and a forecast continuing it.</summary>
    public static JsonObject Line()
    {
        var points = new JsonArray();
        var trend = new JsonArray();
        for (var i = 0; i < SeriesLength; i++)
        {
            var t = new DateTime(2023, 1, 1).AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var value = 100 + (i * 3.5) + (AnomalyIndices.Contains(i) ? 60 : Math.Sin(i) * 4);
            points.Add(new JsonObject { ["t"] = t, ["value"] = value });
            trend.Add(new JsonObject { ["t"] = t, ["value"] = 100 + (i * 3.5) });
        }
        var forecast = new JsonArray();
        for (var j = 0; j < ForecastLength; j++)
        {
            var t = new DateTime(2023, 1, 1).AddMonths(SeriesLength + j).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            forecast.Add(new JsonObject { ["t"] = t, ["value"] = 100 + ((SeriesLength + j) * 3.5) });
        }
        return new JsonObject
        {
            ["kind"] = "line",
            ["series"] = "revenue",
            ["points"] = points,
            ["trend"] = trend,
            ["anomalies"] = new JsonArray([.. AnomalyIndices.Select(i => (JsonNode)i)]),
            ["forecast"] = forecast,
        };
    }

    public static JsonObject Pareto() => new()
    {
        ["kind"] = "pareto",
        ["title"] = "Cost by category",
        ["items"] = new JsonArray(
            new JsonObject { ["category"] = "shipping", ["value"] = 500, ["cumulative_pct"] = 50 },
            new JsonObject { ["category"] = "returns", ["value"] = 300, ["cumulative_pct"] = 80 },
            new JsonObject { ["category"] = "support", ["value"] = 150, ["cumulative_pct"] = 95 },
            new JsonObject { ["category"] = "other", ["value"] = 50, ["cumulative_pct"] = 100 }),
    };

    public static JsonObject Bar(string label, double value) => new() { ["label"] = label, ["value"] = value };
}
