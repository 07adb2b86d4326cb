using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Actors.Api.Auth;

/// <summary>
/// The issuers whose bearer tokens a node accepts: the identity providers of <c>Actors:Auth:Issuers</c>,
/// each with its own JwtBearer scheme and tenant, and the file-key issuer of <c>Actors:Auth:Jwt</c>.
/// A token is routed to the scheme of the issuer it names; that scheme then checks it against that
/// issuer's keys only, so a token cannot borrow another issuer's tenant by naming it. A token naming
/// no trusted issuer goes to the file-key scheme, which refuses it (401, untrusted issuer).
/// </summary>
public sealed class TrustedIssuers
{
    private const string SchemePrefix = "Bearer.Issuer.";

    private readonly Dictionary<string, int> _byIssuer;

    private TrustedIssuers(JwtSettings fileKeys, IReadOnlyList<IssuerSettings> providers)
    {
        FileKeys = fileKeys;
        Providers = providers;
        _byIssuer = providers.Select((p, i) => (p.Issuer!, i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.Ordinal);
    }

    public JwtSettings FileKeys { get; }

    public IReadOnlyList<IssuerSettings> Providers { get; }

    /// <summary>Whether bearer tokens are accepted at all on this node.</summary>
    public bool AcceptsTokens => FileKeys.Enabled || Providers.Count > 0;

    public static string SchemeOf(int provider) => SchemePrefix + provider;

    /// <summary>Reads and checks the settings; a node with an unusable issuer does not start, and says why.</summary>
    public static TrustedIssuers From(IConfiguration configuration, bool development)
    {
        var fileKeys = configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
        var providers = configuration.GetSection(IssuerSettings.Section).Get<List<IssuerSettings>>() ?? [];
        var problems = providers.SelectMany((p, i) => p.Problems(i, development)).ToList();
        var issuers = providers.Select(p => p.Issuer).Append(fileKeys.Enabled ? fileKeys.Issuer : null).OfType<string>();
        problems.AddRange(issuers.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"The issuer '{g.Key}' is configured more than once ({IssuerSettings.Section}, {JwtSettings.Section}); each issuer maps to one tenant."));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Identity provider settings are not usable:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
        return new TrustedIssuers(fileKeys, providers);
    }

    /// <summary>The scheme that checks <paramref name="token"/>: its issuer's, else the file-key scheme.</summary>
    public string SchemeFor(string? token) =>
        IssuerOf(token) is { } issuer && _byIssuer.TryGetValue(issuer, out var index) ? SchemeOf(index) : JwtBearerDefaults.AuthenticationScheme;

    /// <summary>The rules of the issuer whose scheme is <paramref name="scheme"/>.</summary>
    public TokenRules RulesOf(string scheme) =>
        scheme.StartsWith(SchemePrefix, StringComparison.Ordinal) ? Providers[int.Parse(scheme[SchemePrefix.Length..], System.Globalization.CultureInfo.InvariantCulture)].Rules
        : FileKeys.Rules;

    /// <summary>Whether <paramref name="token"/> names an issuer no scheme of this node trusts (or none).</summary>
    public bool Untrusted(string? token) => IssuerOf(token) is not { } issuer
        || !(_byIssuer.ContainsKey(issuer) || (FileKeys.Enabled && string.Equals(issuer, FileKeys.Issuer, StringComparison.Ordinal)));

    /// <summary>The bearer token of a request, or null.</summary>
    public static string? BearerTokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static readonly JsonWebTokenHandler Reader = new();

    /// <summary>The <c>iss</c> a token names, read before any check (only to choose whose keys check it).</summary>
    private static string? IssuerOf(string? token)
    {
        if (string.IsNullOrEmpty(token) || !Reader.CanReadToken(token))
        {
            return null;
        }
        try
        {
            return new JsonWebToken(token).Issuer;
        }
        catch (Exception e) when (e is ArgumentException or Microsoft.IdentityModel.Tokens.SecurityTokenException)
        {
            return null; // Malformed: the scheme that checks it says so.
        }
    }
}
