using System.Text.Json.Nodes;
using System.Xml.Linq;
using Actors.Numbers;
using Actors.Reports;

namespace Actors.Analytics.Tests.Reports;

public sealed class HtmlReportTests
{
    private static readonly string[] ChartElements = ["polyline", "circle", "rect", "line", "text"];

    [Fact]
    public void Renders_one_well_formed_self_contained_page()
    {
        var html = HtmlReport.Render(ReportFixtures.WithCharts());
        var page = Xhtml.Parse(html);

        Assert.Equal("html", page.Root!.Name.LocalName);
        Assert.Single(Xhtml.All(page, "head"));
        Assert.Single(Xhtml.All(page, "body"));
        Assert.Single(Xhtml.All(page, "style"));
        Assert.Equal($"Data interpretation — {ReportFixtures.JobId}", Xhtml.All(page, "title").First().Value);
        // Self-contained and inert: no scripts, nothing loaded from elsewhere.
        Assert.Empty(Xhtml.All(page, "script"));
        Assert.DoesNotContain(page.Descendants().Attributes(), a => a.Name.LocalName is "src" or "href");
        Assert.DoesNotContain(page.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_summary_kpis_findings_by_severity_and_recommendations()
    {
        var report = ReportFixtures.WithCharts();
        var page = Xhtml.Parse(HtmlReport.Render(report));
        var text = page.Root!.Value;

        Assert.Contains(report["summary"]!.GetValue<string>(), Xhtml.WithClass(page, "p", "summary").Single().Value, StringComparison.Ordinal);
        var kpis = Xhtml.WithClass(page, "div", "kpi").ToArray();
        Assert.Equal(4, kpis.Length);
        Assert.Equal("30", Xhtml.WithClass(kpis[0], "span", "kpi-value").Single().Value);
        Assert.Equal("Complete row share", Xhtml.WithClass(kpis[2], "span", "kpi-name").Single().Value);

        var findings = Xhtml.WithClass(page, "li", "finding").ToArray();
        Assert.Equal(report["findings"]!.AsArray().Count, findings.Length);
        Assert.Equal(
            ["critical", "warning", "info"],
            findings.Select(f => ((string)f.Attribute("class")!).Split(' ')[1]).Distinct());
        foreach (var finding in report["findings"]!.AsArray())
        {
            Assert.Contains(findings, f => f.Element("strong")!.Value == finding!["title"]!.GetValue<string>());
        }
        foreach (var recommendation in report["recommendations"]!.AsArray())
        {
            Assert.Contains(recommendation!["title"]!.GetValue<string>(), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Draws_one_svg_per_renderable_chart_plus_the_correlation_heat_map()
    {
        var report = ReportFixtures.WithCharts();
        var html = HtmlReport.Render(report);
        var page = Xhtml.Parse(html);

        // 3 box plots + missing-values bar from the analysis, then line, bar and pareto, then the heat map.
        var expected = report["charts"]!.AsArray().Count + 1;
        Assert.Equal(8, expected);
        Assert.Equal(expected, CountOf("<svg", html));
        Assert.Equal(expected, Xhtml.All(page, "svg").Count());
        Assert.Equal(expected, Xhtml.All(page, "figure").Count());
        Assert.Equal(
            ["box", "box", "box", "bar", "line", "bar", "pareto", "heatmap"],
            Xhtml.All(page, "svg").Select(s => ((string)s.Attribute("class")!).Split(' ')[1]["chart-".Length..]));
        foreach (var svg in Xhtml.All(page, "svg"))
        {
            Assert.StartsWith("0 0 640 ", (string)svg.Attribute("viewBox")!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Line_chart_draws_every_point_the_trend_the_anomalies_and_the_forecast()
    {
        var page = Xhtml.Parse(HtmlReport.Render(Only(ReportFixtures.Line())));
        var svg = Xhtml.All(page, "svg").Single();

        var series = Xhtml.WithClass(svg, "polyline", "series").Single();
        Assert.Equal(ReportFixtures.SeriesLength, Xhtml.PointCount(series));
        var trend = Xhtml.WithClass(svg, "polyline", "trend").Single();
        Assert.Equal(ReportFixtures.SeriesLength, Xhtml.PointCount(trend));
        Assert.NotNull(trend.Attribute("stroke-dasharray"));
        var forecast = Xhtml.WithClass(svg, "polyline", "forecast").Single();
        // The forecast starts from the last observed point, so it continues the line.
        Assert.Equal(ReportFixtures.ForecastLength + 1, Xhtml.PointCount(forecast));
        Assert.Equal(LastPoint(series), FirstPoint(forecast));
        Assert.NotNull(forecast.Attribute("stroke-dasharray"));

        var anomalies = Xhtml.WithClass(svg, "circle", "anomaly").ToArray();
        Assert.Equal(ReportFixtures.AnomalyIndices.Length, anomalies.Length);
        var points = ((string)series.Attribute("points")!).Split(' ');
        for (var i = 0; i < anomalies.Length; i++)
        {
            var (x, y) = (points[ReportFixtures.AnomalyIndices[i]].Split(',')[0], points[ReportFixtures.AnomalyIndices[i]].Split(',')[1]);
            Assert.Equal(x, (string)anomalies[i].Attribute("cx")!);
            Assert.Equal(y, (string)anomalies[i].Attribute("cy")!);
        }

        // Axis labels: value range and the first and last times.
        var labels = Xhtml.All(svg, "text").Select(t => t.Value).ToArray();
        Assert.Contains("2023-01", labels);
        Assert.Contains("2025-04", labels);
        Assert.Contains("100", labels);
    }

    [Fact]
    public void Line_chart_places_points_by_index_when_t_is_null_or_mixed()
    {
        var chart = new JsonObject
        {
            ["kind"] = "line",
            ["series"] = "mixed",
            ["points"] = new JsonArray(
                new JsonObject { ["t"] = null, ["value"] = 1 },
                new JsonObject { ["t"] = 5, ["value"] = 2 },
                new JsonObject { ["t"] = "later", ["value"] = 3 },
                new JsonObject { ["value"] = 4 }),
            ["anomalies"] = new JsonArray(1, 99, -1, "x", null),
            ["forecast"] = new JsonArray(new JsonObject { ["t"] = null, ["value"] = 5 }),
        };
        var svg = Xhtml.All(Xhtml.Parse(HtmlReport.Render(Only(chart))), "svg").Single();

        var xs = Xs(Xhtml.WithClass(svg, "polyline", "series").Single());
        Assert.Equal(4, xs.Length);
        Assert.True(xs.Zip(xs.Skip(1)).All(p => p.First < p.Second), "points run left to right in order");
        Assert.Equal(xs[1] - xs[0], xs[3] - xs[2], 2);
        Assert.Single(Xhtml.WithClass(svg, "circle", "anomaly"));
        Assert.True(Xs(Xhtml.WithClass(svg, "polyline", "forecast").Single())[1] > xs[3]);
    }

    [Fact]
    public void Line_chart_uses_numeric_t_as_a_numeric_axis()
    {
        var chart = new JsonObject
        {
            ["kind"] = "line",
            ["points"] = new JsonArray(
                new JsonObject { ["t"] = 0, ["value"] = 1 },
                new JsonObject { ["t"] = 1, ["value"] = 2 },
                new JsonObject { ["t"] = 10, ["value"] = 3 }),
        };
        var svg = Xhtml.All(Xhtml.Parse(HtmlReport.Render(Only(chart))), "svg").Single();

        var xs = Xs(Xhtml.WithClass(svg, "polyline", "series").Single());
        Assert.Equal(9 * (xs[1] - xs[0]), xs[2] - xs[1], 1);
    }

    [Fact]
    public void Bar_chart_draws_a_bar_per_value_and_notes_missing_ones()
    {
        var chart = new JsonObject
        {
            ["kind"] = "bar",
            ["title"] = "Mean waiting time per activity",
            ["unit"] = "s",
            ["bars"] = new JsonArray(ReportFixtures.Bar("Register", 120), ReportFixtures.Bar("Approve", 3600), new JsonObject { ["label"] = "Ship", ["value"] = null }),
        };
        var page = Xhtml.Parse(HtmlReport.Render(Only(chart)));
        var svg = Xhtml.All(page, "svg").Single();

        var bars = Xhtml.WithClass(svg, "rect", "bar").ToArray();
        Assert.Equal(2, bars.Length);
        Assert.True(Width(bars[1]) > 25 * Width(bars[0]), "bars are proportional to the values");
        var labels = Xhtml.All(svg, "text").Select(t => t.Value).ToArray();
        Assert.Contains("Ship", labels);
        Assert.Contains("n/a", labels);
        Assert.Contains("3600 s", labels);
        Assert.Equal("Mean waiting time per activity", Xhtml.All(page, "figcaption").Single().Value);
    }

    [Fact]
    public void Bar_chart_caps_long_lists_and_says_how_many_more()
    {
        var bars = new JsonArray([.. Enumerable.Range(0, 45).Select(i => (JsonNode)ReportFixtures.Bar($"activity {i}", i + 1))]);
        var svg = Xhtml.All(Xhtml.Parse(HtmlReport.Render(Only(new JsonObject { ["kind"] = "bar", ["bars"] = bars }))), "svg").Single();

        Assert.Equal(30, Xhtml.WithClass(svg, "rect", "bar").Count());
        Assert.Contains(Xhtml.All(svg, "text"), t => t.Value == "… 15 more not shown");
    }

    [Fact]
    public void Box_plot_draws_the_quartile_box_median_and_whiskers()
    {
        var report = ReportFixtures.DataInterpretation();
        var box = report["charts"]!.AsArray().First(c => c!["kind"]!.GetValue<string>() == "box")!.AsObject();
        var svg = Xhtml.All(Xhtml.Parse(HtmlReport.Render(Only(box.DeepClone()))), "svg").Single();

        var rect = Xhtml.WithClass(svg, "rect", "box").Single();
        Assert.True(Width(rect) > 0);
        // Two whiskers with an end tick each, the median, and the axis.
        Assert.Equal(6, Xhtml.All(svg, "line").Count());
        var summary = Xhtml.All(svg, "text").Last().Value;
        foreach (var stat in new[] { "min", "Q1", "median", "Q3", "max" })
        {
            Assert.Contains(stat, summary, StringComparison.Ordinal);
        }
        Assert.Equal($"Distribution of {box["column"]!.GetValue<string>()}", Xhtml.All(svg, "title").First().Value);
    }

    [Fact]
    public void Box_plot_with_only_some_statistics_still_draws()
    {
        var chart = new JsonObject { ["kind"] = "box", ["column"] = "amount", ["min"] = 1, ["median"] = null, ["max"] = 9 };
        var svg = Xhtml.All(Xhtml.Parse(HtmlReport.Render(Only(chart))), "svg").Single();

        Assert.Empty(Xhtml.WithClass(svg, "rect", "box"));
        Assert.Contains("min 1 · max 9", Xhtml.All(svg, "text").Last().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Heat_map_has_a_cell_per_correlation_pair_coloured_by_sign()
    {
        var report = ReportFixtures.DataInterpretation();
        var correlations = report["metrics"]!["correlations"]!.AsArray();
        var svg = Xhtml.All(Xhtml.Parse(HtmlReport.Render(report)), "svg").Single(s => ((string)s.Attribute("class")!).Contains("chart-heatmap", StringComparison.Ordinal));

        var cells = Xhtml.WithClass(svg, "rect", "cell").ToArray();
        Assert.Equal(correlations.Count, cells.Length);
        Assert.Equal(10, cells.Length);
        foreach (var pair in correlations)
        {
            var r = pair!["pearson"]!.GetValue<double>();
            var tip = $"{pair["a"]!.GetValue<string>()} × {pair["b"]!.GetValue<string>()}: r = {ReportNumbers.Format(r)}, n = 30";
            var cell = cells.Single(c => c.Element(c.Name.Namespace + "title")!.Value == tip);
            var fill = (string)cell.Attribute("fill")!;
            var red = Convert.ToInt32(fill[1..3], 16);
            var blue = Convert.ToInt32(fill[5..7], 16);
            Assert.True(r > 0 ? red > blue : blue > red, $"{tip} is coloured {fill}");
        }
        var values = Xhtml.All(svg, "text").Select(t => t.Value).ToArray();
        Assert.Contains("-0.08", values);
        Assert.Equal(5, Xhtml.WithClass(svg, "rect", "diagonal").Count());
    }

    [Fact]
    public void Pareto_draws_bars_and_the_cumulative_line_given_or_computed()
    {
        var given = Xhtml.All(Xhtml.Parse(HtmlReport.Render(Only(ReportFixtures.Pareto()))), "svg").Single();
        Assert.Equal(4, Xhtml.WithClass(given, "rect", "bar").Count());
        var givenLine = Xhtml.WithClass(given, "polyline", "cumulative").Single();
        Assert.Equal(4, Xhtml.PointCount(givenLine));

        var bars = new JsonObject
        {
            ["kind"] = "pareto",
            ["bars"] = new JsonArray(ReportFixtures.Bar("shipping", 500), ReportFixtures.Bar("returns", 300), ReportFixtures.Bar("support", 150), ReportFixtures.Bar("other", 50)),
        };
        var computed = Xhtml.All(Xhtml.Parse(HtmlReport.Render(Only(bars))), "svg").Single();
        var computedLine = Xhtml.WithClass(computed, "polyline", "cumulative").Single();
        // Running totals of the same values give the same shares, so the same line.
        Assert.Equal((string)givenLine.Attribute("points")!, (string)computedLine.Attribute("points")!);
    }

    [Fact]
    public void Escapes_hostile_strings_everywhere()
    {
        var html = HtmlReport.Render(ReportFixtures.WithCharts());
        var page = Xhtml.Parse(html);

        Assert.Empty(Xhtml.All(page, "script"));
        Assert.Empty(Xhtml.All(page, "b"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("x &lt; y &amp;&amp; y &gt; z", html, StringComparison.Ordinal);
        // The text survives escaping intact: in a finding, the metrics table, the heat map labels and the bar labels.
        Assert.Contains(Xhtml.All(page, "strong"), s => s.Value == ReportFixtures.HostileFindingTitle);
        Assert.Contains(Xhtml.All(page, "td"), td => td.Value == ReportFixtures.HostileColumn);
        Assert.Contains(Xhtml.All(page, "text"), t => t.Value.StartsWith("<script>", StringComparison.Ordinal));
        Assert.Contains(Xhtml.All(page, "text"), t => t.Value == "Approve <fast>");
    }

    [Fact]
    public void Strips_characters_xml_cannot_carry()
    {
        var report = new JsonObject { ["summary"] = "bell\u0007 and lone \ud800 surrogate, emoji 😀 kept" };
        var page = Xhtml.Parse(HtmlReport.Render(report));

        Assert.Equal("bell\ufffd and lone \ufffd surrogate, emoji 😀 kept", Xhtml.WithClass(page, "p", "summary").Single().Value);
    }

    [Fact]
    public void Unknown_kinds_and_odd_fields_are_skipped_with_a_note_never_thrown()
    {
        var charts = new JsonArray(
            null,
            5,
            "line",
            new JsonObject(),
            new JsonObject { ["kind"] = "sankey", ["flows"] = new JsonArray(1, 2) },
            new JsonObject { ["kind"] = 42 },
            new JsonObject { ["kind"] = "line" },
            new JsonObject { ["kind"] = "line", ["points"] = "oops", ["anomalies"] = new JsonObject() },
            new JsonObject { ["kind"] = "line", ["points"] = new JsonArray(new JsonObject { ["t"] = null, ["value"] = null }, new JsonObject { ["value"] = "NaN" }, null, 7) },
            new JsonObject { ["kind"] = "line", ["points"] = new JsonArray(new JsonObject { ["t"] = "2024", ["value"] = JsonValue.Create(double.NaN) }) },
            new JsonObject { ["kind"] = "bar", ["bars"] = new JsonArray() },
            new JsonObject { ["kind"] = "bar", ["bars"] = new JsonArray(new JsonObject { ["label"] = null, ["value"] = null }, "x") },
            new JsonObject { ["kind"] = "box", ["min"] = "low", ["q1"] = new JsonObject() },
            new JsonObject { ["kind"] = "box", ["min"] = 3, ["q1"] = 3, ["median"] = 3, ["q3"] = 3, ["max"] = 3 },
            new JsonObject { ["kind"] = "pareto", ["items"] = "oops", ["bars"] = new JsonArray(new JsonObject { ["label"] = "a", ["value"] = 0 }) },
            new JsonObject { ["kind"] = "pareto", ["items"] = new JsonArray(new JsonObject { ["category"] = "only", ["value"] = -3, ["cumulative_pct"] = 0.4 }) },
            new JsonObject { ["kind"] = "bar", ["bars"] = new JsonArray(ReportFixtures.Bar("huge", 1e308), ReportFixtures.Bar("tiny", -1e308)) });
        var report = new JsonObject
        {
            ["charts"] = charts,
            ["metrics"] = new JsonObject { ["correlations"] = new JsonArray(new JsonObject { ["a"] = "p", ["b"] = "q", ["pearson"] = null }, 3, new JsonObject { ["a"] = "p" }) },
        };

        var html = HtmlReport.Render(report);
        var page = Xhtml.Parse(html);

        // Drawable: the line with one finite point, the flat box, both pareto charts, the extreme bars, the heat map.
        Assert.Equal(6, Xhtml.All(page, "svg").Count());
        Assert.Contains("Chart kind “sankey” is not supported and was skipped.", html, StringComparison.Ordinal);
        Assert.Contains("Chart kind “42” is not supported and was skipped.", html, StringComparison.Ordinal);
        Assert.Contains("A chart without a kind was skipped.", html, StringComparison.Ordinal);
        Assert.Contains("A line chart has no values to draw.", html, StringComparison.Ordinal);
        Assert.Equal(3, CountOf("A chart entry is not an object and was skipped.", html));
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
        Assert.Contains(Xhtml.All(page, "text"), t => t.Value == "n/a");
    }

    [Fact]
    public void An_empty_report_renders_a_bare_page()
    {
        var page = Xhtml.Parse(HtmlReport.Render([]));

        Assert.Equal("Analysis report", Xhtml.All(page, "h1").Single().Value);
        Assert.Empty(Xhtml.All(page, "svg"));
        Assert.Empty(Xhtml.All(page, "section"));
    }

    [Fact]
    public void Reports_of_other_shapes_render_their_parts()
    {
        var report = new JsonObject
        {
            ["type"] = "process_analysis",
            ["kpis"] = new JsonArray(new JsonObject { ["name"] = "cases", ["value"] = "12" }, 7, new JsonObject { ["value"] = new JsonObject { ["p50"] = 3 } }),
            ["findings"] = new JsonArray(new JsonObject { ["title"] = "no severity" }, new JsonObject { ["title"] = "odd", ["severity"] = "Blocker\" onclick=\"x" }),
            ["recommendations"] = new JsonObject { ["title"] = "not a list" },
            ["metrics"] = new JsonObject
            {
                ["activities"] = new JsonObject { ["Register"] = new JsonObject { ["count"] = 10, ["mean_wait_s"] = null } },
                ["empty"] = new JsonArray(),
            },
            ["provenance"] = "statistical",
            ["usage"] = new JsonObject { ["cost_usd"] = 0.0012 },
        };
        var page = Xhtml.Parse(HtmlReport.Render(report));

        Assert.Equal("Process analysis", Xhtml.All(page, "h1").Single().Value);
        Assert.Equal(2, Xhtml.WithClass(page, "div", "kpi").Count());
        Assert.Equal(["finding info", "finding other"], Xhtml.WithClass(page, "li", "finding").Select(f => (string)f.Attribute("class")!));
        Assert.Equal(["activity", "count", "mean_wait_s"], Xhtml.All(page, "table").Last().Descendants().Where(e => e.Name.LocalName == "th").Select(t => t.Value));
        Assert.Contains(Xhtml.All(page, "dd"), d => d.Value == "0.0012");
    }

    private static JsonObject Only(JsonNode chart) => new() { ["charts"] = new JsonArray(chart) };

    private static int CountOf(string needle, string haystack)
    {
        var count = 0;
        for (var at = haystack.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private static double[] Xs(XElement polyline) =>
        [.. ((string)polyline.Attribute("points")!).Split(' ').Select(p => double.Parse(p.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture))];

    private static string FirstPoint(XElement polyline) => ((string)polyline.Attribute("points")!).Split(' ')[0];

    private static string LastPoint(XElement polyline) => ((string)polyline.Attribute("points")!).Split(' ')[^1];

    private static double Width(XElement rect) => double.Parse((string)rect.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
}
