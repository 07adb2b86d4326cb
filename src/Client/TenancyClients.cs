using System.Globalization;

namespace Actors.Client;

/// <summary><c>/api/v1/agents</c>: the tenant's agents.</summary>
public sealed class AgentsClient
{
    private readonly Transport _transport;

    internal AgentsClient(Transport transport) => _transport = transport;

    public Task<IReadOnlyList<Agent>> ListAsync(CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<IReadOnlyList<Agent>>(() => _transport.Request(HttpMethod.Get, "api/v1/agents"), true, cancellationToken);

    public Task<Agent> GetAsync(string name, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<Agent>(() => _transport.Request(HttpMethod.Get, $"api/v1/agents/{Transport.Escape(name)}"), true, cancellationToken);

    /// <summary>Overrides a built-in agent or defines one of the tenant's own.</summary>
    public Task<Agent> PutAsync(string name, AgentDefinition definition, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<Agent>(() => _transport.Request(HttpMethod.Put, $"api/v1/agents/{Transport.Escape(name)}", definition), true, cancellationToken);
}

/// <summary><c>/api/v1/teams</c>: the shipped and the tenant's team templates.</summary>
public sealed class TeamsClient
{
    private readonly Transport _transport;

    internal TeamsClient(Transport transport) => _transport = transport;

    public Task<IReadOnlyList<Team>> ListAsync(CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<IReadOnlyList<Team>>(() => _transport.Request(HttpMethod.Get, "api/v1/teams"), true, cancellationToken);

    public Task<Team> GetAsync(string name, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<Team>(() => _transport.Request(HttpMethod.Get, $"api/v1/teams/{Transport.Escape(name)}"), true, cancellationToken);

    /// <summary>Registers a template: any object of the shape the API documents (name, analysis_type, strategy, steps, …).</summary>
    public Task<Team> RegisterAsync(object template, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<Team>(() => _transport.Request(HttpMethod.Post, "api/v1/teams", template), false, cancellationToken);
}

/// <summary><c>/api/v1/keys</c>: the tenant's API keys (admin scope).</summary>
public sealed class KeysClient
{
    private readonly Transport _transport;

    internal KeysClient(Transport transport) => _transport = transport;

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default) =>
        (await _transport.SendJsonAsync<KeyList>(() => _transport.Request(HttpMethod.Get, "api/v1/keys"), true, cancellationToken).ConfigureAwait(false)).Items;

    /// <summary>Issues a key; the answer is the only place its plaintext appears.</summary>
    public Task<IssuedKey> IssueAsync(NewKey key, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<IssuedKey>(() => _transport.Request(HttpMethod.Post, "api/v1/keys", key), false, cancellationToken);

    /// <summary>A new key for an old one, which keeps working for <paramref name="gracePeriod"/> (default: the service's).</summary>
    public Task<IssuedKey> RotateAsync(string keyId, TimeSpan? gracePeriod = null, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<IssuedKey>(() => _transport.Request(HttpMethod.Post, $"api/v1/keys/{Transport.Escape(keyId)}/rotate",
            new { grace_period_seconds = gracePeriod is { } g ? (long?)g.TotalSeconds : null }), false, cancellationToken);

    public Task RevokeAsync(string keyId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(() => _transport.Request(HttpMethod.Delete, $"api/v1/keys/{Transport.Escape(keyId)}"), true, cancellationToken);

    private sealed record KeyList(IReadOnlyList<ApiKey> Items);
}

/// <summary>The caller's tenant: <c>/api/v1/tenant</c>, <c>/providers</c>, <c>/usage</c> and <c>/audit</c>.</summary>
public sealed class TenantClient
{
    private readonly Transport _transport;

    internal TenantClient(Transport transport) => _transport = transport;

    /// <summary>Status, limits and this month's usage.</summary>
    public Task<Tenant> GetAsync(CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<Tenant>(() => _transport.Request(HttpMethod.Get, "api/v1/tenant"), true, cancellationToken);

    public Task<Providers> GetProvidersAsync(CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<Providers>(() => _transport.Request(HttpMethod.Get, "api/v1/providers"), true, cancellationToken);

    /// <summary>LLM usage from <paramref name="from"/> (default: this month), grouped by provider, model, agent, type or day.</summary>
    public Task<Usage> GetUsageAsync(DateOnly? from = null, DateOnly? to = null, string? groupBy = null, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<Usage>(() => _transport.Request(HttpMethod.Get, Transport.Query("api/v1/usage",
            ("from", from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("to", to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("group_by", groupBy))), true, cancellationToken);

    /// <summary>One page of the audit log, newest first.</summary>
    public Task<AuditPage> ListAuditAsync(string? action = null, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<AuditPage>(() => _transport.Request(HttpMethod.Get, Transport.Query("api/v1/audit",
            ("action", action), ("limit", limit?.ToString(CultureInfo.InvariantCulture)), ("cursor", cursor))), true, cancellationToken);
}
