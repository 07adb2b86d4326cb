namespace Actors.Jobs;

/// <summary>What every terminal state of a job has in common, whichever way it ended.</summary>
public static class JobEnd
{
    /// <summary>A terminal state keeps no step checkpoints, and the submitted data only when <paramref name="keepInputUntil"/> says until when.</summary>
    public static AnalysisJobState Of(AnalysisJobState s, JobStatus status, DateTimeOffset at, DateTimeOffset? keepInputUntil = null) =>
        s with
        {
            Request = keepInputUntil is null ? KeptInput.WithoutData(s.Request) : s.Request,
            InputKeptUntil = keepInputUntil,
            Status = status,
            CompletedAt = at,
            Checkpoints = s.Checkpoints.Clear(),
        };
}
