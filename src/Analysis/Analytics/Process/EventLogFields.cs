namespace Actors.Analytics.Process;

/// <summary>The columns that make a table an event log. End time and resource are optional.</summary>
public sealed record EventLogFields(string Case, string Activity, string Time, string? EndTime = null, string? Resource = null);
