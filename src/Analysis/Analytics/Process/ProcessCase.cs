namespace Actors.Analytics.Process;

/// <summary>One case of an event log: its events ordered by start time, ties in input order. Never empty.</summary>
public sealed record ProcessCase(string Id, IReadOnlyList<ProcessEvent> Events)
{
    /// <summary>Separates activity names in a <see cref="Path"/>.</summary>
    public const string PathSeparator = " > ";

    /// <summary>Last start time minus first start time; 0 for a single-event case.</summary>
    public double CycleTime => Events[^1].Start - Events[0].Start;

    /// <summary>The activity names in case order, joined by <see cref="PathSeparator"/>: the case's variant.</summary>
    public string Path => string.Join(PathSeparator, Events.Select(e => e.Activity));
}
