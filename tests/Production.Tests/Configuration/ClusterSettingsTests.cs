using System.Net;
using Actors.Silo;
using Microsoft.Extensions.Configuration;

namespace Actors.Production.Tests.Configuration;

/// <summary>Production settings fail fast and name what is wrong; <c>auto</c> is accepted for containers.</summary>
public sealed class ClusterSettingsTests
{
    private static ClusterSettings Settings(string advertised) => ClusterSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Postgres"] = "Host=db;Username=postgres",
        ["ConnectionStrings:Redis"] = "redis:6379",
        ["Actors:Cluster:AdvertisedAddress"] = advertised,
        ["Actors:Secrets:Key"] = Convert.ToBase64String(new byte[32]),
        ["Actors:Cluster:Tls:CertificatePath"] = "/etc/actors/tls/node.pfx",
    }).Build());

    [Fact]
    public void AnExplicitAddressIsAdvertisedAsGiven() =>
        Assert.Equal(IPAddress.Parse("10.1.2.3"), Settings("10.1.2.3").ValidateForProduction().AdvertisedIp);

    [Fact]
    public void AutoIsAValidAddressSetting() =>
        Assert.Equal("auto", Settings("auto").ValidateForProduction().AdvertisedAddress);

    [Fact]
    public void AHostNameIsRefusedWithTheSettingNamed()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => Settings("silo-1.internal").ValidateForProduction());
        Assert.Contains("Actors:Cluster:AdvertisedAddress 'silo-1.internal'", refusal.Message);
    }

    [Fact]
    public void MissingConnectionStringsAndSecretsKeyAreAllNamedAtOnce()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() =>
            ClusterSettings.From(new ConfigurationBuilder().Build()).ValidateForProduction());
        Assert.Contains("ConnectionStrings:Postgres", refusal.Message);
        Assert.Contains("ConnectionStrings:Redis", refusal.Message);
        Assert.Contains("Actors:Secrets:Key", refusal.Message);
    }

    [Fact]
    public void WithoutACertificateProductionRefusesToStartUnlessTlsIsTurnedOffExplicitly()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=db;Username=postgres",
            ["ConnectionStrings:Redis"] = "redis:6379",
            ["Actors:Secrets:Key"] = Convert.ToBase64String(new byte[32]),
        };

        var refusal = Assert.Throws<InvalidOperationException>(() =>
            ClusterSettings.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).ValidateForProduction());
        settings["Actors:Cluster:Tls:Enabled"] = "false";
        var plain = ClusterSettings.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).ValidateForProduction();

        Assert.Contains("Actors:Cluster:Tls:CertificatePath", refusal.Message);
        Assert.False(plain.Tls.Enabled);
    }

    [Fact]
    public void TheSiloAndGatewayListenOnTheConfiguredAddressAndAdvertiseTheirOwn()
    {
        var endpoints = SiloEndpointOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Actors:Silo:SiloPort"] = "21111",
            ["Actors:Silo:GatewayPort"] = "23000",
            ["Actors:Silo:ListenAddress"] = "10.0.0.7",
        }).Build());
        var options = new Orleans.Configuration.EndpointOptions();

        endpoints.ApplyTo(options, IPAddress.Parse("10.0.0.7"));

        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.7"), 21111), options.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.7"), 23000), options.GatewayListeningEndpoint);
        Assert.Equal(IPAddress.Parse("10.0.0.7"), options.AdvertisedIPAddress);
    }

    [Fact]
    public void WithoutAListenAddressTheSiloListensOnEveryAddress()
    {
        var options = new Orleans.Configuration.EndpointOptions();

        new SiloEndpointOptions().ApplyTo(options, IPAddress.Parse("10.0.0.7"));

        Assert.Equal(IPAddress.Any, options.SiloListeningEndpoint!.Address);
        Assert.Equal(IPAddress.Any, options.GatewayListeningEndpoint!.Address);
    }
}
