using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Actors.Api.Tests.Logging;

/// <summary>A Serilog sink that keeps every event of a node in memory, for tests to search.</summary>
public sealed class CapturedLog : ILogEventSink
{
    private static readonly CompactJsonFormatter Json = new();

    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IReadOnlyList<LogEvent> Events => [.. _events];

    /// <summary>Everything an event would put in a log line: template, rendered message, every property, the exception.</summary>
    public static string Render(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        Json.Format(logEvent, writer);
        writer.Write(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
        return writer.ToString();
    }

    /// <summary>The completion event Serilog's request logging wrote for the request with this id, once it is there.</summary>
    public async Task<LogEvent> RequestCompletionAsync(string requestId)
    {
        var found = await Eventually.Until(
            () => Task.FromResult(Events.FirstOrDefault(e => IsRequestCompletion(e) && Scalar(e, "RequestId") == requestId)),
            e => e is not null,
            $"the request log event of request {requestId}");
        return found!;
    }

    public static bool IsRequestCompletion(LogEvent logEvent) =>
        Scalar(logEvent, "SourceContext") == "Serilog.AspNetCore.RequestLoggingMiddleware";

    /// <summary>A scalar property's value as text, or null.</summary>
    public static string? Scalar(LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: { } scalar }
            ? Convert.ToString(scalar, System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
