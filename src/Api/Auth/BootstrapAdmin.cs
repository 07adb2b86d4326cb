using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Actors.Api.Auth;

/// <summary>
/// The platform operator's key from configuration (<c>Actors:Auth:BootstrapAdminKey</c>). It carries
/// only the <c>platform:admin</c> scope and no tenant: it creates tenants and issues their first keys.
/// </summary>
public sealed class BootstrapAdmin
{
    public const string ActorName = "platform:bootstrap";

    private readonly byte[]? _hash;

    public BootstrapAdmin(IOptions<AuthOptions> options)
    {
        var key = options.Value.BootstrapAdminKey?.Trim();
        if (!string.IsNullOrEmpty(key))
        {
            if (key.Length < 32)
            {
                throw new InvalidOperationException($"{AuthOptions.Section}:BootstrapAdminKey must be at least 32 characters (it guards every tenant).");
            }
            _hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        }
    }

    /// <summary>Whether <paramref name="presented"/> is the bootstrap key; compared in constant time.</summary>
    public bool Matches(string presented) =>
        _hash is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    public static ClaimsPrincipal Principal(string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, "bootstrap admin key"),
        new Claim(TenantClaims.Actor, ActorName),
        new Claim(TenantClaims.Scope, Scopes.PlatformAdmin),
    ], scheme));
}
