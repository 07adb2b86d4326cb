using Actors.Tenants;

namespace Actors.Api.Tenancy;

public sealed record TenantResponse(
    string Id,
    string Name,
    string Status,
    LimitsResponse Limits,
    LimitsResponse EffectiveLimits,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, string> EffectiveSettings,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    UsageResponse? Usage)
{
    public static TenantResponse From(TenantRecord record, TenantPolicy policy, UsageResponse? usage) => new(
        record.Id, record.Name, record.Status.ToWire(), LimitsResponse.From(record.Limits), LimitsResponse.From(policy.Limits),
        record.Settings, policy.Settings, record.CreatedAt, record.UpdatedAt, usage);
}

/// <summary>Limits as set (null: the default) or effective (null: no limit).</summary>
public sealed record LimitsResponse(
    int? MaxConcurrentJobs,
    long? MaxPayloadBytes,
    int? JobsPerMonth,
    int? RecordsPerJob,
    IReadOnlyDictionary<string, int> RequestsPerMinute)
{
    public static LimitsResponse From(TenantLimits limits) => new(
        limits.MaxConcurrentJobs, limits.MaxPayloadBytes, limits.JobsPerMonth, limits.RecordsPerJob,
        limits.RequestsPerMinute ?? new Dictionary<string, int>());
}

/// <summary>This calendar month's (UTC) usage.</summary>
public sealed record UsageResponse(string Month, int JobsSubmitted);

/// <summary>One page of tenants; <c>next_cursor</c> (also in the <c>Link</c> header) is null on the last page.</summary>
public sealed record TenantListResponse(IReadOnlyList<TenantResponse> Items, int Page, int PerPage, int Total, string? NextCursor);
