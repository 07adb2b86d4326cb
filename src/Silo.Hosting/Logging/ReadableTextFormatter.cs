using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace Actors.Silo.Logging;

/// <summary>
/// One line per event for a person: time, level, message, the event's other properties as JSON,
/// and the trace and span ids when the event happened inside an activity (a request, a traced call).
/// </summary>
public sealed class ReadableTextFormatter : ITextFormatter
{
    private const string Line = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}";

    private static readonly MessageTemplateTextFormatter Untraced =
        new(Line + "{NewLine}{Exception}", CultureInfo.InvariantCulture);

    // Trace ids are not properties, so {Properties} never shows them; events outside any activity skip the empty suffix.
    private static readonly MessageTemplateTextFormatter Traced =
        new(Line + " trace={TraceId} span={SpanId}{NewLine}{Exception}", CultureInfo.InvariantCulture);

    public void Format(LogEvent logEvent, TextWriter output) =>
        (logEvent.TraceId is null ? Untraced : Traced).Format(logEvent, output);
}
