using Actors.Api.Problems;

namespace Actors.Api.Analyses;

/// <summary>Where a resumed event stream starts: the <c>Last-Event-ID</c> header, or <c>last_event_id</c> for clients that cannot set headers.</summary>
public static class LastEventId
{
    public static bool TryRead(HttpRequest request, out long lastSequence)
    {
        var raw = request.Headers["Last-Event-ID"].ToString();
        if (raw.Length == 0)
        {
            raw = request.Query["last_event_id"].ToString();
        }
        if (raw.Length == 0)
        {
            lastSequence = 0;
            return true;
        }
        return long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out lastSequence);
    }

    public static IResult Invalid() =>
        Problem.Validation("Last-Event-ID must be a non-negative integer (a sequence number this stream sent).",
            new Dictionary<string, string[]> { ["Last-Event-ID"] = ["Expected a non-negative integer."] });
}
