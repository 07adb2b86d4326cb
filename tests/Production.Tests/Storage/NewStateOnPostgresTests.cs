using Actors.Llm;
using Actors.Tenants;
using Actors.Webhooks;

namespace Actors.Production.Tests.Storage;

/// <summary>
/// The state of tenants, keys and the LLM tier round-trips through PostgreSQL (System.Text.Json in
/// production, unlike the embedded default's binary copies): written by one cluster, read by the next.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NewStateOnPostgresTests(PostgresServer server)
{
    [Fact]
    public async Task TenantsKeysProviderSettingsBreakersAndTheUsageLedgerSurviveAFullClusterRestart()
    {
        var (database, serviceId) = await PostgresClusters.NewStoreAsync(server);
        var tenant = "t" + Guid.NewGuid().ToString("N")[..12];
        var limits = new TenantLimits(MaxConcurrentJobs: 2, MaxPayloadBytes: 4096, JobsPerMonth: 10, RecordsPerJob: 500,
            RequestsPerMinute: new Dictionary<string, int> { [TenantLimits.SubmitPolicy] = 7 });
        var settings = new TenantLlmSettings(
            [new ProviderEntry("mine", ProviderEntry.OpenAi, "https://llm.example.test/v1", "gpt-test", "sealed-cipher-text", 60, 100_000)], 12.5m);
        var usage = new UsageEntry(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), "job_1", "data_interpretation", "report_writer",
            "narrative", "mine", "gpt-test", 180, 30, 0.00075m, Cached: false);
        var providerKey = $"{tenant}/mine/gpt-test";
        var keyHash = new string('a', 64);
        var grant = new ApiKeyInfo(tenant, "ci", "ak_test_abcd", ["analyses:read"], new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), false,
            ExpiresAt: new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

        TenantPolicy policyBefore;
        ProviderHealth healthBefore;
        await using (var cluster = await PostgresClusters.StartAsync(database, serviceId))
        {
            var grains = cluster.Client;
            Assert.NotNull(await grains.GetGrain<ITenant>(tenant).Create("Acme", TenantStatus.Trial, limits, new Dictionary<string, string> { ["locale"] = "de-DE" }));
            await grains.GetGrain<IApiKey>(keyHash).Register(grant);
            await grains.GetGrain<ITenantProviders>(tenant).Put(settings);
            await grains.GetGrain<IUsageLedger>($"{tenant}/2026-11").Record([usage]);
            var failure = new ProviderOutcome(false, "http_500", null, 0, 0, ProviderLimits.None);
            for (var i = 0; i < 3; i++)
            {
                healthBefore = await grains.GetGrain<IProvider>(providerKey).Report(failure);
            }
            policyBefore = await grains.GetGrain<ITenant>(tenant).GetPolicy();
            healthBefore = await grains.GetGrain<IProvider>(providerKey).GetHealth();
        }

        await using var restarted = await PostgresClusters.StartAsync(database, serviceId);
        var client = restarted.Client;
        var policyAfter = await client.GetGrain<ITenant>(tenant).GetPolicy();
        var grantAfter = await client.GetGrain<IApiKey>(keyHash).Get();
        var settingsAfter = await client.GetGrain<ITenantProviders>(tenant).Get();
        var usageAfter = await client.GetGrain<IUsageLedger>($"{tenant}/2026-11").Entries();
        var healthAfter = await client.GetGrain<IProvider>(providerKey).GetHealth();

        Assert.Equal(TenantStatus.Trial, policyAfter.Status);
        Assert.Equal(policyBefore.Limits.MaxPayloadBytes, policyAfter.Limits.MaxPayloadBytes);
        Assert.Equal(7, policyAfter.Limits.RequestsPerMinute![TenantLimits.SubmitPolicy]);
        Assert.Equal("de-DE", policyAfter.Settings["locale"]);
        Assert.Equal(grant.ExpiresAt, grantAfter!.ExpiresAt);
        Assert.Equal(grant.Scopes, grantAfter.Scopes);
        Assert.Equal(settings.Chain, settingsAfter.Chain);
        Assert.Equal(12.5m, settingsAfter.MonthlyBudgetUsd);
        Assert.Equal([usage], usageAfter);
        Assert.Equal(BreakerState.Open, healthBefore.State);
        Assert.Equal(BreakerState.Open, healthAfter.State);
        Assert.Equal("http_500", healthAfter.LastError);
    }

    [Fact]
    public async Task WebhookSigningSecretsAreStoredSealedAndHandedOutOpen()
    {
        var (database, serviceId) = await PostgresClusters.NewStoreAsync(server);
        var tenant = "t" + Guid.NewGuid().ToString("N")[..12];
        await using var cluster = await PostgresClusters.StartAsync(database, serviceId);
        var webhooks = cluster.Client.GetGrain<ITenantWebhooks>(tenant);

        var created = await webhooks.Create(new WebhookDraft("https://hooks.example.test/in", ["job.completed"], null));
        var callback = await webhooks.GetCallbackSecret();
        var target = await webhooks.GetTarget(created!.Webhook.Id);
        var stored = await Sql.ScalarAsync<string>(database,
            $"SELECT convert_from(payload, 'UTF8') FROM actors_grain_state WHERE service_id = '{serviceId}' AND state_name = 'tenant-webhooks' AND grain_key_ext = '{tenant}'");

        Assert.Equal(created.Secret, target!.Secret);
        Assert.Equal(callback.Secret, (await webhooks.GetCallbackSecret()).Secret);
        Assert.DoesNotContain(created.Secret, stored);
        Assert.DoesNotContain(callback.Secret, stored);
        // Sealed with the newest key of the ring, bound to its owner (v2:{key id}:…).
        Assert.Contains("v2:", stored);
    }
}
