using System.Collections.Immutable;

namespace Actors.Jobs;

/// <summary>
/// The persisted record of one job. <see cref="Checkpoints"/> holds each finished step's output
/// (JSON) so a resumed job skips it; <see cref="Events"/> is the bounded replay buffer.
/// </summary>
[GenerateSerializer, Alias("Actors.Jobs.AnalysisJobState")]
public sealed record AnalysisJobState
{
    [Id(0)] public AnalysisRequest? Request { get; init; }
    [Id(1)] public JobStatus Status { get; init; }
    [Id(2)] public int Progress { get; init; }
    [Id(3)] public string? CurrentStep { get; init; }
    [Id(4)] public int Attempts { get; init; }
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public DateTimeOffset? StartedAt { get; init; }
    [Id(7)] public DateTimeOffset? CompletedAt { get; init; }
    [Id(8)] public JobError? Error { get; init; }
    [Id(9)] public ImmutableDictionary<string, string> Checkpoints { get; init; } = ImmutableDictionary<string, string>.Empty;
    [Id(10)] public ImmutableList<JobEvent> Events { get; init; } = [];
    [Id(11)] public long LastSequence { get; init; }
    [Id(12)] public string? ReportJson { get; init; }

    /// <summary>The report is in the <see cref="IResultStore"/>, not in <see cref="ReportJson"/>: it was too large to keep here.</summary>
    [Id(13)] public bool ReportStored { get; init; }

    /// <summary>The submitted data was too large for this state and is held by the job's <see cref="IAnalysisJobInput"/>.</summary>
    [Id(14)] public bool InputStoredApart { get; init; }

    /// <summary>A completed job keeps its submitted data until then (for questions about it), then erases it; null: not kept.</summary>
    [Id(15)] public DateTimeOffset? InputKeptUntil { get; init; }

    /// <summary>The approval step the job waits at (status <see cref="JobStatus.AwaitingApproval"/>); the last one it waited at after that.</summary>
    [Id(16)] public ApprovalWait? Approval { get; init; }

    /// <summary>Time spent waiting for approvals (until the decision): not counted against <see cref="JobOptions.Timeout"/>.</summary>
    [Id(17)] public TimeSpan AwaitedApproval { get; init; }
}
