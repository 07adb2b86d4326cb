using System.Diagnostics;
using Serilog.Events;

namespace Actors.Silo.Logging;

/// <summary>
/// Orleans 10.4.2's silo watchdog starts its platform thread before it stamps when the participant
/// check began, so that thread's first look can measure from timestamp 0 (the machine's boot, on
/// Linux): a fresh node logs at Warning that the "participant check thread has not completed for
/// 00:25:31 … potentially indicating … deadlock", the machine's uptime, although nothing is stuck.
/// A stall longer than this process has lived cannot have happened: only that event is dropped; a
/// real stall (shorter than the process's life) is still logged.
/// </summary>
public static class WatchdogStartRace
{
    private const string WatchdogCategory = "Orleans.Runtime.Watchdog";
    private const string StalledTemplate = "Participant check thread has not completed";
    private static readonly DateTime ProcessStarted = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public static bool IsFalseStall(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: WatchdogCategory }
        && logEvent.MessageTemplate.Text.StartsWith(StalledTemplate, StringComparison.Ordinal)
        && logEvent.Properties.TryGetValue("TimeSinceLastTick", out var stalled) && stalled is ScalarValue { Value: TimeSpan stall }
        && stall > DateTime.UtcNow - ProcessStarted;
}
