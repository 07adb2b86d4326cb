using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Production.Tests.Storage;
using Xunit.Abstractions;

namespace Actors.Production.Tests.Cluster;

/// <summary>
/// A client follows a job's events over SSE while the silo running that job is killed: the job
/// resumes on another silo and the client, on the same connection, receives every event once and
/// in order, ending with <c>completed</c>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class EventStreamFailoverTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task AListenerGetsEveryEventInOrderWhenTheJobsSiloIsKilled()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var llm = await HeldLlm.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        // The job grain logs where it starts, which is how this test finds the silo to kill.
        await using var cluster = await ActorsCluster.StartAsync(database, redis.ConnectionString, silos: 3,
            llm.Settings(new Dictionary<string, string> { ["Serilog__MinimumLevel__Override__Actors.Jobs.AnalysisJobGrain"] = "Information" }));
        using var http = cluster.NewClient();
        http.Timeout = TimeSpan.FromMinutes(4);

        var jobId = await SubmitJobAsync(http);
        var events = new List<(long Id, string Kind, string Data)>();
        var listening = FollowAsync(http, jobId, events);
        // The kill must fall after the stream is open: opening it is an ordinary request, which a client retries.
        await Poll.UntilAsync(() => Task.FromResult(listening.IsFaulted ? throw listening.Exception! : Count(events)), count => count > 0,
            TimeSpan.FromSeconds(60), "the event stream to deliver its first event");
        // The job has run its steps and waits for its narrative, which the LLM holds until after the kill.
        await llm.UntilAskedAsync();
        var host = await Poll.UntilAsync(() => Task.FromResult(cluster.Silos.FirstOrDefault(s => s.Output.Contains($"Job {jobId} of tenant demo started", StringComparison.Ordinal))),
            silo => silo is not null, TimeSpan.FromSeconds(60), $"a silo to log that job {jobId} started");
        var statusAtKill = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/analyses/{jobId}")).GetProperty("status").GetString();
        await cluster.KillSiloAsync(host!);
        llm.Release();
        await listening.WaitAsync(TimeSpan.FromMinutes(4));

        lock (events)
        {
            output.WriteLine($"killed {host} with the job {statusAtKill}; the listener got {events.Count} events: {string.Join(", ", events.Select(e => $"{e.Id}:{e.Kind}"))}");
            Assert.Equal("running", statusAtKill);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Id));
            Assert.Equal("completed", events[^1].Kind);
            Assert.Contains(events, e => e.Data.Contains("resumed from checkpoint", StringComparison.Ordinal));
        }
    }

    private static int Count(List<(long Id, string Kind, string Data)> events)
    {
        lock (events)
        {
            return events.Count;
        }
    }

    /// <summary>A data set larger than a job keeps inline, so the job that resumes on another silo reads it back from storage.</summary>
    private static async Task<string> SubmitJobAsync(HttpClient http)
    {
        var csv = new StringBuilder("day,orders,revenue,returns,visits,region\n");
        var random = new Random(7);
        for (var i = 0; i < Rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{random.Next(50, 500)},{random.NextDouble() * 10_000:0.00},{random.Next(0, 20)},{random.Next(1_000, 9_000)},{Regions[i % Regions.Length]}\n");
        }
        using var response = await http.PostAsJsonAsync("/api/v1/analyses", new { type = "data_interpretation", csv = csv.ToString() });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString()!;
    }

    private const int Rows = 2_000;
    private static readonly string[] Regions = ["north", "south", "east", "west"];

    /// <summary>Reads the job's SSE stream on one connection until it ends.</summary>
    private static async Task FollowAsync(HttpClient http, string jobId, List<(long Id, string Kind, string Data)> events)
    {
        using var response = await http.GetAsync($"/api/v1/analyses/{jobId}/events", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        long? id = null;
        string? kind = null;
        var data = "";
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (id is not null)
                {
                    lock (events)
                    {
                        events.Add((id.Value, kind ?? "", data));
                    }
                }
                (id, kind, data) = (null, null, "");
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }
}
