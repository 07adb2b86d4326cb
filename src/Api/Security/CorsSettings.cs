namespace Actors.Api.Security;

/// <summary>
/// Cross-origin access from browsers. Closed by default: no origin is allowed, so a page on another site
/// cannot call the API. Bound from <c>Actors:Cors</c>.
/// </summary>
public sealed class CorsSettings
{
    public const string Section = "Actors:Cors";

    /// <summary>Origins allowed to call the API from a browser, e.g. <c>https://app.example.com</c>; empty (the default) allows none.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
