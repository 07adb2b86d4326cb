using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Api.Auth;

/// <summary>
/// Bearer tokens from the tenants' identity provider. A valid token becomes a principal built only
/// from what Actors trusts in it: the tenant claim, the subject (actor <c>user:{sub}</c>) and the
/// scopes its roles map to (<see cref="Roles"/>); any <c>scope</c> or <c>tenant_id</c> the token itself
/// carries is not copied, so authorization reads the same claims for keys and users.
/// </summary>
public static class JwtUsers
{
    /// <summary>The algorithms an identity provider found by discovery may sign with; HS256 never (a shared secret is no public key).</summary>
    public static readonly IReadOnlyList<string> ProviderAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>The scheme for keys read from files (<see cref="JwtSettings"/>); it also refuses every issuer no scheme trusts.</summary>
    public static void Configure(JwtBearerOptions options, JwtSettings settings, TrustedIssuers issuers)
    {
        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = false;
        options.TokenValidationParameters = Parameters(settings.Issuer, settings.Audience, settings.Rules, [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256]);
        options.TokenValidationParameters.IssuerSigningKeys = settings.Enabled ? SigningKeys(settings) : [];
        options.Events = Events(settings.Rules);
        options.Events.OnMessageReceived = context =>
        {
            if (issuers.Untrusted(TrustedIssuers.BearerTokenOf(context.Request)))
            {
                context.Fail(new SecurityTokenInvalidIssuerException("The token's issuer is not trusted."));
            }
            return Task.CompletedTask;
        };
    }

    /// <summary>The scheme for one identity provider: keys by OpenID discovery, fetched again when a token names an unknown key.</summary>
    public static void Configure(JwtBearerOptions options, IssuerSettings issuer, bool development)
    {
        options.MapInboundClaims = false;
        options.MetadataAddress = issuer.Metadata;
        options.RequireHttpsMetadata = issuer.RequireHttpsMetadata ?? !development;
        options.RefreshOnIssuerKeyNotFound = true;
        options.RefreshInterval = issuer.KeyRefreshInterval;
        options.AutomaticRefreshInterval = issuer.AutomaticRefreshInterval;
        options.TokenValidationParameters = Parameters(issuer.Issuer, issuer.Audience, issuer.Rules, ProviderAlgorithms);
        options.Events = Events(issuer.Rules);
    }

