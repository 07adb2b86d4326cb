namespace Actors.Batches;

/// <summary><c>Actors:Batches</c>: how big a batch may be and how it keeps its items' statuses.</summary>
public sealed class BatchOptions
{
    public const string Section = "Actors:Batches";

    /// <summary>The most items one batch may have.</summary>
    public int MaxItems { get; set; } = 10_000;

    /// <summary>How long item changes may wait to be written together (events are shown once written).</summary>
    public TimeSpan WriteDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a running batch asks its unfinished items' jobs for their status, in case a change was lost.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An item whose job still does not exist this long after the batch was made was never submitted (its submitter died): it fails as <c>not_submitted</c>.</summary>
    public TimeSpan SubmitGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Watchdog reminder period of a running batch (Orleans's minimum is 1 minute).</summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
