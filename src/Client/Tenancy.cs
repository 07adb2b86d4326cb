using System.Text.Json;

namespace Actors.Client;

/// <summary>An agent of the tenant: built in (possibly overridden) or its own, with its usage.</summary>
public sealed record Agent(string Name, string Role, string Goal, string Instructions, IReadOnlyList<string> Tools, string? ModelPreference,
    bool BuiltIn, bool Overridden, AgentUsage Usage);

public sealed record AgentUsage(long Runs, long Failures, double MeanLatencyMs, long InputTokens, long OutputTokens, decimal CostUsd);

public sealed record AgentDefinition(string Role, string Goal, string Instructions, IReadOnlyList<string> Tools, string? ModelPreference = null);

/// <summary>A team template; <see cref="Steps"/> as the API describes them (docs: README, Agents and teams).</summary>
public sealed record Team(string Name, string AnalysisType, string Strategy, IReadOnlyList<JsonElement> Steps, bool BuiltIn, string? Manager, string? Description);

/// <summary>An API key as listed: never its plaintext.</summary>
public sealed record ApiKey(string Id, string Prefix, string Name, IReadOnlyList<string> Scopes, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, string? ReplacedBy);

/// <summary>A new key: the only answer that carries its plaintext (<see cref="Key"/>).</summary>
public sealed record IssuedKey(string Id, string Key, string Prefix, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, RotatedKey? Replaces);

public sealed record RotatedKey(string Id, DateTimeOffset? ExpiresAt);

public sealed record NewKey(string Name, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt = null);

/// <summary>The caller's tenant: status, limits as set and in effect, settings and this month's usage.</summary>
public sealed record Tenant(string Id, string Name, string Status, TenantLimits Limits, TenantLimits EffectiveLimits,
    IReadOnlyDictionary<string, string> Settings, IReadOnlyDictionary<string, string> EffectiveSettings,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, TenantUsage? Usage);

public sealed record TenantLimits(int? MaxConcurrentJobs, long? MaxPayloadBytes, int? JobsPerMonth, int? RecordsPerJob,
    IReadOnlyDictionary<string, int> RequestsPerMinute);

public sealed record TenantUsage(string Month, int JobsSubmitted);

/// <summary>The tenant's LLM fallback chain with each entry's health; never a key.</summary>
public sealed record Providers(string Source, decimal? MonthlyBudgetUsd, decimal SpentThisMonthUsd, IReadOnlyList<ProviderEntry> Chain);

public sealed record ProviderEntry(string Name, string Kind, string? Endpoint, string? Model, bool HasApiKey, JsonElement? Limits, JsonElement? Breaker, JsonElement? LastError);

/// <summary>LLM usage over a period, grouped by provider, model, agent, type or day.</summary>
public sealed record Usage(DateTimeOffset From, DateTimeOffset To, string GroupBy, UsageTotals Total, IReadOnlyList<UsageGroup> Groups);

public sealed record UsageTotals(long Calls, long CachedCalls, long InputTokens, long OutputTokens, decimal CostUsd);

public sealed record UsageGroup(string Key, long Calls, long CachedCalls, long InputTokens, long OutputTokens, decimal CostUsd);

/// <summary>One entry of the tenant's audit log.</summary>
public sealed record AuditEntry(string Id, DateTimeOffset At, string TenantId, string Actor, string Action, string Resource,
    string Outcome, int Status, string RequestId, string? ClientIp, string? UserAgent);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? NextCursor);
