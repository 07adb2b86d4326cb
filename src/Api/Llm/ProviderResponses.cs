using Actors.Llm;

namespace Actors.Api.Llm;

/// <summary>A tenant's chain as the API shows it: every entry's health, never a key.</summary>
public sealed record ProvidersResponse(
    string Source,
    decimal? MonthlyBudgetUsd,
    decimal SpentThisMonthUsd,
    IReadOnlyList<ProviderEntryResponse> Chain);

public sealed record ProviderEntryResponse(
    string Name,
    string Kind,
    string? Endpoint,
    string? Model,
    bool HasApiKey,
    ProviderLimitsResponse? Limits,
    BreakerResponse? Breaker,
    ProviderErrorResponse? LastError)
{
    /// <summary>The last tier of every chain.</summary>
    public static readonly ProviderEntryResponse StatisticalEngine = new(ProviderEntry.Statistical, ProviderEntry.Statistical, null, null, false, null, null, null);

    /// <summary>A global entry is the operator's: its endpoint and error texts are not shown to tenants.</summary>
    public static ProviderEntryResponse From(ProviderTarget target, ProviderHealth health) => new(
        target.Name, target.Kind, target.IsOperators ? null : target.Endpoint, target.Model, !string.IsNullOrEmpty(target.ApiKey),
        new ProviderLimitsResponse(target.Limits.RequestsPerMinute, target.Limits.TokensPerMinute, health.RequestsThisMinute, health.TokensThisMinute, health.ThrottledUntil),
        new BreakerResponse(health.State switch { BreakerState.Open => "open", BreakerState.HalfOpen => "half_open", _ => "closed" },
            health.ConsecutiveFailures, health.OpenedAt, health.RetryAt),
        health.LastError is null || target.IsOperators ? null : new ProviderErrorResponse(health.LastError, health.LastErrorAt));
}

public sealed record ProviderLimitsResponse(int? RequestsPerMinute, long? TokensPerMinute, int RequestsThisMinute, long TokensThisMinute, DateTimeOffset? ThrottledUntil);

public sealed record BreakerResponse(string State, int ConsecutiveFailures, DateTimeOffset? OpenedAt, DateTimeOffset? RetryAt);

public sealed record ProviderErrorResponse(string Message, DateTimeOffset? At);

/// <summary>The body of <c>PUT /api/v1/providers</c>.</summary>
public sealed record ProvidersRequest(IReadOnlyList<ProviderEntryRequest>? Chain, decimal? MonthlyBudgetUsd);

/// <summary>
/// One entry; <c>api_key</c> is write-only: omitted, the entry keeps its current key as long as its kind
/// and endpoint are unchanged (else the request is refused); <c>""</c> means no key.
/// </summary>
public sealed record ProviderEntryRequest(
    string? Name,
    string? Kind,
    string? Endpoint,
    string? Model,
    string? ApiKey,
    int? RequestsPerMinute,
    long? TokensPerMinute);

/// <summary>Usage over a period, grouped.</summary>
public sealed record UsageResponse(DateTimeOffset From, DateTimeOffset To, string GroupBy, UsageTotals Total, IReadOnlyList<UsageGroup> Groups);

public sealed record UsageTotals(long Calls, long CachedCalls, long InputTokens, long OutputTokens, decimal CostUsd);

public sealed record UsageGroup(string Key, long Calls, long CachedCalls, long InputTokens, long OutputTokens, decimal CostUsd);
