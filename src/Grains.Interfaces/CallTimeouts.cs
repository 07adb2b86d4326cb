namespace Actors;

/// <summary>
/// Response timeouts fitted to the calls on a job's path, instead of Orleans's 30 s for all: a call
/// to an activation on a silo that has just died gets no answer until membership declares the silo
/// dead, and a job (or the queue) waiting 30 s on it held a run slot that long. Timing out sooner,
/// the caller retries (a job's watchdog, a client's Idempotency-Key) on the activation that replaces it.
/// </summary>
public static class CallTimeouts
{
    /// <summary>A rate-limit decision, asked on every request: a bucket is a few arithmetic operations in memory.</summary>
    public const string Instant = "00:00:02";

    /// <summary>In-memory grain work (the queue, the job list's buffering, a tenant's cached policy).</summary>
    public const string Quick = "00:00:05";

    /// <summary>Calls that wait on storage (a job's write, a page of the job list, audit inserts): PostgreSQL may take a while to answer under load.</summary>
    public const string Storage = "00:00:15";
}
