using System.Security.Cryptography;
using Actors.Api.Auth;
using Actors.Tenants;
using Microsoft.Extensions.Hosting;

namespace Actors.Api.Hosting;

/// <summary>
/// Creates the <c>demo</c> tenant's API key at start-up, so a fresh clone can be called at once.
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
        var info = new ApiKeyInfo(TenantId, "demo development key", ApiKeyHash.PrefixOf(key),
            [Scopes.AnalysesWrite, Scopes.AnalysesRead, Scopes.Admin], time.GetUtcNow(), Revoked: false);
        await cluster.GetGrain<IApiKey>(ApiKeyHash.Of(key)).Register(info);
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

        var key = "ak_test_" + Base64Url(RandomNumberGenerator.GetBytes(32));
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

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
