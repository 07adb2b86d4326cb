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

    /// <summary>Event streams (a job's, the tenant's, a conversation's answer) one API key or user may hold open on one node; 0 lifts it.</summary>
    public int MaxOpenPerKey { get; set; } = 10;

    /// <summary>Event streams all of a tenant's keys and users may hold open on one node; 0 lifts it.</summary>
    public int MaxOpenPerTenant { get; set; } = 100;

    /// <summary>The <c>Retry-After</c> of a stream refused for a limit above.</summary>
    public TimeSpan OpenLimitRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
