using System.Globalization;
using System.Net;

namespace Actors.Api.Security;

/// <summary>
/// Who the client is at the network level, and how often one address may call before anything else
/// (authentication included) runs. Bound from <c>Actors:Api:ClientAddresses</c>.
/// </summary>
public sealed class ClientAddressOptions
{
    public const string Section = "Actors:Api:ClientAddresses";

    /// <summary>Proxies (IP addresses) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed. None by default: the headers are ignored.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies, in CIDR notation (<c>10.0.0.0/8</c>).</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies' entries of <c>X-Forwarded-For</c> are read, from the nearest; each must be a known proxy for the next to be read.</summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Requests one client address may make per <see cref="Period"/>, sustained; 0 turns the limit off.</summary>
    public int PermitsPerPeriod { get; set; } = 100;

    /// <summary>How often an address's bucket gains <see cref="PermitsPerPeriod"/> again.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests one address may make at once before the sustained rate applies (the bucket's size).</summary>
    public int Burst { get; set; } = 1000;

    /// <summary>IPv6 clients count by this prefix (one /64 is one subscriber's, and holds 2^64 addresses).</summary>
    public int Ipv6PrefixLength { get; set; } = 64;

    public static ClientAddressOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ClientAddressOptions>() ?? new ClientAddressOptions();

    /// <summary>Each wrong setting, named (checked at start with the node's other settings, <c>SettingsCheck</c>).</summary>
    public static IEnumerable<string> ProblemsIn(IConfiguration configuration)
    {
        ClientAddressOptions settings;
        try
        {
            settings = From(configuration);
        }
        catch (InvalidOperationException)
        {
            return []; // A value that does not convert: the binding check names it already.
        }
        return settings.Problems().ToList();
    }

    private IEnumerable<string> Problems()
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return $"{Section}:KnownProxies has '{proxy}', which is not an IP address.";
        }
        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return $"{Section}:KnownNetworks has '{network}', which is not a network in CIDR notation such as 10.0.0.0/8.";
        }
        if (ForwardLimit < 1)
        {
            yield return $"{Section}:ForwardLimit must be at least 1 (it is {ForwardLimit}).";
        }
        if (PermitsPerPeriod < 0)
        {
            yield return $"{Section}:PermitsPerPeriod must be 0 (off) or more (it is {PermitsPerPeriod}).";
        }
        if (Period <= TimeSpan.Zero)
        {
            yield return $"{Section}:Period must be positive (it is {Period.ToString("c", CultureInfo.InvariantCulture)}).";
        }
        if (Burst < 0)
        {
            yield return $"{Section}:Burst must be 0 or more (it is {Burst}).";
        }
        if (Ipv6PrefixLength is < 1 or > 128)
        {
            yield return $"{Section}:Ipv6PrefixLength must be 1-128 (it is {Ipv6PrefixLength}).";
        }
    }
}
