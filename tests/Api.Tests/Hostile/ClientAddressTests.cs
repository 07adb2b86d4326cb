using Actors.Api.Security;
using Microsoft.Extensions.Configuration;

namespace Actors.Api.Tests.Hostile;

/// <summary>Which bucket an address counts in, and the settings a node refuses to start with.</summary>
public sealed class ClientAddressTests
{
    [Fact]
    public void Addresses_of_one_IPv6_subscriber_share_a_bucket_and_IPv4_counts_by_address()
    {
        Assert.Equal(ClientAddress.BucketOf(IPAddress.Parse("2001:db8:1:2::1"), 64), ClientAddress.BucketOf(IPAddress.Parse("2001:db8:1:2:ffff::9"), 64));
        Assert.NotEqual(ClientAddress.BucketOf(IPAddress.Parse("2001:db8:1:2::1"), 64), ClientAddress.BucketOf(IPAddress.Parse("2001:db8:1:3::1"), 64));
        Assert.Equal("2001:db8:1:2::/64", ClientAddress.BucketOf(IPAddress.Parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), 64));
        Assert.Equal("203.0.113.9", ClientAddress.BucketOf(IPAddress.Parse("::ffff:203.0.113.9"), 64));
        Assert.NotEqual(ClientAddress.BucketOf(IPAddress.Parse("203.0.113.9"), 64), ClientAddress.BucketOf(IPAddress.Parse("203.0.113.10"), 64));
    }

    [Fact]
    public void Every_wrong_address_setting_is_named()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Actors:Api:ClientAddresses:KnownProxies:0"] = "10.0.0.1",
            ["Actors:Api:ClientAddresses:KnownProxies:1"] = "proxy.internal",
            ["Actors:Api:ClientAddresses:KnownNetworks:0"] = "10.0.0.0/33",
            ["Actors:Api:ClientAddresses:Period"] = "00:00:00",
            ["Actors:Api:ClientAddresses:PermitsPerPeriod"] = "-1",
        }).Build();

        var problems = ClientAddressOptions.ProblemsIn(configuration).ToList();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("'proxy.internal'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'10.0.0.0/33'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Period must be positive", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("PermitsPerPeriod", StringComparison.Ordinal));
        Assert.Empty(ClientAddressOptions.ProblemsIn(new ConfigurationBuilder().Build()));
    }
}
