using System.Diagnostics;
using Actors.Silo.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace Actors.Api.Tests.Logging;

/// <summary>The two console formats of <c>Actors:Logging:Format</c>.</summary>
public sealed class LogFormatTests
{
    private static readonly ActivityTraceId TraceId = ActivityTraceId.CreateFromString("4bf92f3577b34da6a3ce929d0e0e4736");
    private static readonly ActivitySpanId SpanId = ActivitySpanId.CreateFromString("00f067aa0ba902b7");

    private static LogEvent Event(bool traced) => new(
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        LogEventLevel.Information,
        exception: null,
        new MessageTemplateParser().Parse("Job {JobId} queued"),
        [new LogEventProperty("JobId", new ScalarValue("job_1")), new LogEventProperty("RequestId", new ScalarValue("req_1"))],
        traced ? TraceId : default,
        traced ? SpanId : default);

    private static string Format(string? format, LogEvent logEvent)
    {
        using var output = new StringWriter();
        NodeLogging.FormatterFor(format).Format(logEvent, output);
        return output.ToString();
    }

    [Fact]
    public void Json_is_one_compact_json_object_per_event_with_message_properties_and_trace_ids()
    {
        var line = Format("json", Event(traced: true));

        var json = JsonDocument.Parse(line).RootElement;
        Assert.Equal("Job \"job_1\" queued", json.GetProperty("@m").GetString());
        Assert.Equal("req_1", json.GetProperty("RequestId").GetString());
        Assert.Equal(TraceId.ToHexString(), json.GetProperty("@tr").GetString());
        Assert.Equal(SpanId.ToHexString(), json.GetProperty("@sp").GetString());
        Assert.Single(line.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Text_shows_the_message_the_other_properties_and_the_trace_ids()
    {
        var line = Format("text", Event(traced: true));

        Assert.StartsWith("[", line);
        Assert.Contains("Job job_1 queued", line);
        Assert.Contains("\"RequestId\":\"req_1\"", line);
        Assert.Contains($"trace={TraceId.ToHexString()} span={SpanId.ToHexString()}", line);
    }

    [Fact]
    public void Text_leaves_the_trace_ids_out_of_events_outside_any_activity()
    {
        var line = Format("text", Event(traced: false));

        Assert.DoesNotContain("trace=", line);
    }

    [Fact]
    public void Text_is_the_default_and_an_unknown_format_stops_the_node()
    {
        Assert.IsType<ReadableTextFormatter>(NodeLogging.FormatterFor(null));
        Assert.IsType<ReadableTextFormatter>(NodeLogging.FormatterFor(" Text "));
        var refused = Assert.Throws<InvalidOperationException>(() => NodeLogging.FormatterFor("xml"));
        Assert.Contains(NodeLogging.FormatSetting, refused.Message);
    }
}
