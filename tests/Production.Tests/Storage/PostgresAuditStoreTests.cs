using Actors.Audit;
using Actors.Silo.Storage;
using Npgsql;

namespace Actors.Production.Tests.Storage;

/// <summary>The production audit log: rows in PostgreSQL, newest first, filtered and paged by an id cursor, per tenant, with retention.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditStoreTests(PostgresServer server)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static AuditEntry Entry(string tenant, int minute, string action = "analysis.submit", string actor = "key:ak_test_aaaa") =>
        new($"aud_{Start.AddMinutes(minute).UtcTicks:x16}{minute:x4}", Start.AddMinutes(minute), tenant, actor, action,
            "/api/v1/analyses", "success", 202, $"req_{minute}", minute % 2 == 0 ? "127.0.0.1" : null, null);

    private async Task<(PostgresAuditStore Store, NpgsqlDataSource Source)> NewStoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        await SchemaMigrator.FromEmbeddedScripts().ApplyAsync(database);
        var source = NpgsqlDataSource.Create(database);
        return (new PostgresAuditStore(source, "svc"), source);
    }

    private static AuditQuery Query(int limit, string? before = null, string? action = null, string? actor = null, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        new(action, actor, from, to, before, limit);

    [Fact]
    public async Task Pages_run_newest_first_through_the_cursor_and_a_repeated_batch_is_stored_once()
    {
        var (store, source) = await NewStoreAsync();
        await using var _ = source;
        var entries = Enumerable.Range(0, 5).Select(i => Entry("acme", i)).ToList();
        await store.AppendAsync("acme", entries);
        await store.AppendAsync("acme", entries);

        var first = await store.QueryAsync("acme", Query(2), Start);
        var second = await store.QueryAsync("acme", Query(2, first.NextCursor), Start);
        var last = await store.QueryAsync("acme", Query(2, second.NextCursor), Start);

        Assert.Equal(["req_4", "req_3"], first.Items.Select(e => e.RequestId));
        Assert.Equal(["req_2", "req_1"], second.Items.Select(e => e.RequestId));
        Assert.Equal(["req_0"], last.Items.Select(e => e.RequestId));
        Assert.Null(last.NextCursor);
        Assert.Equal(entries[4], first.Items[0]);
        Assert.Equal(entries[3], first.Items[1]);
    }

    [Fact]
    public async Task Filters_by_action_actor_and_time_and_never_shows_another_tenant()
    {
        var (store, source) = await NewStoreAsync();
        await using var _ = source;
        await store.AppendAsync("acme", [Entry("acme", 0), Entry("acme", 1, "analysis.cancel"), Entry("acme", 2, actor: "user:ann"), Entry("acme", 3)]);
        await store.AppendAsync("other", [Entry("other", 4)]);

        var cancels = await store.QueryAsync("acme", Query(10, action: "analysis.cancel"), Start);
        var ann = await store.QueryAsync("acme", Query(10, actor: "user:ann"), Start);
        var window = await store.QueryAsync("acme", Query(10, from: Start.AddMinutes(1), to: Start.AddMinutes(2)), Start);
        var all = await store.QueryAsync("acme", Query(10), Start);

        Assert.Equal(["req_1"], cancels.Items.Select(e => e.RequestId));
        Assert.Equal(["req_2"], ann.Items.Select(e => e.RequestId));
        Assert.Equal(["req_2", "req_1"], window.Items.Select(e => e.RequestId));
        Assert.Equal(4, all.Items.Count);
        Assert.All(all.Items, e => Assert.Equal("acme", e.TenantId));
    }

    [Fact]
    public async Task Entries_past_retention_are_not_listed_and_are_forgotten_for_their_tenant_only()
    {
        var (store, source) = await NewStoreAsync();
        await using var _ = source;
        await store.AppendAsync("acme", [Entry("acme", 0), Entry("acme", 10)]);
        await store.AppendAsync("other", [Entry("other", 0)]);

        var listed = await store.QueryAsync("acme", Query(10), oldestKept: Start.AddMinutes(5));
        var forgotten = await store.ForgetBeforeAsync("acme", Start.AddMinutes(5));

        Assert.Equal(["req_10"], listed.Items.Select(e => e.RequestId));
        Assert.Equal(1, forgotten);
        Assert.Single((await store.QueryAsync("other", Query(10), Start)).Items);
    }
}
