using System.Text;

namespace Actors.Reports;

/// <summary>
/// Writes one inline SVG element. Styling is set as presentation attributes so a chart copied out of
/// the page still looks the same; all text goes through <see cref="Html.Escape"/>.
/// </summary>
internal sealed class SvgCanvas
{
    public const double Width = 640;
    public const string Ink = "#333333";
    public const string Muted = "#777777";
    public const string Grid = "#cccccc";
    public const string Accent = "#2b6cb0";
    public const string Alert = "#d62728";

    private readonly StringBuilder _svg = new();

    public SvgCanvas(double height, string label, string kind)
    {
        Height = height;
        _svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-").Append(Html.Escape(kind))
            .Append("\" viewBox=\"0 0 ").Append(C(Width)).Append(' ').Append(C(height))
            .Append("\" role=\"img\" aria-label=\"").Append(Html.Escape(label)).Append("\">")
            .Append("<title>").Append(Html.Escape(label)).Append("</title>");
    }

    public double Height { get; }

    public void Line(double x1, double y1, double x2, double y2, string stroke, string? dash = null, double width = 1)
    {
        _svg.Append("<line x1=\"").Append(C(x1)).Append("\" y1=\"").Append(C(y1))
            .Append("\" x2=\"").Append(C(x2)).Append("\" y2=\"").Append(C(y2))
            .Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(C(width)).Append('"');
        Dash(dash);
        _svg.Append("/>");
    }

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, string cssClass, string? dash = null, double width = 2)
    {
        _svg.Append("<polyline class=\"").Append(cssClass).Append("\" fill=\"none\" stroke=\"").Append(stroke)
            .Append("\" stroke-width=\"").Append(C(width)).Append("\" stroke-linejoin=\"round\"");
        Dash(dash);
        _svg.Append(" points=\"").AppendJoin(' ', points.Select(p => C(p.X) + "," + C(p.Y))).Append("\"/>");
    }

    public void Circle(double x, double y, double radius, string fill, string cssClass, string? tooltip = null)
    {
        _svg.Append("<circle class=\"").Append(cssClass).Append("\" cx=\"").Append(C(x)).Append("\" cy=\"").Append(C(y))
            .Append("\" r=\"").Append(C(radius)).Append("\" fill=\"").Append(fill).Append('"');
        Close(tooltip, "circle");
    }

    public void Rect(double x, double y, double width, double height, string fill, string cssClass, string? tooltip = null, string? stroke = null)
    {
        _svg.Append("<rect class=\"").Append(cssClass).Append("\" x=\"").Append(C(x)).Append("\" y=\"").Append(C(y))
            .Append("\" width=\"").Append(C(Math.Max(0, width))).Append("\" height=\"").Append(C(Math.Max(0, height)))
            .Append("\" fill=\"").Append(fill).Append('"');
        if (stroke is not null)
        {
            _svg.Append(" stroke=\"").Append(stroke).Append('"');
        }
        Close(tooltip, "rect");
    }

    public void Text(double x, double y, string text, string anchor = "start", double size = 11, string fill = Ink, double? rotate = null)
    {
        _svg.Append("<text x=\"").Append(C(x)).Append("\" y=\"").Append(C(y)).Append("\" font-size=\"").Append(C(size))
            .Append("\" text-anchor=\"").Append(anchor).Append("\" fill=\"").Append(fill).Append('"');
        if (rotate is { } degrees)
        {
            _svg.Append(" transform=\"rotate(").Append(C(degrees)).Append(' ').Append(C(x)).Append(' ').Append(C(y)).Append(")\"");
        }
        _svg.Append('>').Append(Html.Escape(text)).Append("</text>");
    }

    /// <summary>A small legend entry: a line sample (or a dot) and its label; returns the x after it.</summary>
    public double LegendEntry(double x, double y, string label, string stroke, string? dash = null, bool dot = false)
    {
        if (dot)
        {
            Circle(x + 9, y - 4, 4, stroke, "legend-dot");
        }
        else
        {
            Line(x, y - 4, x + 18, y - 4, stroke, dash, 2);
        }
        Text(x + 23, y, label, size: 10, fill: Muted);
        return x + 23 + (label.Length * 6) + 14;
    }

    public string Close() => _svg.Append("</svg>").ToString();

    private void Dash(string? dash)
    {
        if (dash is not null)
        {
            _svg.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        }
    }

    /// <summary>A tooltip is an SVG <c>title</c> child, shown on hover by browsers.</summary>
    private void Close(string? tooltip, string element)
    {
        if (tooltip is null)
        {
            _svg.Append("/>");
            return;
        }
        _svg.Append("><title>").Append(Html.Escape(tooltip)).Append("</title></").Append(element).Append('>');
    }

    private static string C(double value) => ReportNumbers.Coordinate(value);
}
