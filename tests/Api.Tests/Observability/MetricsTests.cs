using System.Text.RegularExpressions;

namespace Actors.Api.Tests.Observability;

/// <summary>
/// <c>GET /metrics</c> on the shared node. The product's instruments are process-wide, so every
/// assertion compares with a scrape taken just before, and waits for the exporter to catch up.
/// </summary>
[Collection(ActorsNodeCollection.Name)]
public sealed partial class MetricsTests(ActorsNode node)
{
    private const string Submitted = "actors_jobs_submitted_total";
    private const string Completed = "actors_jobs_completed_total";
    private const string Cancelled = "actors_jobs_cancelled_total";
    private const string DurationCount = "actors_job_duration_seconds_count";
    private const string QueueWaitCount = "actors_job_queue_wait_seconds_count";
    private const string QueueDepth = "actors_queue_depth";
    private const string Running = "actors_jobs_running";
    private const string SseConnections = "actors_sse_connections";

    [Fact]
    public async Task Metrics_answers_200_in_the_Prometheus_text_format_without_an_API_key()
    {
        using var response = await node.Anonymous.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        Assert.Equal("text/plain", response.MediaType()?.MediaType);
        Assert.Contains(response.MediaType()!.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        Assert.Matches(@"(?m)^# TYPE \S+ (counter|gauge|histogram)$", body);
        var scrape = Scrape.Parse(body);
        Assert.NotEmpty(scrape.Samples);
    }

    [Fact]
    public async Task A_completed_job_is_counted_as_submitted_and_completed_with_its_duration_and_queue_wait()
    {
        var type = ("type", "data_interpretation");
        var before = Counts(await Scrape.TakeAsync(node.Anonymous), type);

        await node.Demo.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));

        await Eventually.Until(async () => Counts(await Scrape.TakeAsync(node.Anonymous), type),
            after => after.Submitted >= before.Submitted + 1
                && after.Completed >= before.Completed + 1
                && after.Durations >= before.Durations + 1
                && after.QueueWaits >= before.QueueWaits + 1,
            $"the data_interpretation job counters to grow past {before}");

