using System.Globalization;
using System.Text.Json;

namespace Actors.Testing;

/// <summary>One thing read from an event stream: a comment line or a dispatched event.</summary>
public abstract record SseItem;

/// <summary>A <c>: text</c> comment line (the opening comment, keep-alives).</summary>
public sealed record SseComment(string Text) : SseItem;

/// <summary>An event: its <c>id:</c>, <c>event:</c> and (joined) <c>data:</c> fields.</summary>
public sealed record SseEvent(string? Id, string? Event, string Data) : SseItem
{
    /// <summary>The event's type as a browser sees it: <c>message</c> when the frame names none.</summary>
    public string Type => Event ?? "message";

    public long Sequence => long.Parse(Id ?? throw new InvalidOperationException($"The event has no id: {this}"), CultureInfo.InvariantCulture);

    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();

    /// <summary>A job's last event: completed, failed or cancelled.</summary>
    public bool IsTerminal => Event is "completed" or "failed" or "cancelled";
}
