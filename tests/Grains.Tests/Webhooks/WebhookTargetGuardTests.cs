using System.Net;
using Actors.Webhooks;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Tests.Webhooks;

/// <summary>The SSRF rule on its own: which addresses are internal, and which URLs may be registered.</summary>
public sealed class WebhookTargetGuardTests
{
    private static WebhookTargetGuard Guard(bool allowPrivate) =>
        new(Options.Create(new WebhookOptions { AllowPrivateTargets = allowPrivate }));

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.0.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("169.254.169.254")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.0.0.8")]
    [InlineData("192.168.0.1")]
    [InlineData("198.18.0.1")]
    [InlineData("224.0.0.251")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fec0::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002:c0a8:0101::1")]
    public void Internal_addresses_are_not_public(string address)
    {
        Assert.False(WebhookTargetGuard.IsPublic(IPAddress.Parse(address)), address);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2002:0808:0808::1")]
    public void Public_addresses_are_public(string address)
    {
        Assert.True(WebhookTargetGuard.IsPublic(IPAddress.Parse(address)), address);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[::ffff:192.168.1.10]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public async Task Urls_of_internal_hosts_are_refused_by_default(string url)
    {
        var refusal = await Guard(allowPrivate: false).RefusalAsync(url, CancellationToken.None);

        Assert.NotNull(refusal);
        Assert.Contains("address", refusal);
    }

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/hook")]
    public async Task Only_http_and_https_are_allowed_whatever_the_setting(string url)
    {
        Assert.NotNull(await Guard(allowPrivate: false).RefusalAsync(url, CancellationToken.None));
        Assert.NotNull(await Guard(allowPrivate: true).RefusalAsync(url, CancellationToken.None));
    }

    [Fact]
    public async Task Internal_hosts_are_allowed_when_private_targets_are()
    {
        Assert.Null(await Guard(allowPrivate: true).RefusalAsync("http://127.0.0.1:8080/hook", CancellationToken.None));
    }

    [Fact]
    public async Task A_public_address_is_allowed()
    {
        Assert.Null(await Guard(allowPrivate: false).RefusalAsync("https://93.184.215.14/hook", CancellationToken.None));
    }
}
