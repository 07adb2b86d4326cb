using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Actors.Reports;

/// <summary>
/// The report as one self-contained HTML5 page: inline CSS, inline SVG charts, no scripts and no
/// external resources, so it can be saved or mailed as a single file. The markup is also well-formed
/// XML (closed tags, quoted attributes, numeric character references only) so it can be checked and
/// post-processed with XML tools.
/// </summary>
public static class HtmlReport
{
    private const string Style =
        """
        body{margin:0;background:#f6f7f9;color:#222;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        main{max-width:960px;margin:0 auto;padding:24px 20px 48px}
        h1{font-size:26px;margin:0 0 8px}
        h2{font-size:19px;margin:32px 0 10px;border-bottom:1px solid #dde1e6;padding-bottom:4px}
        h3{font-size:16px;margin:18px 0 8px}
        .summary{font-size:16px}
        .kpis{display:flex;flex-wrap:wrap;gap:12px}
        .kpi{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:10px 14px;min-width:140px}
        .kpi-value{font-size:22px;font-weight:600}
        .kpi-unit{color:#666;margin-left:4px}
        .kpi-name{display:block;color:#555;font-size:13px}
        .findings{list-style:none;padding:0}
        .finding{background:#fff;border:1px solid #dde1e6;border-left:5px solid #7a8699;border-radius:6px;padding:8px 12px;margin:8px 0}
        .finding.critical{border-left-color:#d62728}
        .finding.warning{border-left-color:#e69f00}
        .finding.info{border-left-color:#2b6cb0}
        .finding p{margin:4px 0}
        .evidence{color:#555;font-size:13px;font-family:ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}
        .badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;background:#e8ebef;margin-left:6px}
        table{border-collapse:collapse;background:#fff;margin:8px 0;font-size:13px}
        th,td{border:1px solid #dde1e6;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#eef1f4}
        .table-wrap{overflow-x:auto}
        figure{background:#fff;border:1px solid #dde1e6;border-radius:8px;margin:12px 0;padding:10px}
        figcaption{font-weight:600;margin-bottom:6px}
        svg.chart{display:block;width:100%;max-width:640px;height:auto}
        .note{color:#666;font-style:italic}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
        dt{color:#555}
        dd{margin:0}
        """;

    private static readonly HashSet<string> KnownSeverities = new(StringComparer.Ordinal) { "critical", "warning", "info" };

