using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Actors.Reports;

/// <summary>
/// The report as GitHub-flavoured Markdown: headline, summary, key figures, findings by severity,
/// recommendations, metrics, provenance and usage. Charts are left to the HTML rendering.
/// </summary>
public static class MarkdownReport
{
    public static string Render(JsonObject report)
    {
        var contents = ReportContents.Read(report);
        var md = new StringBuilder();
        md.Append("# ").Append(Inline(contents.Title)).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(contents.Summary))
        {
            md.Append(Paragraph(contents.Summary)).Append("\n\n");
        }
        Kpis(md, contents.Kpis);
        Findings(md, contents.FindingGroups);
        Recommendations(md, contents.Recommendations);
        Metrics(md, contents);
        Facts(md, "Provenance", contents.Provenance);
        Facts(md, "Usage", contents.Usage);
        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static void Kpis(StringBuilder md, IReadOnlyList<KpiLine> kpis)
    {
        if (kpis.Count == 0)
        {
            return;
        }
        md.Append("## Key figures\n\n");
        Table(md, ["Figure", "Value", "Unit"], [.. kpis.Select(k => (IReadOnlyList<string>)[k.Name, k.Value, k.Unit ?? ""])]);
    }

    private static void Findings(StringBuilder md, IReadOnlyList<FindingGroup> groups)
    {
        if (groups.Count == 0)
        {
            return;
        }
        md.Append("## Findings\n\n");
        foreach (var group in groups)
        {
            md.Append("### ").Append(Inline(ReportContents.Words(group.Severity)))
                .Append(" (").Append(group.Findings.Count.ToString(CultureInfo.InvariantCulture)).Append(")\n\n");
            foreach (var finding in group.Findings)
            {
                md.Append("- **").Append(Inline(finding.Title)).Append("**");
                if (!string.IsNullOrWhiteSpace(finding.Detail))
                {
                    md.Append(" — ").Append(Inline(finding.Detail));
                }
                md.Append('\n');
                if (!string.IsNullOrWhiteSpace(finding.Evidence))
                {
                    md.Append("  - Evidence: ").Append(Inline(finding.Evidence)).Append('\n');
                }
            }
            md.Append('\n');
        }
    }

    private static void Recommendations(StringBuilder md, IReadOnlyList<RecommendationLine> recommendations)
    {
        if (recommendations.Count == 0)
        {
            return;
        }
        md.Append("## Recommendations\n\n");
        foreach (var recommendation in recommendations)
        {
            md.Append("- **").Append(Inline(recommendation.Title)).Append("**");
            var grading = string.Join(", ", new[] { ("impact", recommendation.Impact), ("effort", recommendation.Effort) }
                .Where(p => !string.IsNullOrWhiteSpace(p.Item2))
                .Select(p => $"{p.Item1}: {Inline(p.Item2!)}"));
            if (grading.Length > 0)
            {
                md.Append(" (").Append(grading).Append(')');
            }
            if (!string.IsNullOrWhiteSpace(recommendation.Detail))
            {
                md.Append(" — ").Append(Inline(recommendation.Detail));
            }
            md.Append('\n');
        }
        md.Append('\n');
    }

    private static void Metrics(StringBuilder md, ReportContents contents)
    {
        if (contents.MetricValues.Count == 0 && contents.MetricTables.Count == 0)
        {
            return;
        }
        md.Append("## Metrics\n\n");
        if (contents.MetricValues.Count > 0)
        {
            Table(md, ["Metric", "Value"], [.. contents.MetricValues.Select(v => (IReadOnlyList<string>)[v.Name, v.Value])]);
        }
        foreach (var metric in contents.MetricTables)
        {
            md.Append("### ").Append(Inline(ReportContents.Words(metric.Name))).Append("\n\n");
            Table(md, metric.Table.Headers, metric.Table.Rows);
            if (metric.Table.Omissions is { } omissions)
            {
                md.Append(Inline(omissions)).Append("\n\n");
            }
        }
    }

    private static void Facts(StringBuilder md, string heading, IReadOnlyList<NamedValue> facts)
    {
        if (facts.Count == 0)
        {
            return;
        }
        md.Append("## ").Append(heading).Append("\n\n");
        foreach (var fact in facts)
        {
            md.Append("- ").Append(Inline(fact.Name)).Append(": ").Append(Inline(fact.Value)).Append('\n');
        }
        md.Append('\n');
    }

    private static void Table(StringBuilder md, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        md.Append('|');
        foreach (var header in headers)
        {
            md.Append(' ').Append(Cell(header)).Append(" |");
        }
        md.Append("\n|");
        foreach (var _ in headers)
        {
            md.Append(" --- |");
        }
        md.Append('\n');
        foreach (var row in rows)
        {
            md.Append('|');
            for (var i = 0; i < headers.Count; i++)
            {
                md.Append(' ').Append(Cell(i < row.Count ? row[i] : "")).Append(" |");
            }
            md.Append('\n');
        }
        md.Append('\n');
    }

    /// <summary>
    /// Report text is user data (column names, values): escape what would otherwise become markup —
    /// raw HTML, emphasis, links, code — and keep it on one line.
    /// </summary>
    private static string Inline(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '`' or '*' or '[' or ']' or '<' or '>':
                    escaped.Append('\\').Append(c);
                    break;
                case '\r' or '\n':
                    escaped.Append(' ');
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }
        return escaped.ToString();
    }

    /// <summary>A paragraph must not start a heading, a list (bulleted or "1.") or a setext underline.</summary>
    private static string Paragraph(string text)
    {
        var inline = Inline(text.Trim());
        if (inline.Length > 0 && inline[0] is '#' or '-' or '+' or '=')
        {
            return "\\" + inline;
        }
        var digits = inline.TakeWhile(char.IsAsciiDigit).Count();
        return digits > 0 && digits < inline.Length && inline[digits] is '.' or ')'
            ? string.Concat(inline.AsSpan(0, digits), "\\", inline.AsSpan(digits))
            : inline;
    }

    /// <summary>Inside a table cell a pipe would end the cell.</summary>
    private static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);
}
