using Actors.Api.Auth;
using Microsoft.Extensions.Configuration;

namespace Actors.Api.Tests.IdentityProviders;

/// <summary>Identity provider settings a node refuses to start with, and says why.</summary>
public sealed class IssuerSettingsTests
{
    private static readonly Dictionary<string, string?> Usable = new()
    {
        ["Actors:Auth:Issuers:0:Issuer"] = "http://127.0.0.1:1/a",
        ["Actors:Auth:Issuers:0:Authority"] = "http://127.0.0.1:1/a",
        ["Actors:Auth:Issuers:0:Audience"] = "actors-api",
        ["Actors:Auth:Issuers:0:Tenant"] = "acme",
    };

    private static Exception? Problem(bool development, params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(Usable);
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return Record.Exception(() => TrustedIssuers.From(configuration, development));
    }

    [Fact]
    public void Plain_http_metadata_is_refused_outside_development_unless_disabled()
    {
        Assert.Contains("not HTTPS", Problem(development: false)?.Message);
        Assert.Null(Problem(development: true));
        Assert.Null(Problem(development: false, ("Actors:Auth:Issuers:0:RequireHttpsMetadata", "false")));
    }

    [Fact]
    public void An_issuer_without_a_tenant_or_twice_is_refused()
    {
        Assert.Contains("Tenant is required", Problem(true, ("Actors:Auth:Issuers:0:Tenant", null))?.Message);
        Assert.Contains("more than once", Problem(true, ("Actors:Auth:Issuers:1:Issuer", "http://127.0.0.1:1/a"), ("Actors:Auth:Issuers:1:Authority", "http://127.0.0.1:1/a"),
            ("Actors:Auth:Issuers:1:Audience", "x"), ("Actors:Auth:Issuers:1:Tenant", "globex"))?.Message);
        Assert.Contains("exactly one of Authority and MetadataAddress", Problem(true, ("Actors:Auth:Issuers:0:MetadataAddress", "http://127.0.0.1:1/m"))?.Message);
    }
}
