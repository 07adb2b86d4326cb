using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Reports;

/// <summary>
/// <c>{"kind":"bar","title","unit"?,"bars":[{label,value}]}</c> as horizontal bars from a zero baseline,
/// labels on the left and values at the bar ends. Height grows with the number of bars.
/// </summary>
internal static class BarChart
{
    public const int MaxBars = 30;
    private const double LabelWidth = 170;
    private const double ValueWidth = 80;
    private const double Top = 8;
    private const double Row = 22;
    private const double Bottom = 28;
    private const int MaxLabel = 26;

    public static ChartDrawing? Draw(JsonObject chart)
    {
        var caption = ReportJson.Text(chart, "title", "series") ?? "Bar chart";
        var unit = ReportJson.Text(chart["unit"]);
        var bars = ReportJson.Items(chart["bars"])
            .Select(b => b is JsonObject json
                ? (Label: ReportJson.Text(json, "label", "category", "name") ?? "", Value: ReportJson.Number(json, "value", "count"))
                : (Label: "", Value: ReportJson.Number(b)))
            .ToArray();
        var shown = bars.Take(MaxBars).ToArray();
        if (!shown.Any(b => b.Value is not null))
        {
            return null;
        }
        // Bars grow from zero, so zero is always on the axis.
        var domain = LinearScale.Domain(shown.Where(b => b.Value is not null).Select(b => b.Value!.Value).Append(0))!.Value;

        var omitted = bars.Length - shown.Length;
        var height = Top + (shown.Length * Row) + Bottom + (omitted > 0 ? 14 : 0);
        var svg = new SvgCanvas(height, caption, "bar");
        var x = new LinearScale(domain.Min, domain.Max, LabelWidth, SvgCanvas.Width - ValueWidth);
        var zero = x.Map(0);
        var plotBottom = Top + (shown.Length * Row);
        svg.Line(zero, Top, zero, plotBottom, SvgCanvas.Grid);
        for (var i = 0; i < shown.Length; i++)
        {
            var (label, value) = shown[i];
            var rowTop = Top + (i * Row);
            svg.Text(LabelWidth - 8, rowTop + 15, ReportJson.Truncate(label, MaxLabel), "end");
            if (value is not { } v)
            {
                svg.Text(zero + 4, rowTop + 15, ReportNumbers.NotAvailable, fill: SvgCanvas.Muted);
                continue;
            }
            var end = x.Map(v);
            svg.Rect(Math.Min(zero, end), rowTop + 3, Math.Abs(end - zero), Row - 6, SvgCanvas.Accent, "bar", $"{label}: {WithUnit(v, unit)}");
            svg.Text(Math.Max(zero, end) + 4, rowTop + 15, WithUnit(v, unit), fill: SvgCanvas.Muted);
        }
        svg.Text(LabelWidth, plotBottom + 16, WithUnit(domain.Min, unit), fill: SvgCanvas.Muted);
        svg.Text(SvgCanvas.Width - ValueWidth, plotBottom + 16, WithUnit(domain.Max, unit), "end", fill: SvgCanvas.Muted);
        if (omitted > 0)
        {
            svg.Text(LabelWidth, plotBottom + 30, $"… {omitted.ToString(CultureInfo.InvariantCulture)} more not shown", size: 10, fill: SvgCanvas.Muted);
        }
        return new ChartDrawing(caption, svg.Close());
    }

    public static string WithUnit(double value, string? unit) =>
        string.IsNullOrWhiteSpace(unit) ? ReportNumbers.Format(value)
        : unit == "%" ? ReportNumbers.Format(value) + "%"
        : $"{ReportNumbers.Format(value)} {unit}";
}
