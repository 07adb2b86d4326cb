using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Reports;

/// <summary>
/// <c>metrics.correlations</c> (<c>[{a,b,pearson,n}]</c>) as the lower triangle of a variable × variable
/// grid, one cell per pair, coloured blue (−1) through white (0) to red (+1) with r written in.
/// </summary>
internal static class CorrelationHeatMap
{
    public const int MaxVariables = 20;
    public const string Caption = "Correlations (Pearson r)";
    private const double LabelWidth = 130;
    private const double LabelHeight = 96;
    private const double Legend = 40;
    private const int MaxLabel = 18;

    public static ChartDrawing? Draw(JsonNode? correlations)
    {
        var pairs = ReportJson.Items(correlations)
            .OfType<JsonObject>()
            .Select(p => (A: ReportJson.Text(p["a"]), B: ReportJson.Text(p["b"]), R: ReportJson.Number(p["pearson"]), N: ReportJson.Text(p["n"])))
            .Where(p => p.A is not null && p.B is not null)
            .ToArray();
        if (pairs.Length == 0)
        {
            return null;
        }
        var allVariables = pairs.SelectMany(p => new[] { p.A!, p.B! }).Distinct(StringComparer.Ordinal).ToArray();
        var variables = allVariables.Take(MaxVariables).ToArray();
        var index = variables.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);
        var count = variables.Length;
        var cell = Math.Clamp((SvgCanvas.Width - LabelWidth - 12) / count, 16, 56);
        var height = LabelHeight + (count * cell) + Legend;
        var svg = new SvgCanvas(height, Caption, "heatmap");

        for (var i = 0; i < count; i++)
        {
            var label = ReportJson.Truncate(variables[i], MaxLabel);
            svg.Text(LabelWidth - 6, LabelHeight + (i * cell) + (cell / 2) + 4, label, "end", 10);
            svg.Text(LabelWidth + (i * cell) + (cell / 2), LabelHeight - 6, label, size: 10, rotate: -45);
            svg.Rect(LabelWidth + (i * cell), LabelHeight + (i * cell), cell - 1, cell - 1, "#eeeeee", "diagonal");
        }
        foreach (var (a, b, r, n) in pairs)
        {
            if (!index.TryGetValue(a!, out var ia) || !index.TryGetValue(b!, out var ib) || ia == ib)
            {
                continue;
            }
            // Lower triangle: each unordered pair gets exactly one cell.
            var (row, column) = ia > ib ? (ia, ib) : (ib, ia);
            var x = LabelWidth + (column * cell);
            var y = LabelHeight + (row * cell);
            var value = r is { } v ? ReportNumbers.Format(v) : ReportNumbers.NotAvailable;
            svg.Rect(x, y, cell - 1, cell - 1, r is { } known ? Colour(known) : "#dddddd", "cell", $"{a} × {b}: r = {value}" + (n is null ? "" : $", n = {n}"));
            if (cell >= 24)
            {
                var text = r is { } shown ? shown.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
                svg.Text(x + (cell / 2), y + (cell / 2) + 4, text, "middle", cell >= 36 ? 11 : 9, r is { } dark && Math.Abs(dark) > 0.6 ? "#ffffff" : SvgCanvas.Ink);
            }
        }
        DrawLegend(svg, height - Legend + 12);
        if (allVariables.Length > count)
        {
            svg.Text(SvgCanvas.Width - 8, height - 6, $"… {(allVariables.Length - count).ToString(CultureInfo.InvariantCulture)} more variables not shown", "end", 10, SvgCanvas.Muted);
        }
        return new ChartDrawing(Caption, svg.Close());
    }

    /// <summary>Diverging scale: white at 0, saturating to red (+1) or blue (−1).</summary>
    public static string Colour(double r)
    {
        var t = Math.Clamp(Math.Abs(r), 0, 1);
        var (red, green, blue) = r >= 0 ? (178, 24, 43) : (33, 102, 172);
        int Mix(int target) => (int)Math.Round(255 + ((target - 255) * t));
        return $"#{Mix(red):x2}{Mix(green):x2}{Mix(blue):x2}";
    }

    private static void DrawLegend(SvgCanvas svg, double y)
    {
        const double step = 16;
        svg.Text(LabelWidth - 6, y + 11, "−1", "end", 10, SvgCanvas.Muted);
        for (var i = 0; i <= 10; i++)
        {
            svg.Rect(LabelWidth + (i * step), y, step, 12, Colour(-1 + (i * 0.2)), "legend", stroke: SvgCanvas.Grid);
        }
        svg.Text(LabelWidth + (11 * step) + 6, y + 11, "+1", size: 10, fill: SvgCanvas.Muted);
    }
}