    public static string Render(JsonObject report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var contents = ReportContents.Read(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
            .Append("<title>").Append(Html.Escape(contents.Title)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(Html.Escape(contents.Title)).Append("</h1>\n");
        if (!string.IsNullOrWhiteSpace(contents.Summary))
        {
            html.Append("<p class=\"summary\">").Append(Html.Escape(contents.Summary)).Append("</p>\n");
        }
        Kpis(html, contents.Kpis);
        Findings(html, contents.FindingGroups);
        Recommendations(html, contents.Recommendations);
        Charts(html, report);
        Metrics(html, contents);
        Facts(html, "Provenance", contents.Provenance);
        Facts(html, "Usage", contents.Usage);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Kpis(StringBuilder html, IReadOnlyList<KpiLine> kpis)
    {
        if (kpis.Count == 0)
        {
            return;
        }
        html.Append("<section>\n<h2>Key figures</h2>\n<div class=\"kpis\">\n");
        foreach (var kpi in kpis)
        {
            html.Append("<div class=\"kpi\"><span class=\"kpi-value\">").Append(Html.Escape(kpi.Value)).Append("</span>");
            if (!string.IsNullOrWhiteSpace(kpi.Unit))
            {
                html.Append("<span class=\"kpi-unit\">").Append(Html.Escape(kpi.Unit)).Append("</span>");
            }
            html.Append("<span class=\"kpi-name\">").Append(Html.Escape(kpi.Name)).Append("</span></div>\n");
        }
        html.Append("</div>\n</section>\n");
    }

    private static void Findings(StringBuilder html, IReadOnlyList<FindingGroup> groups)
    {
        if (groups.Count == 0)
        {
            return;
        }
        html.Append("<section>\n<h2>Findings</h2>\n");
        foreach (var group in groups)
        {
            // Severity is user data too; only known values become a CSS class.
            var css = KnownSeverities.Contains(group.Severity) ? group.Severity : "other";
            html.Append("<h3>").Append(Html.Escape(ReportContents.Words(group.Severity)))
                .Append("<span class=\"badge\">").Append(group.Findings.Count.ToString(CultureInfo.InvariantCulture)).Append("</span></h3>\n")
                .Append("<ul class=\"findings\">\n");
            foreach (var finding in group.Findings)
            {
                html.Append("<li class=\"finding ").Append(css).Append("\"><strong>").Append(Html.Escape(finding.Title)).Append("</strong>");
                if (!string.IsNullOrWhiteSpace(finding.Detail))
                {
                    html.Append("<p>").Append(Html.Escape(finding.Detail)).Append("</p>");
                }
                if (!string.IsNullOrWhiteSpace(finding.Evidence))
                {
                    html.Append("<p class=\"evidence\">Evidence: ").Append(Html.Escape(finding.Evidence)).Append("</p>");
                }
                html.Append("</li>\n");
            }
            html.Append("</ul>\n");
        }
        html.Append("</section>\n");
    }

    private static void Recommendations(StringBuilder html, IReadOnlyList<RecommendationLine> recommendations)
    {
        if (recommendations.Count == 0)
        {
            return;
        }
        html.Append("<section>\n<h2>Recommendations</h2>\n");
        Table(html, ["Recommendation", "Impact", "Effort", "Detail"],
            [.. recommendations.Select(r => (IReadOnlyList<string>)[r.Title, r.Impact ?? "", r.Effort ?? "", r.Detail ?? ""])]);
        html.Append("</section>\n");
    }

    /// <summary>Each chart becomes a figure, or a short note when it cannot be drawn; a bad chart never fails the page.</summary>
    private static void Charts(StringBuilder html, JsonObject report)
    {
        var charts = ReportJson.Items(report["charts"]);
        var heatMap = CorrelationHeatMap.Draw(ReportJson.Object(report["metrics"])?["correlations"]);
        if (charts.Count == 0 && heatMap is null)
        {
            return;
        }
        html.Append("<section>\n<h2>Charts</h2>\n");
        foreach (var chart in charts)
        {
            if (chart is not JsonObject json)
            {
                Note(html, "A chart entry is not an object and was skipped.");
                continue;
            }
            var kind = ReportJson.Text(json["kind"])?.Trim().ToLowerInvariant();
            ChartDrawing? drawing = kind switch
            {
                "line" => LineChart.Draw(json),
                "bar" => BarChart.Draw(json),
                "box" => BoxPlot.Draw(json),
                "pareto" => ParetoChart.Draw(json),
                _ => null,
            };
            if (drawing is not null)
            {
                Figure(html, drawing);
            }
            else if (kind is "line" or "bar" or "box" or "pareto")
            {
                var title = ReportJson.Text(json, "title", "series", "column");
                Note(html, title is null ? $"A {kind} chart has no values to draw." : $"Chart “{title}” has no values to draw.");
            }
            else
            {
                Note(html, kind is null ? "A chart without a kind was skipped." : $"Chart kind “{kind}” is not supported and was skipped.");
            }
        }
        if (heatMap is not null)
        {
            Figure(html, heatMap);
        }
        html.Append("</section>\n");
    }

    private static void Figure(StringBuilder html, ChartDrawing drawing) =>
        html.Append("<figure>\n<figcaption>").Append(Html.Escape(drawing.Caption)).Append("</figcaption>\n")
            .Append(drawing.Svg).Append("\n</figure>\n");

    private static void Note(StringBuilder html, string text) =>
        html.Append("<p class=\"note\">").Append(Html.Escape(text)).Append("</p>\n");

    private static void Metrics(StringBuilder html, ReportContents contents)
    {
        if (contents.MetricValues.Count == 0 && contents.MetricTables.Count == 0)
        {
            return;
        }
        html.Append("<section>\n<h2>Metrics</h2>\n");
        if (contents.MetricValues.Count > 0)
        {
            Table(html, ["Metric", "Value"], [.. contents.MetricValues.Select(v => (IReadOnlyList<string>)[v.Name, v.Value])]);
        }
        foreach (var metric in contents.MetricTables)
        {
            html.Append("<h3>").Append(Html.Escape(ReportContents.Words(metric.Name))).Append("</h3>\n");
            Table(html, metric.Table.Headers, metric.Table.Rows);
            if (metric.Table.Omissions is { } omissions)
            {
                Note(html, omissions);
            }
        }
        html.Append("</section>\n");
    }

    private static void Facts(StringBuilder html, string heading, IReadOnlyList<NamedValue> facts)
    {
        if (facts.Count == 0)
        {
            return;
        }
        html.Append("<section>\n<h2>").Append(heading).Append("</h2>\n<dl>\n");
        foreach (var fact in facts)
        {
            html.Append("<dt>").Append(Html.Escape(fact.Name)).Append("</dt><dd>").Append(Html.Escape(fact.Value)).Append("</dd>\n");
        }
        html.Append("</dl>\n</section>\n");
    }

    private static void Table(StringBuilder html, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        html.Append("<div class=\"table-wrap\"><table>\n<thead><tr>");
        foreach (var header in headers)
        {
            html.Append("<th>").Append(Html.Escape(header)).Append("</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < headers.Count; i++)
            {
                html.Append("<td>").Append(Html.Escape(i < row.Count ? row[i] : "")).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table></div>\n");
    }
}
