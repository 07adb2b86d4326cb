using System.Xml.Linq;

namespace Actors.Analytics.Tests.Reports;

/// <summary>Reads the HTML rendering as XML, which it is written to be apart from the doctype line.</summary>
internal static class Xhtml
{
    public const string Doctype = "<!DOCTYPE html>";

    public static XDocument Parse(string html)
    {
        Assert.StartsWith(Doctype + "\n", html, StringComparison.Ordinal);
        return XDocument.Parse(html[(Doctype.Length + 1)..]);
    }

    /// <summary>Elements by local name, so SVG (which has its own namespace) and HTML elements read alike.</summary>
    public static IEnumerable<XElement> All(XContainer root, string name) =>
        root.Descendants().Where(e => e.Name.LocalName == name);

    public static IEnumerable<XElement> WithClass(XContainer root, string name, string cssClass) =>
        All(root, name).Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true);

    public static int PointCount(XElement polyline) =>
        ((string?)polyline.Attribute("points") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
