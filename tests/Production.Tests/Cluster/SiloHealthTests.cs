using System.Net;

namespace Actors.Production.Tests.Cluster;

/// <summary>A standalone silo answers its health probes on its management port, as the Kubernetes manifest probes it.</summary>
public sealed class SiloHealthTests
{
    [Fact]
    public async Task ASiloWithAManagementPortIsLiveAndReadyOnceActive()
    {
        var folder = Directory.CreateTempSubdirectory("actors-silo-health-").FullName;
        var ports = ActorsCluster.FreePorts(3);
        var silo = NodeProcess.Start("silo", ActorsCluster.BinaryOf("Silo", "Actors.Silo.dll"),
            [$"--Actors:Silo:SiloPort={ports[0]}", $"--Actors:Silo:GatewayPort={ports[1]}", $"--Actors:Silo:Management:Port={ports[2]}",
             "--Actors:Silo:Management:Host=127.0.0.1"],
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" }, folder);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[2]}"), Timeout = TimeSpan.FromSeconds(5) };
            var ready = await Poll.UntilAsync(async () =>
            {
                if (silo.HasExited)
                {
                    throw new InvalidOperationException($"The silo exited ({silo.ExitCode}):\n{silo.Output}");
                }
                try
                {
                    using var response = await http.GetAsync("/health/ready");
                    return (StatusCode: response.StatusCode, Body: await response.Content.ReadAsStringAsync());
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return (StatusCode: HttpStatusCode.ServiceUnavailable, Body: ex.Message);
                }
            }, answer => answer.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(90), "the silo's /health/ready to answer 200",
                answer => $"{answer.StatusCode} {answer.Body}\n{silo.Output}");

            Assert.Equal("Healthy", ready.Body);
            using var live = await http.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            await silo.KillAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
