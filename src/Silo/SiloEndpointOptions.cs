namespace Actors.Silo;

/// <summary>Ports of a silo. Bound from <c>Actors:Silo</c>; change them to run several nodes on one machine.</summary>
public sealed class SiloEndpointOptions
{
    public const string Section = "Actors:Silo";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (API nodes) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;
}
