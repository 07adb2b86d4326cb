using Actors.Api.Audit;
using Actors.Audit;
using Actors.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Actors.Api.Tests.Audit;

/// <summary>
/// An accepted audit entry is never dropped: while the audit log cannot store (its PostgreSQL is down:
/// the real store on a port nothing listens on) entries wait in the node's spill and are sent by the
/// next start; past the node's bound, an audited call is refused with 503 and not done.
/// </summary>
public sealed class AuditDurabilityTests
{
    [Fact]
    public async Task Past_the_bound_of_unstored_entries_an_audited_call_is_refused_with_503_and_not_done()
    {
        await using var database = DownDatabase();
        var key = TestNode.NewKey();
        await using var node = await TestNode.StartAsync(
            [$"--ACTORS_DEV_API_KEY={key}", "--Actors:Audit:BufferCapacity=2", "--Serilog:MinimumLevel:Default=Error"],
            builder => builder.Services.AddSingleton<IAuditStore>(new PostgresAuditStore(database, "svc")));
        using var client = node.NewClient(key, Wait.Timeout);
        var writer = node.Services.GetRequiredService<AuditWriter>();

        var accepted = new[] { await client.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv)), await client.SubmitAcceptedAsync(Bodies.Csv(Bodies.SmallCsv)) };
        using var refused = await client.SubmitAsync(Bodies.Csv(Bodies.SmallCsv), idempotencyKey: "past-the-bound");

        await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Equal((2L, 1L), (writer.Pending, writer.Refused));
        var listed = await client.GetJsonAsync($"{ApiCalls.Analyses}?per_page=250");
        Assert.Equal(accepted.Order(), listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("job_id").GetString()!).Order());
        // The log stays down: the stop need not wait out the host's timeout for entries no spill keeps.
        await writer.StopAsync(new CancellationToken(canceled: true));
    }

    [Fact]
    public async Task Entries_a_node_could_not_store_are_sent_by_the_next_node_on_its_spill()
    {
        var spill = Directory.CreateTempSubdirectory("actors-audit-spill-").FullName;
        var key = TestNode.NewKey();
        var requestIds = new[] { AuditCalls.NewRequestId(), AuditCalls.NewRequestId() };
        try
        {
            await using (var database = DownDatabase())
            await using (var down = await TestNode.StartAsync(
                [$"--ACTORS_DEV_API_KEY={key}", $"--Actors:Audit:SpillPath={spill}", "--Serilog:MinimumLevel:Default=Error"],
                builder => builder.Services.AddSingleton<IAuditStore>(new PostgresAuditStore(database, "svc"))))
            {
                using var client = down.NewClient(key, Wait.Timeout);
                foreach (var requestId in requestIds)
                {
                    using var put = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/v1/agents/spilled")
                    {
                        Content = new StringContent("""{"role":"Spilled","goal":"g","instructions":"i","tools":["report"]}""", Encoding.UTF8, "application/json"),
                    }.WithRequestId(requestId));
                    Assert.Equal(HttpStatusCode.OK, put.StatusCode);
                }
                var writer = down.Services.GetRequiredService<AuditWriter>();
                Assert.Equal(2, writer.Pending);
                // The host gives up waiting at once: what the log did not store stays on disk, as after a crash.
                await writer.StopAsync(new CancellationToken(canceled: true));
            }
            Assert.NotEmpty(Directory.GetFiles(spill, "audit-*.jsonl"));

            await using var next = await TestNode.StartAsync([$"--ACTORS_DEV_API_KEY={key}", $"--Actors:Audit:SpillPath={spill}"]);
            using var admin = next.NewClient(key, Wait.Timeout);
            foreach (var requestId in requestIds)
            {
                var entry = await admin.WaitForEntryAsync(requestId);
                Assert.Equal("agent.put", entry.GetProperty("action").GetString());
            }
            await Wait.Until(() => Task.FromResult(Directory.GetFiles(spill, "audit-*.jsonl")), files => files.Length == 0,
                "the stored segments to be deleted from the spill");
        }
        finally
        {
            Directory.Delete(spill, recursive: true);
        }
    }

    [Fact]
    public void A_spill_skips_a_line_cut_short_by_a_crash_and_keeps_its_folder_to_itself()
    {
        var folder = Directory.CreateTempSubdirectory("actors-audit-spill-").FullName;
        try
        {
            var entry = new AuditEntry("aud_1", DateTimeOffset.UnixEpoch, "acme", "key:k", "test.action", "/r", "success", 200, "req-1", null, null);
            using (var first = new AuditSpill(folder))
            {
                Assert.Empty(first.Recover(out _));
                first.Append(entry);
                first.Append(entry with { Id = "aud_2", RequestId = "req-2" });
                Assert.Throws<InvalidOperationException>(() => new AuditSpill(folder));
            }
            var segment = Assert.Single(Directory.GetFiles(folder, "audit-*.jsonl"));
            File.AppendAllText(segment, "{\"Id\":\"aud_3\",\"At\":");

            using var second = new AuditSpill(folder);
            var recovered = second.Recover(out var torn);

            Assert.Equal(["req-1", "req-2"], recovered.Select(r => r.Entry.RequestId));
            Assert.Equal(1, torn);
            second.Stored(recovered[0].Segment, 2);
            Assert.Empty(Directory.GetFiles(folder, "audit-*.jsonl"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A real PostgreSQL client whose server is down: nothing listens on its port.</summary>
    private static NpgsqlDataSource DownDatabase() =>
        NpgsqlDataSource.Create($"Host=127.0.0.1;Port={TestNode.FreePorts(1)[0]};Username=actors;Password=x;Timeout=2");
}
