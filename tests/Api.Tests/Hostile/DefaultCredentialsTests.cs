using System.Text.RegularExpressions;
using Actors.Api.Hosting;
using Actors.Api.Tests.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Actors.Api.Tests.Hostile;

/// <summary>Credentials nobody chose: the demo tenant, its generated key, keys in shipped files.</summary>
public sealed partial class DefaultCredentialsTests
{
    /// <summary>The tests here that swap <see cref="Console.Out"/> do it one at a time.</summary>
    private static readonly SemaphoreSlim ConsoleSwap = new(1, 1);

    [Theory]
    [InlineData("Production", null, false)]
    [InlineData("Production", "true", true)]
    [InlineData("Embedded", null, true)]
    [InlineData("Embedded", "false", false)]
    public void A_production_node_creates_the_demo_tenant_only_when_told_to(string mode, string? enabled, bool created)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Actors:Cluster:Mode"] = mode,
            [DemoTenant.EnabledSetting] = enabled,
        }).Build();

        Assert.Equal(created, DemoTenant.IsEnabled(configuration));
    }

    [Fact]
    public async Task A_generated_demo_key_is_written_to_a_file_only_its_user_can_read_and_never_to_the_console_or_the_log()
    {
        var root = Directory.CreateTempSubdirectory("actors-demo-key-").FullName;
        var log = new CapturedLog();
        var console = new StringWriter();
        await ConsoleSwap.WaitAsync();
        var before = Console.Out;
        Console.SetOut(TextWriter.Synchronized(console));
        string key;
        try
        {
            await using var node = await TestNode.StartAsync([$"--contentRoot={root}"],
                builder => builder.Services.AddSingleton<ILogEventSink>(log));
            var path = Path.Combine(root, DemoTenant.KeyFile);
            key = File.ReadAllText(path).Trim();
            using var client = node.NewClient(key, TimeSpan.FromSeconds(30));
            using var tenant = await client.GetAsync("/api/v1/tenant");

            Assert.Equal(HttpStatusCode.OK, tenant.StatusCode);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
        finally
        {
            Console.SetOut(before);
            ConsoleSwap.Release();
            Directory.Delete(root, recursive: true);
        }

        Assert.StartsWith("ak_test_", key);
        Assert.DoesNotContain(key, console.ToString());
        Assert.DoesNotContain(log.Events, e => CapturedLog.Render(e).Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Starting_with_a_new_demo_key_revokes_the_one_an_earlier_start_issued_and_keeps_the_same_key_and_keys_the_tenant_made()
    {
        var first = TestNode.NewKey();
        var second = TestNode.NewKey();
        await using var node = await TestNode.StartAsync([$"--ACTORS_DEV_API_KEY={first}"]);
        using var firstClient = node.NewClient(first, TimeSpan.FromSeconds(30));
        using var issue = await firstClient.PostAsync("/api/v1/keys", Bodies.Json("""{"name":"made by the tenant","scopes":["analyses:read"]}"""));
        var made = (await issue.ReadJsonAsync()).GetProperty("key").GetString()!;
        Assert.Equal(HttpStatusCode.Created, issue.StatusCode);

        // The next starts of a node on the same (durable) state: with the same key, which stays; then with another.
        await RestartDemoTenantAsync(node, first);
        Assert.Equal(HttpStatusCode.OK, (await firstClient.GetAsync("/api/v1/tenant")).StatusCode);
        await RestartDemoTenantAsync(node, second);

        using var secondClient = node.NewClient(second, TimeSpan.FromSeconds(30));
        using var madeClient = node.NewClient(made, TimeSpan.FromSeconds(30));
        await Wait.Until(async () => (await firstClient.GetAsync("/api/v1/tenant")).StatusCode, s => s == HttpStatusCode.Unauthorized, "the replaced demo key to be refused");
        Assert.Equal(HttpStatusCode.OK, (await secondClient.GetAsync("/api/v1/tenant")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await madeClient.GetAsync("/api/v1/analyses")).StatusCode);
    }

    private static async Task RestartDemoTenantAsync(TestNode node, string key)
    {
        var restart = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DemoTenant.KeyVariable] = key }).Build();
        await ActivatorUtilities.CreateInstance<DemoTenant>(node.Services, (IConfiguration)restart).StartAsync(CancellationToken.None);
    }

    [Fact]
    public void No_shipped_file_carries_an_API_key_or_a_default_for_one()
    {
        var root = Repository.PathOf();
        var shipped = Directory.EnumerateFiles(Path.Combine(root, "deploy"), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "src"), "appsettings*.json", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .ToList();
        Assert.Contains(shipped, f => f.EndsWith("docker-compose.yml", StringComparison.Ordinal));

        var found = shipped.SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line: i + 1, text: line)))
            .Where(l => KeyLiteral().IsMatch(l.text) || KeyDefault().IsMatch(l.text))
            .Select(l => $"{Path.GetRelativePath(root, l.file)}:{l.line}: {l.text.Trim()}")
            .ToList();

        Assert.True(found.Count == 0, "Keys or key defaults in shipped files:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_images_default_command_is_a_production_node_which_will_not_start_unconfigured()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Repository.PathOf(), "deploy", "docker", "Dockerfile"));

        Assert.Matches(@"(?m)^ENV Actors__Cluster__Mode=Production\s*$", dockerfile);
    }

    /// <summary>A plaintext key of this project's formats, or a long secret-looking token after a key-ish name.</summary>
    [GeneratedRegex(@"ak_(live|test)_[A-Za-z0-9_]{16,}")]
    private static partial Regex KeyLiteral();

    /// <summary>A shell or compose default for a variable naming a key: <c>${…KEY…:-value}</c>.</summary>
    [GeneratedRegex(@"\$\{[A-Z_]*KEY[A-Z_]*:?-[^}]+\}")]
    private static partial Regex KeyDefault();
}
