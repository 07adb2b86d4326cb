using System.Net;
using System.Text;

namespace Actors.Reports;

/// <summary>Escaping for text and attribute values; every report string is user data.</summary>
internal static class Html
{
    public static string Escape(string? text) => WebUtility.HtmlEncode(XmlSafe(text ?? ""));

    /// <summary>
    /// Control characters and lone surrogates are not allowed in XML even as references, and the page
    /// is kept XHTML-parseable, so they become U+FFFD.
    /// </summary>
    private static string XmlSafe(string text)
    {
        if (!text.Any(c => char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF'))
        {
            return text;
        }
        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                safe.Append(c).Append(text[++i]);
            }
            else if (c is '\t' or '\n' or '\r' || (!char.IsSurrogate(c) && c >= ' ' && c is not ('\uFFFE' or '\uFFFF')))
            {
                safe.Append(c);
            }
            else
            {
                safe.Append('\uFFFD');
            }
        }
        return safe.ToString();
    }
}
