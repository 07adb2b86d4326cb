using Actors.Api.Auth;
using Actors.Tenants;
using Microsoft.Extensions.Hosting;

namespace Actors.Api.Hosting;

/// <summary>
/// Creates the <c>demo</c> tenant (a real tenant with the default limits) and its API key at start-up, so a fresh clone can be called at once.
/// The key is <c>ACTORS_DEV_API_KEY</c> when set; otherwise the one saved in <c>.actors/dev-api-key</c>;
/// otherwise a new one, printed once to the console (never to the log) and saved there.
/// </summary>
public sealed class DemoTenant(
    IClusterClient cluster,
    IConfiguration configuration,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<DemoTenant> logger) : IHostedService
{
    public const string TenantId = "demo";
    public const string KeyVariable = "ACTORS_DEV_API_KEY";
    public static readonly string KeyFile = Path.Combine(".actors", "dev-api-key");

    /// <summary>Where the key of this run came from, for the start-up banner.</summary>
    public string? KeySource { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Actors:DemoTenant:Enabled", true))
        {
            return;
        }
        var (key, source) = ResolveKey();
        KeySource = source;
        // Idempotent: a restart against durable state finds the tenant and the key (by its hash) already there.
        await cluster.GetGrain<ITenant>(TenantId).Ensure("Demo tenant");
        var entry = Actors.Api.Tenancy.KeyEndpoints.NewEntry(key, "demo development key",
            [Scopes.Admin, Scopes.AnalysesRead, Scopes.AnalysesWrite], expiresAt: null, time.GetUtcNow());
        await cluster.GetGrain<ITenantKeys>(TenantId).Add(entry);
        logger.LogInformation("Tenant {TenantId} is ready; its API key comes from {KeySource}", TenantId, source);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private (string Key, string Source) ResolveKey()
    {
        var configured = configuration[KeyVariable];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (configured.Trim(), KeyVariable);
        }

        var path = Path.Combine(RepositoryRoot(environment.ContentRootPath), KeyFile);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } saved)
        {
            return (saved, path);
        }

        var key = ApiKeyHash.NewPlaintext(test: true);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, key + Environment.NewLine);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        // Printed, not logged: log pipelines must never carry keys.
        Console.WriteLine($"""

            Demo tenant API key (shown once, saved in {path}):
                {key}

            """);
        return (key, path);
    }

    /// <summary>
    /// The checkout's root (the folder holding Actors.sln), where the README's commands run;
    /// <c>dotnet run</c> makes the project folder the content root. Falls back to the content root.
    /// </summary>
    private static string RepositoryRoot(string contentRoot)
    {
        for (var folder = new DirectoryInfo(contentRoot); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Actors.sln")))
            {
                return folder.FullName;
            }
        }
        return contentRoot;
    }
}
