using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Reports;

/// <summary>
/// A Pareto chart: bars of values plus the cumulative share as a line on a 0–100% axis. Read leniently
/// (<c>items:[{category,value,cumulative_pct}]</c> or <c>bars:[{label,value,cumulative_pct?}]</c>) since
/// producers of this kind vary; a missing cumulative share is computed from the values in order.
/// </summary>
internal static class ParetoChart
{
    public const int MaxBars = 30;
    private const double Height = 280;
    private const double Left = 64;
    private const double Right = 48;
    private const double Top = 20;
    private const double Bottom = 72;
    private const double Vital = 80;
    private const int MaxLabel = 12;

    public static ChartDrawing? Draw(JsonObject chart)
    {
        var caption = ReportJson.Text(chart["title"]) ?? "Pareto";
        var source = chart["items"] is JsonArray { Count: > 0 } items ? items : chart["bars"];
        var entries = ReportJson.Items(source).Select(Read).ToArray();
        var shown = entries.Take(MaxBars).ToArray();
        if (!shown.Any(e => e.Value is not null))
        {
            return null;
        }
        var cumulative = Cumulative(entries);

        var svg = new SvgCanvas(Height, caption, "pareto");
        var domain = LinearScale.Domain(shown.Where(e => e.Value is not null).Select(e => e.Value!.Value).Append(0))!.Value;
        var plotBottom = Height - Bottom;
        var y = new LinearScale(domain.Min, domain.Max, plotBottom, Top);
        var share = new LinearScale(0, 100, plotBottom, Top);
        var slot = (SvgCanvas.Width - Left - Right) / shown.Length;
        var right = SvgCanvas.Width - Right;

        svg.Line(Left, Top, Left, plotBottom, SvgCanvas.Grid);
        svg.Line(Left, y.Map(0), right, y.Map(0), SvgCanvas.Grid);
        svg.Text(Left - 6, Top + 4, ReportNumbers.Format(domain.Max), "end", fill: SvgCanvas.Muted);
        svg.Text(Left - 6, plotBottom, ReportNumbers.Format(domain.Min), "end", fill: SvgCanvas.Muted);
        for (var i = 0; i < shown.Length; i++)
        {
            var (label, value, _) = shown[i];
            var centre = Left + (slot * (i + 0.5));
            if (value is { } v)
            {
                var top = y.Map(Math.Max(0, v));
                svg.Rect(centre - (slot * 0.35), top, slot * 0.7, Math.Abs(y.Map(v) - y.Map(0)), SvgCanvas.Accent, "bar", $"{label}: {ReportNumbers.Format(v)}");
            }
            svg.Text(centre, plotBottom + 12, ReportJson.Truncate(label, MaxLabel), "end", 10, rotate: -35);
        }
        if (cumulative is not null)
        {
            svg.Line(right, Top, right, plotBottom, SvgCanvas.Grid);
            svg.Text(right + 6, Top + 4, "100%", fill: SvgCanvas.Muted);
            svg.Text(right + 6, plotBottom, "0%", fill: SvgCanvas.Muted);
            // The 80% line marks the "vital few" a Pareto chart is read for.
            svg.Line(Left, share.Map(Vital), right, share.Map(Vital), SvgCanvas.Grid, "4 4");
            svg.Text(right + 6, share.Map(Vital) + 4, "80%", fill: SvgCanvas.Muted);
            var line = cumulative.Take(shown.Length)
                .Select((pct, i) => (Pct: pct, X: Left + (slot * (i + 0.5))))
                .Where(p => p.Pct is not null)
                .Select(p => (p.X, share.Map(Math.Clamp(p.Pct!.Value, 0, 100))))
                .ToArray();
            svg.Polyline(line, SvgCanvas.Alert, "cumulative");
            foreach (var (px, py) in line)
            {
                svg.Circle(px, py, 2.5, SvgCanvas.Alert, "cumulative-point");
            }
        }
        if (entries.Length > shown.Length)
        {
            // Top right: the rotated category labels fill the bottom.
            svg.Text(right, 12, $"… {(entries.Length - shown.Length).ToString(CultureInfo.InvariantCulture)} more not shown", "end", 10, SvgCanvas.Muted);
        }
        return new ChartDrawing(caption, svg.Close());
    }

    private static (string Label, double? Value, double? Cumulative) Read(JsonNode? item) => item is JsonObject json
        ? (ReportJson.Text(json, "category", "label", "name") ?? "",
            ReportJson.Number(json, "value", "count"),
            ReportJson.Number(json, "cumulative_pct", "cumulative", "cum_pct"))
        : ("", ReportJson.Number(item), null);

    /// <summary>
    /// The given shares when every item has one (as fractions if none exceeds 1), otherwise running
    /// totals of the values; null when neither is possible.
    /// </summary>
    private static double?[]? Cumulative((string Label, double? Value, double? Cumulative)[] entries)
    {
        if (entries.All(e => e.Cumulative is not null))
        {
            var scale = entries.Max(e => e.Cumulative!.Value) <= 1.0001 ? 100 : 1;
            return [.. entries.Select(e => e.Cumulative * scale)];
        }
        var total = entries.Sum(e => Math.Max(0, e.Value ?? 0));
        if (total <= 0)
        {
            return null;
        }
        var running = 0.0;
        return [.. entries.Select(e => (double?)(100 * (running += Math.Max(0, e.Value ?? 0)) / total))];
    }
}