    private static TokenValidationParameters Parameters(string? issuer, string? audience, TokenRules rules, IEnumerable<string> algorithms) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = issuer,
        ValidateAudience = true,
        ValidAudience = audience,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        ValidAlgorithms = [.. algorithms],
        ClockSkew = rules.ClockSkew,
        NameClaimType = rules.SubjectClaim,
        RoleClaimType = rules.RoleClaim,
    };

    private static JwtBearerEvents Events(TokenRules rules) => new()
    {
        OnTokenValidated = async context =>
        {
            var (user, why) = await AcceptAsync(context.SecurityToken, context.Principal, rules, context.HttpContext.RequestServices);
            if (user is null)
            {
                context.Fail(why);
            }
            else
            {
                context.Principal = user;
            }
        },
        OnChallenge = async context =>
        {
            context.HandleResponse();
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await AuthProblems.UnauthorizedAsync(context.HttpContext, DetailOf(context.AuthenticateFailure));
        },
        OnForbidden = context =>
            AuthProblems.ForbiddenAsync(context.HttpContext, "Your roles do not grant this operation."),
    };

    /// <summary>Why a token lives longer than <see cref="JwtSettings.MaxLifetime"/>, or null when it does not.</summary>
    private static string? LifetimeRefusal(SecurityToken token, TokenRules settings, TimeProvider time)
    {
        var expires = token.ValidTo;
        var issued = token is JsonWebToken { IssuedAt: var iat } && iat > DateTime.MinValue ? iat
            : token.ValidFrom > DateTime.MinValue ? token.ValidFrom
            : time.GetUtcNow().UtcDateTime;
        var fromNow = expires - time.GetUtcNow().UtcDateTime;
        return expires - issued > settings.MaxLifetime || fromNow > settings.MaxLifetime + settings.ClockSkew
            ? $"The token lives longer than this API accepts ({settings.MaxLifetime.TotalHours:0.##} h at most from issue to expiry)."
            : null;
    }

    /// <summary>
    /// The user a signature-checked token stands for, after the rules every sign-in with a token shares
    /// (the API's bearer scheme and the console's sign-in): a bounded lifetime, the claims it must carry,
    /// a tenant that exists. Null, with why not, when it is refused.
    /// </summary>
    internal static async Task<(ClaimsPrincipal? User, string Why)> AcceptAsync(SecurityToken token, ClaimsPrincipal? principal, TokenRules settings, IServiceProvider services)
    {
        if (LifetimeRefusal(token, settings, services.GetRequiredService<TimeProvider>()) is { } tooLong)
        {
            return (null, tooLong);
        }
        if (UserOf(principal, settings, out var why) is not { } user)
        {
            return (null, why);
        }
        if (!(await services.GetRequiredService<Tenancy.TenantDirectory>().GetAsync(user.GetTenantId())).Exists)
        {
            // A signed token for a tenant that does not exist must not run as a fresh, active tenant with the defaults.
            return (null, $"The token's tenant '{user.GetTenantId()}' is not known.");
        }
        return (user, "");
    }

    private static ClaimsPrincipal? UserOf(ClaimsPrincipal? token, TokenRules settings, out string why)
    {
        // An issuer mapped to a tenant acts in that tenant whatever the token says.
        var tenant = settings.Tenant ?? token?.FindFirstValue(settings.TenantClaim);
        var subject = token?.FindFirstValue(settings.SubjectClaim);
        if (string.IsNullOrWhiteSpace(tenant) || !Tenancy.TenantIds.IsWellFormed(tenant))
        {
            why = $"The token has no valid '{settings.TenantClaim}' claim.";
            return null;
        }
        if (string.IsNullOrWhiteSpace(subject))
        {
            why = $"The token has no '{settings.SubjectClaim}' claim.";
            return null;
        }
        var roles = token!.FindAll(settings.RoleClaim)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var claims = new List<Claim>
        {
            new(TenantClaims.TenantId, tenant),
            new(ClaimTypes.Name, subject),
            new(TenantClaims.Actor, $"user:{subject}"),
        };
        claims.AddRange(Roles.ScopesOf(roles).Select(scope => new Claim(TenantClaims.Scope, scope)));
        why = "";
        return new ClaimsPrincipal(new ClaimsIdentity(claims, JwtBearerDefaults.AuthenticationScheme));
    }

    internal static string DetailOf(Exception? failure) => failure switch
    {
        null => AuthProblems.MissingCredentials,
        SecurityTokenExpiredException => "The bearer token has expired.",
        SecurityTokenInvalidAudienceException => "The bearer token is not meant for this API (audience).",
        SecurityTokenInvalidIssuerException => "The bearer token comes from an issuer this API does not trust.",
        SecurityTokenInvalidAlgorithmException => "The bearer token is signed with an algorithm this API does not accept.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The bearer token's signature is not valid.",
        SecurityTokenException => "The bearer token is not valid.",
        _ => failure.Message.StartsWith("The token", StringComparison.Ordinal) ? failure.Message : "The bearer token is not valid.",
    };

    /// <summary>Every key a token may be signed with: the HS256 secret, a PEM public key, a JWKS file.</summary>
    private static List<SecurityKey> SigningKeys(JwtSettings settings)
    {
        var keys = new List<SecurityKey>();
        if (!string.IsNullOrWhiteSpace(settings.SigningKey))
        {
            var secret = Encoding.UTF8.GetBytes(settings.SigningKey);
            if (secret.Length < 32)
            {
                throw new InvalidOperationException($"{JwtSettings.Section}:SigningKey must be at least 32 bytes for HS256.");
            }
            keys.Add(new SymmetricSecurityKey(secret));
        }
        if (!string.IsNullOrWhiteSpace(settings.PublicKeyFile))
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(settings.PublicKeyFile));
            keys.Add(new RsaSecurityKey(rsa));
        }
        if (!string.IsNullOrWhiteSpace(settings.JwksFile))
        {
            keys.AddRange(new JsonWebKeySet(File.ReadAllText(settings.JwksFile)).GetSigningKeys());
        }
        return keys;
    }
}
