using System.Net;
using Actors.Webhooks;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Tests.Webhooks;

/// <summary>
/// The guard's hostile corpus beyond private networks: ranges that are not a public host (documentation,
/// benchmarking, discard) and IPv6 forms that lead to an IPv4 host it must check or cannot see
/// (SIIT, local-use NAT64, Teredo); and refusals that name no resolved address (a DNS oracle otherwise).
/// </summary>
public sealed class TargetGuardRangeTests
{
    [Theory]
    [InlineData("192.0.2.10")]          // TEST-NET-1
    [InlineData("198.51.100.7")]        // TEST-NET-2
    [InlineData("203.0.113.200")]       // TEST-NET-3
    [InlineData("2001:db8::1")]         // documentation
    [InlineData("3fff:0fff::1")]        // documentation (RFC 9637)
    [InlineData("64:ff9b:1::a00:1")]    // local-use NAT64 (RFC 8215)
    [InlineData("64:ff9b:1:ffff::1")]
    [InlineData("::ffff:0:10.0.0.1")]   // SIIT IPv4-translated, of a private host
    [InlineData("::ffff:0:127.0.0.1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo
    [InlineData("2001::1")]
    [InlineData("2001:2::1")]           // benchmarking
    [InlineData("100::1")]              // discard-only
    public void Addresses_that_are_no_public_host_or_hide_one_are_refused(string address)
    {
        Assert.False(WebhookTargetGuard.IsPublic(IPAddress.Parse(address)), address);
    }

    [Theory]
    [InlineData("192.0.3.1")]
    [InlineData("198.51.101.1")]
    [InlineData("203.0.114.1")]
    [InlineData("64:ff9b::808:808")]    // well-known NAT64 prefix of a public host
    [InlineData("64:ff9b:2::1")]
    [InlineData("::ffff:0:8.8.8.8")]    // SIIT of a public host
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2001:db9::1")]
    [InlineData("3fff:1000::1")]
    public void Neighbours_of_those_ranges_stay_public(string address)
    {
        Assert.True(WebhookTargetGuard.IsPublic(IPAddress.Parse(address)), address);
    }

    [Theory]
    [InlineData("http://localhost:9/hook", "localhost")]
    [InlineData("http://127.0.0.1:9/hook", "127.0.0.1")]
    public async Task A_refusal_names_the_host_given_but_not_what_it_resolved_to(string url, string host)
    {
        var guard = new WebhookTargetGuard(Options.Create(new WebhookOptions { AllowPrivateTargets = false }));
        var resolved = await Dns.GetHostAddressesAsync(host);

        var refusal = await guard.RefusalAsync(url, CancellationToken.None);

        Assert.NotNull(refusal);
        Assert.Contains($"'{host}'", refusal);
        foreach (var address in resolved.Where(a => a.ToString() != host))
        {
            Assert.DoesNotContain(address.ToString(), refusal);
        }
        Assert.DoesNotContain(" resolves to 127", refusal);
    }
}
