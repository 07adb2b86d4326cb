namespace Actors.Api.Analyses;

/// <summary>The 202 answer to a submission.</summary>
public sealed record SubmittedResponse(
    string JobId,
    [property: Actors.Api.OpenApi.WireEnum(Actors.Api.OpenApi.WireEnums.JobStatus)] string Status,
    int PositionInQueue,
    string StatusUrl,
    string EventsUrl,
    string ResultUrl);

/// <summary>A job's status as the API shows it.</summary>
public sealed record JobStatusResponse(
    string JobId,
    [property: Actors.Api.OpenApi.WireEnum(Actors.Api.OpenApi.WireEnums.AnalysisType)] string Type,
    [property: Actors.Api.OpenApi.WireEnum(Actors.Api.OpenApi.WireEnums.JobStatus)] string Status,
    [property: Actors.Api.OpenApi.WireEnum(Actors.Api.OpenApi.WireEnums.Priority)] string Priority,
    int Progress,
    string? CurrentStep,
    int Attempts,
    int? PositionInQueue,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    JobErrorResponse? Error,
    ApprovalWaitResponse? Approval = null)
{
    public static JobStatusResponse From(JobSnapshot job, int? positionInQueue) => new(
        job.JobId, job.Type, job.Status.ToWire(), job.Priority.ToWire(), job.Progress, job.CurrentStep, job.Attempts,
        positionInQueue, job.CreatedAt, job.StartedAt, job.CompletedAt,
        job.Error is null ? null : new JobErrorResponse(job.Error.Code, job.Error.Message),
        job.Approval is { } wait ? new ApprovalWaitResponse(wait.Step, wait.Message, wait.RequestedAt, wait.DueAt, wait.OnTimeout) : null);
}

/// <summary>The approval step a job in <c>awaiting_approval</c> waits at, and what happens at <c>due_at</c> if nobody decides.</summary>
public sealed record ApprovalWaitResponse(string Step, string? Message, DateTimeOffset RequestedAt, DateTimeOffset DueAt, string OnTimeout);

public sealed record JobErrorResponse(string Code, string Message);

/// <summary>One page of the tenant's jobs; <c>next_cursor</c> (also in the <c>Link</c> header) is null on the last page.</summary>
public sealed record JobListResponse(
    IReadOnlyList<JobStatusResponse> Items,
    int Page,
    int PerPage,
    int Total,
    string? NextCursor);

/// <summary>The <c>data:</c> of an SSE job event.</summary>
public sealed record JobEventData(
    string JobId,
    long Sequence,
    [property: Actors.Api.OpenApi.WireEnum(Actors.Api.OpenApi.WireEnums.EventKind)] string Event,
    [property: Actors.Api.OpenApi.WireEnum(Actors.Api.OpenApi.WireEnums.JobStatus)] string Status,
    int Progress,
    string? CurrentStep,
    string? Message,
    JobErrorResponse? Error,
    DateTimeOffset Timestamp)
{
    public static JobEventData From(JobEvent e) => new(
        e.JobId, e.Sequence, e.Kind.ToWire(), e.Status.ToWire(), e.Progress, e.CurrentStep, e.Message,
        e.Error is null ? null : new JobErrorResponse(e.Error.Code, e.Error.Message), e.Timestamp);
}

/// <summary>The <c>data:</c> of a tenant stream's <c>dropped</c> event: how many events the client missed before the next one.</summary>
public sealed record DroppedEventsData(long Dropped);
