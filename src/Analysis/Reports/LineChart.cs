using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Reports;

/// <summary>
/// <c>{"kind":"line","series","points":[{t,value}],"trend":[…],"anomalies":[index…],"forecast":[…]}</c>:
/// the series as a solid polyline, the trend dashed, anomalies as red circles and the forecast as a
/// dotted continuation of the series. Points without a finite value are left out and the line
/// joins across them, so the series polyline has one vertex per plotted point.
/// </summary>
internal static class LineChart
{
    private const double Height = 260;
    private const double Left = 64;
    private const double Right = 16;
    private const double Top = 28;
    private const double Bottom = 36;
    private const int MaxLabel = 24;

    public static ChartDrawing? Draw(JsonObject chart)
    {
        var caption = ReportJson.Text(chart, "title", "series") ?? "Series";
        var points = Read(chart["points"]);
        var trend = Read(chart["trend"]);
        var forecast = Read(chart["forecast"]);
        var all = points.Concat(trend).Concat(forecast).ToArray();
        if (LinearScale.Domain(all.Where(s => s.Value is not null).Select(s => s.Value!.Value)) is not { } values)
        {
            return null;
        }

        Place(points, trend, forecast);
        var positions = LinearScale.Domain(all.Select(s => s.X))!.Value;
        var x = new LinearScale(positions.Min, positions.Max, Left, SvgCanvas.Width - Right);
        var y = new LinearScale(values.Min, values.Max, Height - Bottom, Top);
        var svg = new SvgCanvas(Height, caption, "line");

        Axes(svg, values, all.MinBy(s => s.X)!, all.MaxBy(s => s.X)!);
        if (trend.Any(s => s.Value is not null))
        {
            svg.Polyline(Plotted(trend, x, y), SvgCanvas.Muted, "trend", "6 4", 1.5);
        }
        var drawn = points.Where(s => s.Value is not null).ToArray();
        if (drawn.Length > 0)
        {
            svg.Polyline(Plotted(drawn, x, y), SvgCanvas.Accent, "series");
        }
        if (forecast.Any(s => s.Value is not null))
        {
            // Starting at the last observed point makes the forecast read as the series' continuation.
            var from = drawn.Length > 0 ? [drawn[^1]] : Array.Empty<Sample>();
            svg.Polyline(Plotted(from.Concat(forecast), x, y), SvgCanvas.Accent, "forecast", "2 4");
        }
        var anomalies = Anomalies(chart["anomalies"], points).ToArray();
        foreach (var index in anomalies)
        {
            var point = points[index];
            svg.Circle(x.Map(point.X), y.Map(point.Value!.Value), 4.5, SvgCanvas.Alert, "anomaly",
                $"Anomaly at {point.Label}: {ReportNumbers.Format(point.Value.Value)}");
        }
        Legend(svg, drawn.Length > 0, trend.Any(s => s.Value is not null), forecast.Any(s => s.Value is not null), anomalies.Length > 0);
        return new ChartDrawing(caption, svg.Close());
    }

    private static List<Sample> Read(JsonNode? node) =>
        [.. ReportJson.Items(node).Select(item => item is JsonObject json
            ? new Sample(json["t"], ReportJson.Number(json["value"]))
            : new Sample(null, ReportJson.Number(item)))];

