namespace Actors.Api.Analyses;

/// <summary>How SSE streams behave. Bound from <c>Actors:Api:Events</c>.</summary>
public sealed class EventStreamOptions
{
    public const string Section = "Actors:Api:Events";

    /// <summary>A comment line is sent at least this often so proxies keep the connection open.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>While no live event arrives, the job's replay buffer is read this often (memory streams can drop events).</summary>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Events held for one slow <c>GET /api/v1/events</c> client before the oldest are dropped.</summary>
    public int TenantStreamBuffer { get; set; } = 10_000;
}
