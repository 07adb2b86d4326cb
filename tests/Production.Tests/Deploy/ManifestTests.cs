using YamlDotNet.RepresentationModel;

namespace Actors.Production.Tests.Deploy;

/// <summary>
/// The deployment files, checked offline with no cluster and no container runtime (neither exists on
/// this machine): every Kubernetes document parses and names its kind, what refers to something
/// (selectors, probe ports, config maps, claims) finds it, pods run as non-root where they can, and
/// compose's references (services, mounted files) exist. A structural check written here: no offline
/// schema linter (kubeconform, kubeval) is served by Debian, npm or NuGet.
/// </summary>
public sealed class ManifestTests
{
    private static readonly string Root = Repository.PathOf();

    private static IReadOnlyList<YamlMappingNode> KubernetesDocuments() =>
        Directory.GetFiles(Path.Combine(Root, "deploy", "kubernetes"), "*.yaml")
            .SelectMany(file =>
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(File.ReadAllText(file)));
                return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
            })
            .ToList();

    private static YamlNode? At(YamlNode node, params string[] path)
    {
        foreach (var step in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(step), out var next))
            {
                return null;
            }
            node = next;
        }
        return node;
    }

    private static string? Text(YamlNode node, params string[] path) => (At(node, path) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlMappingNode> Items(YamlNode? node) => (node as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [];

    private static Dictionary<string, string> Labels(YamlNode? node) =>
        (node as YamlMappingNode)?.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!) ?? [];

    private static YamlNode? PodSpec(YamlMappingNode document) => Text(document, "kind") switch
    {
        "Deployment" or "Job" => At(document, "spec", "template", "spec"),
        "CronJob" => At(document, "spec", "jobTemplate", "spec", "template", "spec"),
        _ => null,
    };

    [Fact]
    public void EveryKubernetesDocumentNamesItsApiKindAndName()
    {
        var documents = KubernetesDocuments();
        Assert.NotEmpty(documents);
        Assert.All(documents, d =>
        {
            Assert.False(string.IsNullOrEmpty(Text(d, "apiVersion")), "a document without apiVersion");
            Assert.False(string.IsNullOrEmpty(Text(d, "kind")), "a document without kind");
            Assert.False(string.IsNullOrEmpty(Text(d, "metadata", "name")), $"a {Text(d, "kind")} without metadata.name");
        });
        var names = documents.Select(d => $"{Text(d, "kind")}/{Text(d, "metadata", "name")}").ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void DeploymentsSelectTheirPodsAndProbeDeclaredPorts()
    {
        foreach (var deployment in KubernetesDocuments().Where(d => Text(d, "kind") == "Deployment"))
        {
            var name = Text(deployment, "metadata", "name");
            var selector = Labels(At(deployment, "spec", "selector", "matchLabels"));
            var labels = Labels(At(deployment, "spec", "template", "metadata", "labels"));
            Assert.True(selector.Count > 0 && selector.All(kv => labels.GetValueOrDefault(kv.Key) == kv.Value),
                $"Deployment {name}'s selector does not match its pod labels");
            foreach (var container in Items(At(deployment, "spec", "template", "spec", "containers")))
            {
                var ports = Items(At(container, "ports")).Select(p => Text(p, "name")).ToHashSet();
                foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
                {
                    var port = Text(container, probe, "httpGet", "port");
                    Assert.True(port is not null, $"{name}/{Text(container, "name")} has no {probe} over HTTP");
                    Assert.True(ports.Contains(port) || int.TryParse(port, out _), $"{name}/{Text(container, "name")}'s {probe} probes port '{port}', which it does not declare");
                }
            }
        }
    }

    [Fact]
    public void EveryDisruptionBudgetCoversADeployment()
    {
        var documents = KubernetesDocuments();
        var podLabels = documents.Where(d => Text(d, "kind") == "Deployment")
            .Select(d => Labels(At(d, "spec", "template", "metadata", "labels"))).ToList();
        var budgets = documents.Where(d => Text(d, "kind") == "PodDisruptionBudget").ToList();
        Assert.Equal(podLabels.Count, budgets.Count);
        Assert.All(budgets, budget =>
        {
            var selector = Labels(At(budget, "spec", "selector", "matchLabels"));
            Assert.Contains(podLabels, labels => selector.All(kv => labels.GetValueOrDefault(kv.Key) == kv.Value));
            Assert.True(At(budget, "spec", "maxUnavailable") is not null || At(budget, "spec", "minAvailable") is not null);
        });
    }

    [Fact]
    public void PodsReferOnlyToWhatIsDeclaredOrDocumented()
    {
        var documents = KubernetesDocuments();
        var declared = documents.Select(d => $"{Text(d, "kind")}/{Text(d, "metadata", "name")}").ToHashSet();
        foreach (var spec in documents.Select(PodSpec).OfType<YamlNode>())
        {
            foreach (var claim in Items(At(spec, "volumes")).Select(v => Text(v, "persistentVolumeClaim", "claimName")).OfType<string>())
            {
                Assert.Contains($"PersistentVolumeClaim/{claim}", declared);
            }
            foreach (var container in Items(At(spec, "containers")))
            {
                Assert.False(string.IsNullOrEmpty(Text(container, "image")), $"container {Text(container, "name")} has no image");
                foreach (var map in Items(At(container, "envFrom")).Select(e => Text(e, "configMapRef", "name")).OfType<string>())
                {
                    Assert.Contains($"ConfigMap/{map}", declared);
                }
            }
        }
    }

    [Fact]
    public void TheImageRunsAsAnUnprivilegedUserAndTheBuildContextLeavesLocalStateOut()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Root, "deploy", "docker", "Dockerfile"));
        var finalStage = dockerfile.SkipWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet", StringComparison.Ordinal)).ToList();
        Assert.Contains(finalStage, l => l.Trim() == "USER $APP_UID");
        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore"));
        Assert.Contains(".actors/", ignored);
        Assert.Contains("**/bin/", ignored);
        Assert.Contains(".git/", ignored);
    }

    [Fact]
    public void ComposeServicesDependOnServicesAndMountFilesThatExist()
    {
        var compose = Path.Combine(Root, "deploy", "docker", "docker-compose.yml");
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(compose)));
        var services = (YamlMappingNode)At(stream.Documents[0].RootNode, "services")!;
        var names = services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
        Assert.Contains("prometheus", names);
        Assert.Contains("grafana", names);
        foreach (var (key, value) in services.Children)
        {
            var service = (YamlMappingNode)value;
            var name = ((YamlScalarNode)key).Value;
            Assert.True(At(service, "image") is not null || At(service, "build") is not null, $"compose service {name} has neither image nor build");
            var dependencies = At(service, "depends_on") switch
            {
                YamlSequenceNode list => list.Children.Select(c => ((YamlScalarNode)c).Value!),
                YamlMappingNode map => map.Children.Keys.Select(k => ((YamlScalarNode)k).Value!),
                _ => [],
            };
            Assert.All(dependencies, dependency => Assert.Contains(dependency, names));
            foreach (var mount in (At(service, "volumes") as YamlSequenceNode)?.Children.OfType<YamlScalarNode>() ?? [])
            {
                var source = mount.Value!.Split(':')[0];
                if (source.StartsWith('.'))
                {
                    var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(compose)!, source));
                    Assert.True(File.Exists(path) || Directory.Exists(path) || source == "./tls",
                        $"compose service {name} mounts {source}, which is not in the repository");
                }
            }
        }
    }

    [Fact]
    public async Task TheAlertRulesAndBothScrapeConfigurationsPassPromtool()
    {
        var promtool = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("promtool is not installed: apt-get install -y --no-install-recommends prometheus (what .ci/run does).");
        var observability = Path.Combine(Root, "deploy", "observability");
        // The compose configuration loads the rules from where its container mounts them: give it a copy there.
        var folder = Directory.CreateTempSubdirectory("actors-promtool-").FullName;
        File.Copy(Path.Combine(observability, "alerts.yml"), Path.Combine(folder, "alerts.yml"));
        File.WriteAllText(Path.Combine(folder, "compose-prometheus.yml"), File.ReadAllText(Path.Combine(Root, "deploy", "docker", "observability", "prometheus.yml"))
            .Replace("/etc/prometheus/alerts.yml", Path.Combine(folder, "alerts.yml"), StringComparison.Ordinal));
        try
        {
            foreach (var arguments in new[]
            {
                new[] { "check", "rules", Path.Combine(observability, "alerts.yml") },
                ["check", "config", Path.Combine(observability, "prometheus.yml")],
                ["check", "config", Path.Combine(folder, "compose-prometheus.yml")],
            })
            {
                var start = new System.Diagnostics.ProcessStartInfo(promtool) { RedirectStandardOutput = true, RedirectStandardError = true };
                arguments.ToList().ForEach(start.ArgumentList.Add);
                using var process = System.Diagnostics.Process.Start(start)!;
                var said = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                Assert.True(process.ExitCode == 0, $"promtool {string.Join(' ', arguments)} exited {process.ExitCode}:\n{said}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
