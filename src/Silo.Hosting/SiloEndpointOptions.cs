using System.Net;

namespace Actors.Silo;

/// <summary>Ports of a silo. Bound from <c>Actors:Silo</c>; change them to run several nodes on one machine.</summary>
public sealed class SiloEndpointOptions
{
    public const string Section = "Actors:Silo";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (API nodes) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Production: the local address both ports listen on (e.g. the private interface's address).
    /// Unset: every address of the host, which a container's single interface usually wants.
    /// </summary>
    public string? ListenAddress { get; set; }

    public static SiloEndpointOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<SiloEndpointOptions>() ?? new SiloEndpointOptions();

    /// <summary>Orleans's endpoints for a production silo advertised at <paramref name="advertised"/>.</summary>
    public void ApplyTo(Orleans.Configuration.EndpointOptions options, IPAddress advertised)
    {
        var listen = string.IsNullOrWhiteSpace(ListenAddress) ? IPAddress.Any
            : IPAddress.TryParse(ListenAddress, out var parsed) ? parsed
            : throw new InvalidOperationException($"{Section}:ListenAddress '{ListenAddress}' is not an IP address.");
        options.AdvertisedIPAddress = advertised;
        options.SiloPort = SiloPort;
        options.GatewayPort = GatewayPort;
        options.SiloListeningEndpoint = new IPEndPoint(listen, SiloPort);
        options.GatewayListeningEndpoint = new IPEndPoint(listen, GatewayPort);
    }
}
