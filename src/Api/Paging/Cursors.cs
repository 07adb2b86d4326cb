using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Actors.Api.Paging;

/// <summary>
/// The one pagination style of every list: <c>?limit=N&amp;cursor=…</c> in, <c>next_cursor</c> in the body and a
/// <c>Link: &lt;…&gt;; rel="next"</c> header out (neither on the last page). A cursor is opaque to clients; this one
/// carries a position, so on a list that grows at its head (newest first) an item can show twice when items arrive
/// between two pages. Lists that also take <c>page</c> and <c>per_page</c> keep them, for clients written before.
/// </summary>
public static class Cursors
{
    private const string Prefix = "o:";

    public static string Encode(int offset) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The position a cursor this API made stands for; false for anything else.</summary>
    public static bool TryDecode(string cursor, out int offset)
    {
        offset = 0;
        if (cursor.Length > 32)
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[32];
        if (Base64Url.DecodeFromChars(cursor, bytes, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }
        var text = Encoding.ASCII.GetString(bytes[..written]);
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(Prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out offset);
    }

    /// <summary>Checks <paramref name="limit"/> and <paramref name="cursor"/> into <paramref name="errors"/>; the position to start at.</summary>
    public static int Read(string? cursor, int? limit, int maxLimit, Dictionary<string, string[]> errors)
    {
        if (limit is < 1 || limit > maxLimit)
        {
            errors["limit"] = [$"From 1 to {maxLimit}."];
        }
        if (cursor is null)
        {
            return 0;
        }
        if (!TryDecode(cursor, out var offset))
        {
            errors["cursor"] = ["Pass back a next_cursor this endpoint returned."];
        }
        return offset;
    }

    /// <summary>The next page's cursor, or null when <paramref name="shown"/> items from <paramref name="offset"/> reach <paramref name="total"/>.</summary>
    public static string? Next(int offset, int shown, int total) => offset + shown < total && shown > 0 ? Encode(offset + shown) : null;

    /// <summary>Sets <c>Link: &lt;this request with cursor=next&gt;; rel="next"</c> when there is a next page.</summary>
    public static void Link(HttpContext http, string? nextCursor)
    {
        if (nextCursor is null)
        {
            return;
        }
        var query = http.Request.Query
            .Where(q => q.Key is not ("cursor" or "page"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("cursor", nextCursor));
        var next = QueryHelpers.AddQueryString(http.Request.PathBase + http.Request.Path, query);
        http.Response.Headers.Append("Link", $"<{next}>; rel=\"next\"");
    }

    /// <summary>
    /// Items <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="limit"/> − 1 of a source read by page
    /// number, from the one or two pages of size <paramref name="limit"/> that window spans.
    /// </summary>
    public static async Task<(List<T> Items, int Total)> WindowAsync<T>(int offset, int limit, Func<int, int, Task<(IReadOnlyList<T> Items, int Total)>> page)
    {
        var number = offset / limit + 1;
        var skip = offset % limit;
        var (first, total) = await page(number, limit);
        var items = first.Skip(skip).ToList();
        if (skip > 0 && offset + items.Count < total)
        {
            var (second, _) = await page(number + 1, limit);
            items.AddRange(second.Take(limit - items.Count));
        }
        return (items, total);
    }
}