    /// <summary>
    /// Numeric <c>t</c> everywhere → a true numeric axis. Otherwise positions are ordinal: points by index,
    /// trend and forecast at the point with the same <c>t</c>, else the trend by its own index and the
    /// forecast after the last point.
    /// </summary>
    private static void Place(List<Sample> points, List<Sample> trend, List<Sample> forecast)
    {
        var numeric = points.Concat(trend).Concat(forecast).All(s => s.T is JsonValue && ReportJson.Number(s.T) is not null);
        if (numeric)
        {
            foreach (var sample in points.Concat(trend).Concat(forecast))
            {
                sample.X = ReportJson.Number(sample.T)!.Value;
            }
        }
        var byT = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < points.Count; i++)
        {
            points[i].Label = ReportJson.Text(points[i].T) ?? i.ToString(CultureInfo.InvariantCulture);
            if (!numeric)
            {
                points[i].X = i;
                if (ReportJson.Text(points[i].T) is { } key)
                {
                    byT.TryAdd(key, i);
                }
            }
        }
        PlaceAlong(trend, byT, numeric, 0);
        PlaceAlong(forecast, byT, numeric, points.Count);
    }

    private static void PlaceAlong(List<Sample> samples, Dictionary<string, int> byT, bool numeric, int offset)
    {
        for (var j = 0; j < samples.Count; j++)
        {
            var key = ReportJson.Text(samples[j].T);
            var ordinal = key is not null && byT.TryGetValue(key, out var index) ? index : offset + j;
            samples[j].Label = key ?? ordinal.ToString(CultureInfo.InvariantCulture);
            if (!numeric)
            {
                samples[j].X = ordinal;
            }
        }
    }

    private static IEnumerable<(double X, double Y)> Plotted(IEnumerable<Sample> samples, LinearScale x, LinearScale y) =>
        samples.Where(s => s.Value is not null).Select(s => (x.Map(s.X), y.Map(s.Value!.Value)));

    /// <summary>Indices into the points (an index, or an object with <c>index</c> or <c>t</c>), valid and drawable ones only.</summary>
    private static IEnumerable<int> Anomalies(JsonNode? node, List<Sample> points)
    {
        var seen = new HashSet<int>();
        foreach (var item in ReportJson.Items(node))
        {
            var index = item is JsonObject json
                ? ReportJson.Number(json["index"]) ?? IndexOf(points, ReportJson.Text(json["t"]))
                : ReportJson.Number(item);
            if (index is { } i && i >= 0 && i < points.Count && i == Math.Floor(i)
                && points[(int)i].Value is not null && seen.Add((int)i))
            {
                yield return (int)i;
            }
        }
    }

    private static double? IndexOf(List<Sample> points, string? t)
    {
        var index = t is null ? -1 : points.FindIndex(p => ReportJson.Text(p.T) == t);
        return index < 0 ? null : index;
    }

    private static void Axes(SvgCanvas svg, (double Min, double Max) values, Sample first, Sample last)
    {
        var bottom = Height - Bottom;
        svg.Line(Left, Top, Left, bottom, SvgCanvas.Grid);
        svg.Line(Left, bottom, SvgCanvas.Width - Right, bottom, SvgCanvas.Grid);
        svg.Text(Left - 6, Top + 4, ReportNumbers.Format(values.Max), "end", fill: SvgCanvas.Muted);
        svg.Text(Left - 6, bottom, ReportNumbers.Format(values.Min), "end", fill: SvgCanvas.Muted);
        svg.Text(Left, bottom + 16, ReportJson.Truncate(first.Label, MaxLabel), fill: SvgCanvas.Muted);
        if (!ReferenceEquals(first, last))
        {
            svg.Text(SvgCanvas.Width - Right, bottom + 16, ReportJson.Truncate(last.Label, MaxLabel), "end", fill: SvgCanvas.Muted);
        }
    }

    private static void Legend(SvgCanvas svg, bool series, bool trend, bool forecast, bool anomalies)
    {
        var x = Left;
        const double y = 14;
        if (series)
        {
            x = svg.LegendEntry(x, y, "series", SvgCanvas.Accent);
        }
        if (trend)
        {
            x = svg.LegendEntry(x, y, "trend", SvgCanvas.Muted, "6 4");
        }
        if (forecast)
        {
            x = svg.LegendEntry(x, y, "forecast", SvgCanvas.Accent, "2 4");
        }
        if (anomalies)
        {
            svg.LegendEntry(x, y, "anomaly", SvgCanvas.Alert, dot: true);
        }
    }

    /// <summary>One plotted value; its position and label are settled by <see cref="Place"/>.</summary>
    private sealed class Sample(JsonNode? t, double? value)
    {
        public JsonNode? T { get; } = t;

        public double? Value { get; } = value;

        public double X { get; set; }

        public string Label { get; set; } = "";
    }
}
