using System.Text.Json.Nodes;

namespace Actors.Reports;

/// <summary>
/// <c>{"kind":"box","column","min","q1","median","q3","max"}</c> (as the data interpretation report
/// writes it) as a horizontal box plot; any statistic may be missing and the rest is still drawn.
/// </summary>
internal static class BoxPlot
{
    private const double Height = 132;
    private const double Left = 24;
    private const double Right = 24;
    private const double Middle = 48;
    private const double HalfBox = 20;
    private const double Axis = 84;
    private const string BoxFill = "#c6dbef";

    public static ChartDrawing? Draw(JsonObject chart)
    {
        var column = ReportJson.Text(chart, "column", "series");
        var caption = ReportJson.Text(chart["title"]) ?? (column is null ? "Distribution" : $"Distribution of {column}");
        var min = ReportJson.Number(chart["min"]);
        var q1 = ReportJson.Number(chart["q1"]);
        var median = ReportJson.Number(chart["median"]);
        var q3 = ReportJson.Number(chart["q3"]);
        var max = ReportJson.Number(chart["max"]);
        var mean = ReportJson.Number(chart["mean"]);
        double?[] all = [min, q1, median, q3, max, mean];
        if (LinearScale.Domain(all.Where(v => v is not null).Select(v => v!.Value)) is not { } domain)
        {
            return null;
        }

        var svg = new SvgCanvas(Height, caption, "box");
        var x = new LinearScale(domain.Min, domain.Max, Left, SvgCanvas.Width - Right);
        svg.Line(Left, Axis, SvgCanvas.Width - Right, Axis, SvgCanvas.Grid);
        svg.Text(Left, Axis + 16, ReportNumbers.Format(domain.Min), fill: SvgCanvas.Muted);
        svg.Text(SvgCanvas.Width - Right, Axis + 16, ReportNumbers.Format(domain.Max), "end", fill: SvgCanvas.Muted);

        // Whiskers reach from the box to the extremes; without a box, min to max is all there is to show.
        Whisker(svg, x, min, q1 ?? median ?? q3 ?? max);
        Whisker(svg, x, max, q3 ?? median ?? q1 ?? min);
        if (q1 is { } low && q3 is { } high)
        {
            svg.Rect(x.Map(Math.Min(low, high)), Middle - HalfBox, Math.Abs(x.Map(high) - x.Map(low)), 2 * HalfBox,
                BoxFill, "box", $"Q1 {ReportNumbers.Format(low)} – Q3 {ReportNumbers.Format(high)}", SvgCanvas.Accent);
        }
        if (median is { } m)
        {
            svg.Line(x.Map(m), Middle - HalfBox, x.Map(m), Middle + HalfBox, SvgCanvas.Ink, width: 2.5);
        }
        if (mean is { } average)
        {
            svg.Circle(x.Map(average), Middle, 3.5, SvgCanvas.Alert, "mean", $"mean {ReportNumbers.Format(average)}");
        }
        var stats = new (string Name, double? Value)[] { ("min", min), ("Q1", q1), ("median", median), ("Q3", q3), ("max", max), ("mean", mean) }
            .Where(s => s.Value is not null)
            .Select(s => $"{s.Name} {ReportNumbers.Format(s.Value!.Value)}");
        svg.Text(SvgCanvas.Width / 2, Height - 10, string.Join(" · ", stats), "middle", fill: SvgCanvas.Muted);
        return new ChartDrawing(caption, svg.Close());
    }

    private static void Whisker(SvgCanvas svg, LinearScale x, double? end, double? start)
    {
        if (end is not { } e || start is not { } s)
        {
            return;
        }
        svg.Line(x.Map(s), Middle, x.Map(e), Middle, SvgCanvas.Ink);
        svg.Line(x.Map(e), Middle - (HalfBox / 2), x.Map(e), Middle + (HalfBox / 2), SvgCanvas.Ink);
    }
}
