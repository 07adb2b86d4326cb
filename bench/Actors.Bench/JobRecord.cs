namespace Actors.Bench;

/// <summary>What the benchmark saw of one job. Times are <see cref="System.Diagnostics.Stopwatch"/> timestamps.</summary>
public sealed class JobRecord(int index, bool measured)
{
    public int Index { get; } = index;
    public bool Measured { get; } = measured;

    public long SubmitStart { get; set; }
    public long SubmitEnd { get; set; }
    /// <summary>HTTP status of the submit, or 0 when no response arrived.</summary>
    public int SubmitStatus { get; set; }
    public string? SubmitError { get; set; }
    public bool Accepted => SubmitStatus == 202 && JobId is not null && EventsUrl is not null;

    public string? JobId { get; set; }
    public string? EventsUrl { get; set; }

    /// <summary>completed, failed or cancelled; null when no terminal event arrived.</summary>
    public string? Terminal { get; set; }
    public long TerminalAt { get; set; }
    public bool TimedOut { get; set; }
    public string? StreamError { get; set; }
    public string? FailureDetail { get; set; }

    public int Events { get; set; }
    public long LastSequence { get; set; }
    public long Gaps { get; set; }
    public long Duplicates { get; set; }
    public int EventsWithoutId { get; set; }
    public int Connects { get; set; }
    /// <summary>True once the server ended the response after the terminal event; false if it kept it open.</summary>
    public bool? ClosedAfterTerminal { get; set; }
    public Dictionary<string, int> Kinds { get; } = new(StringComparer.Ordinal);

    public bool Completed => Terminal == "completed";
}
