using System.Text;
using Actors.Api.Auth;
using Actors.Silo;
using Actors.Tenants;
using Microsoft.Extensions.Hosting;

namespace Actors.Api.Hosting;

/// <summary>
/// Creates the <c>demo</c> tenant (a real tenant with the default limits) and its API key at start-up, so a fresh clone can be called at once.
/// On by default in the embedded default only; a production node creates it only with <c>Actors:DemoTenant:Enabled=true</c>.
/// The key is <c>ACTORS_DEV_API_KEY</c> when set; otherwise the one saved in <c>.actors/dev-api-key</c>;
/// otherwise a new one, saved there (readable by this user only) and never printed or logged.
/// Any other key this start-up made earlier (named <see cref="KeyName"/>) is revoked, so a replaced demo key stops working.
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
    public const string EnabledSetting = "Actors:DemoTenant:Enabled";

    /// <summary>The name of the keys this start-up issues; keys the tenant's admins issue through the API have their own.</summary>
    public const string KeyName = "demo development key";

    public static readonly string KeyFile = Path.Combine(".actors", "dev-api-key");

    /// <summary>Where the key of this run came from, for the start-up banner.</summary>
    public string? KeySource { get; private set; }

    /// <summary>Whether a node with <paramref name="configuration"/> creates the demo tenant: an explicit setting, else only in the embedded default.</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetValue<bool?>(EnabledSetting) ?? ClusterSettings.From(configuration).Mode == ClusterMode.Embedded;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsEnabled(configuration))
        {
            return;
        }
        var (key, source) = ResolveKey();
        KeySource = source;
        // Idempotent: a restart against durable state finds the tenant and the key (by its hash) already there.
        await cluster.GetGrain<ITenant>(TenantId).Ensure("Demo tenant");
        var entry = Actors.Api.Tenancy.KeyEndpoints.NewEntry(key, KeyName,
            [Scopes.Admin, Scopes.AnalysesRead, Scopes.AnalysesWrite], expiresAt: null, time.GetUtcNow());
        var keys = cluster.GetGrain<ITenantKeys>(TenantId);
        // Idempotent by hash: the same key again answers its first listing, with the id it was given then.
        if (await keys.Add(entry) is not { } current)
        {
            logger.LogWarning("Tenant {TenantId}'s key index is full: the demo key from {KeySource} was not added", TenantId, source);
            return;
        }
        foreach (var old in (await keys.List()).Where(k => k.Name == KeyName && !k.Revoked && k.KeyId != current.KeyId))
        {
            await keys.Revoke(old.KeyId);
            logger.LogWarning("Tenant {TenantId}: revoked the earlier demo key {KeyPrefix}, replaced by this start's key", TenantId, old.Prefix);
        }
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
        return (SavedOrNewKey(path), path);
    }

    /// <summary>
    /// The key saved at <paramref name="path"/>, or a new one written there. The file is created readable
    /// and writable by this user only (0600) before the key is written into it; the key is never printed:
    /// the start-up banner names the file.
    /// </summary>
    public static string SavedOrNewKey(string path)
    {
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } saved)
        {
            return saved;
        }
        var key = ApiKeyHash.NewPlaintext(test: true);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            // An existing (empty) file keeps its mode on FileMode.Create: narrow it before the key goes in.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        using (var file = new StreamWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
        {
            file.WriteLine(key);
        }
        return key;
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
