using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Actors.Production.Tests.Cluster;

namespace Actors.Production.Tests.Observability;

/// <summary>
/// deploy/observability's Grafana dashboard and alert rules query series by name: after a job, every
/// one of them must be in <c>GET /metrics</c>, or a panel shows "no data" and an alert never fires.
/// The node runs in its own process, as it does in production: an OpenTelemetry meter provider keeps the
/// first instrument of a name it sees in its process, so in a test process hosting several nodes the
/// ASP.NET Core and Orleans series of one node could be another (stopped) node's, and read as missing.
/// </summary>
public sealed partial class DashboardSeriesTests
{
    /// <summary>
    /// Counters and gauges that exist only once what they count has happened on this node (a failed or
    /// cancelled job, a provider's breaker read): the dashboard's queries fall back to 0 for them.
    /// </summary>
    private static readonly HashSet<string> AfterTheirFirstEvent =
        ["actors_jobs_failed_total", "actors_jobs_cancelled_total", "actors_llm_breaker_open"];

    [GeneratedRegex(@"\b(?:actors|http_server|orleans|dotnet)_[a-z0-9_]+\b")]
    private static partial Regex SeriesName();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)", RegexOptions.Multiline)]
    private static partial Regex SampleName();

    [Fact]
    public async Task Every_series_the_dashboard_and_the_alert_rules_use_is_exported_after_a_job()
    {
        var folder = Repository.PathOf("deploy", "observability");
        var used = new[] { "grafana-dashboard.json", "alerts.yml" }
            .SelectMany(file => SeriesName().Matches(File.ReadAllText(Path.Combine(folder, file))).Select(m => m.Value))
            .Where(name => !AfterTheirFirstEvent.Contains(name))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(used.Count >= 10, $"expected the dashboard and the rules to use series, found {string.Join(", ", used)}");

        var ports = ActorsCluster.FreePorts(3);
        var key = $"ak_dashboard_{Guid.NewGuid():N}";
        var work = Directory.CreateTempSubdirectory("actors-dashboard-").FullName;
        var node = NodeProcess.Start("api", ActorsCluster.BinaryOf("Api", "Actors.Api.dll"),
            [$"--urls=http://127.0.0.1:{ports[0]}", $"--Actors:Silo:SiloPort={ports[1]}", $"--Actors:Silo:GatewayPort={ports[2]}",
             "--Actors:RateLimits:Enabled=false", "--Serilog:MinimumLevel:Default=Warning"],
            new Dictionary<string, string> { ["ACTORS_DEV_API_KEY"] = key }, work);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}") };
        try
        {
            await Poll.UntilAsync(() => ReadyAsync(http), ready => ready, TimeSpan.FromSeconds(90), "the node to be ready", _ => node.Output);
            await RunOneJobAsync(http, key, node);

            var missing = await Poll.UntilAsync(async () =>
                {
                    var exported = SampleName().Matches(await http.GetStringAsync("/metrics")).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
                    // A histogram named by its family (in an alert's description) is there when its buckets are.
                    return string.Join(", ", used.Where(name => !exported.Contains(name) && !exported.Contains(name + "_bucket")).Order(StringComparer.Ordinal));
                },
                missing => missing.Length == 0, TimeSpan.FromSeconds(30), "every series the dashboard and the alert rules use to be in /metrics",
                missing => $"missing: {missing}");
            Assert.Empty(missing);
        }
        finally
        {
            await node.StopAsync(TimeSpan.FromSeconds(30));
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<bool> ReadyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health/ready");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task RunOneJobAsync(HttpClient http, string key, NodeProcess node)
    {
        using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/v1/analyses")
        {
            Content = JsonContent.Create(new { type = "data_interpretation", csv = "region,units,revenue\nnorth,3,30\nsouth,5,55\neast,2,18\nwest,7,80\n" }),
        };
        submit.Headers.Add("X-API-Key", key);
        using var accepted = await http.SendAsync(submit);
        Assert.True(accepted.IsSuccessStatusCode, $"submit answered {(int)accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync()}");
        var statusUrl = accepted.Headers.Location ?? throw new InvalidDataException("The submit named no status URL.");
        await Poll.UntilAsync(async () =>
            {
                using var read = new HttpRequestMessage(HttpMethod.Get, statusUrl);
                read.Headers.Add("X-API-Key", key);
                using var response = await http.SendAsync(read);
                using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return status.RootElement.GetProperty("status").GetString();
            },
            status => status == "completed", TimeSpan.FromSeconds(60), "the job to complete", status => $"status {status}\n{node.Output}");
    }
}
