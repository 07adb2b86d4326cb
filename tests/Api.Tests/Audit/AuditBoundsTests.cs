using Actors.Api.Audit;
using Actors.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Audit;

/// <summary>The writer drains its buffer when the node stops; a log keeps at most its capacity, nothing past retention, and only its tenant's entries.</summary>
public sealed class AuditBoundsTests
{
    [Fact]
    public async Task Stopping_the_writer_flushes_every_buffered_entry_and_the_log_keeps_only_its_tenants_newest_within_retention()
    {
        await using var node = await TestNode.StartAsync(
        [
            $"--ACTORS_DEV_API_KEY={TestNode.NewKey()}",
            "--Actors:Audit:MaxEntriesPerTenant=5",
            "--Actors:Audit:RetentionDays=1",
            "--Serilog:MinimumLevel:Default=Warning",
        ]);
        var writer = node.Services.GetRequiredService<AuditWriter>();
        const string tenant = "bounded";
        var now = DateTimeOffset.UtcNow;
        AuditEntry EntryAt(DateTimeOffset at, int n) =>
            new(AuditRecorder.NewId(at) + n.ToString("x2", System.Globalization.CultureInfo.InvariantCulture), at, tenant, "key:test", "test.action", $"/r/{n}", "success", 200, $"req-{n}", null, null);

        for (var n = 0; n < 3; n++)
        {
            writer.Record(EntryAt(now.AddDays(-2).AddSeconds(n), n));
        }
        for (var n = 3; n < 11; n++)
        {
            writer.Record(EntryAt(now.AddSeconds(n), n));
        }
        await writer.StopAsync(CancellationToken.None);

        var page = await node.Cluster.GetGrain<IAuditLog>(tenant).Query(new AuditQuery(null, null, null, null, null, 100));
        Assert.Equal(["req-10", "req-9", "req-8", "req-7", "req-6"], page.Items.Select(e => e.RequestId));
        Assert.Null(page.NextCursor);
        Assert.Equal(0, writer.Pending);

        // A log only ever holds its own tenant's entries, whoever sends them.
        var stray = EntryAt(now, 99) with { TenantId = "intruder" };
        await node.Cluster.GetGrain<IAuditLog>(tenant).Append([stray]);
        var after = await node.Cluster.GetGrain<IAuditLog>(tenant).Query(new AuditQuery(null, null, null, null, null, 100));
        Assert.DoesNotContain(after.Items, e => e.RequestId == "req-99");
    }
}