        static JobCounts Counts(Scrape scrape, (string, string) type) => new(
            scrape.Sum(Submitted, type),
            scrape.Sum(Completed, type),
            scrape.Sum(DurationCount, type, ("outcome", "completed")),
            scrape.Sum(QueueWaitCount, type, ("priority", "normal")));
    }

    [Fact]
    public async Task No_label_value_carries_a_job_id_a_tenant_id_or_an_API_key()
    {
        var jobId = await node.Demo.SubmitAndCompleteAsync(Bodies.Csv(Bodies.SmallCsv));
        var scrape = await Eventually.Until(() => Scrape.TakeAsync(node.Anonymous), s => s.Has(Completed),
            $"{Completed} to be exported");

        string[] forbidden = [ActorsNode.DemoTenant, ActorsNode.OtherTenant, "reader", node.DemoKey, node.OtherKey];
        var offending = scrape.Samples
            .SelectMany(s => s.Labels.Select(l => (Sample: s, Value: l.Value)))
            .Where(l => JobIdShape().IsMatch(l.Value) || l.Value.Contains(jobId, StringComparison.Ordinal) || forbidden.Contains(l.Value))
            .Select(l => l.Sample.ToString())
            .Distinct()
            .ToList();
        Assert.True(offending.Count == 0, $"Series whose labels carry a job id, a tenant id or a key: {string.Join("; ", offending)}");
    }

    [Fact]
    public async Task Orleans_ASP_NET_Core_and_runtime_meters_are_exported_beside_the_products_own()
    {
        // A request first, so the request-duration histogram has a point.
        await node.Demo.GetJsonAsync(ApiCalls.Analyses);

        var scrape = await Eventually.Until(() => Scrape.TakeAsync(node.Anonymous),
            s => s.Samples.Any(x => x.Name.StartsWith("orleans_", StringComparison.Ordinal))
                && s.Has("http_server_request_duration_seconds_count")
                && s.Samples.Any(x => x.Name.StartsWith("dotnet_", StringComparison.Ordinal)),
            "orleans_*, http_server_request_duration_seconds and dotnet_* series");

        Assert.Contains(scrape.Samples, s => s.Name == "http_server_request_duration_seconds_count"
            && s.Labels.GetValueOrDefault("http_route") == "/api/v1/analyses/");
    }

    [Fact]
    public async Task The_open_event_stream_gauge_counts_a_stream_and_returns_to_its_previous_value_after_it_closes()
    {
        // Streams of earlier tests end once the server notices their clients left (at its next heartbeat).
        var baseline = await Eventually.Until(async () => (await Scrape.TakeAsync(node.Anonymous)).Sum(SseConnections), open => open == 0,
            $"no event stream to be open ({SseConnections} == 0)");
        var gate = Gates.NewId();
        try
        {
            var jobId = await node.Demo.SubmitGatedRunningAsync(gate);
            await using (var stream = await SseReader.OpenAsync(node.Demo, $"{ApiCalls.Analyses}/{jobId}/events"))
            {
                await stream.ReadEventsUntilAsync(e => e.Event == "started", "the started event");
                await Eventually.Until(async () => (await Scrape.TakeAsync(node.Anonymous)).Sum(SseConnections), open => open == baseline + 1,
                    $"{SseConnections} to count the open stream ({baseline} + 1)");

                Gates.Open(gate);
                await stream.ReadEventsToEndAsync("the stream to end after the job completes");
            }

            await Eventually.Until(async () => (await Scrape.TakeAsync(node.Anonymous)).Sum(SseConnections), open => open == baseline,
                $"{SseConnections} to return to {baseline} after the stream closed");
        }
        finally
        {
            Gates.Open(gate);
        }
    }

    [Fact]
    public async Task Queue_depth_and_running_jobs_follow_jobs_through_the_tenant_queue()
    {
        var low = ("priority", "low");
        var before = await Scrape.TakeAsync(node.Anonymous);
        var depthBefore = before.Sum(QueueDepth, low);
        var cancelledBefore = before.Sum(Cancelled, ("type", GatedAnalysis.AnalysisType));

        // Fill every run slot of the other tenant (concurrency 4) so a low-priority job has to wait.
        var gates = Enumerable.Range(0, 4).Select(_ => Gates.NewId()).ToList();
        try
        {
            foreach (var gate in gates)
            {
                await node.Other.SubmitGatedRunningAsync(gate);
            }
            await Eventually.Until(async () => (await Scrape.TakeAsync(node.Anonymous)).Sum(Running), running => running >= gates.Count,
                $"{Running} to count at least the {gates.Count} jobs holding the other tenant's slots");

            var queuedGate = Gates.NewId();
            gates.Add(queuedGate);
            var queued = await node.Other.SubmitAcceptedAsync(LowPriorityGated(queuedGate));
            Assert.Equal("queued", (await node.Other.StatusAsync(queued)).GetProperty("status").GetString());
            await Eventually.Until(async () => (await Scrape.TakeAsync(node.Anonymous)).Sum(QueueDepth, low), depth => depth == depthBefore + 1,
                $"{QueueDepth}{{priority=\"low\"}} to grow from {depthBefore} by the queued job");

            using var cancel = await node.Other.DeleteAsync($"{ApiCalls.Analyses}/{queued}");
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

            var after = await Eventually.Until(() => Scrape.TakeAsync(node.Anonymous),
                s => s.Sum(QueueDepth, low) == depthBefore && s.Sum(Cancelled, ("type", GatedAnalysis.AnalysisType)) >= cancelledBefore + 1,
                $"{QueueDepth}{{priority=\"low\"}} back to {depthBefore} and {Cancelled}{{type=\"{GatedAnalysis.AnalysisType}\"}} past {cancelledBefore}");
            Assert.All(after.Samples.Where(x => x.Name == QueueDepth), x => Assert.True(x.Value >= 0, after.Describe(QueueDepth)));
        }
        finally
        {
            gates.ForEach(Gates.Open);
        }
    }

    private static string LowPriorityGated(string gate) =>
        JsonSerializer.Serialize(new
        {
            type = GatedAnalysis.AnalysisType,
            csv = Bodies.SmallCsv,
            priority = "low",
            options = new Dictionary<string, string> { [GatedAnalysis.GateOption] = gate },
        });

    private sealed record JobCounts(double Submitted, double Completed, double Durations, double QueueWaits);

    [GeneratedRegex("^job_[0-9a-f]{8,}$")]
    private static partial Regex JobIdShape();
}
