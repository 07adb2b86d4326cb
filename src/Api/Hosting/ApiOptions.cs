namespace Actors.Api.Hosting;

/// <summary>HTTP front-end settings. Bound from <c>Actors:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Actors:Api";

    /// <summary>Largest request body accepted (413 above it). Default 10 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;
}
