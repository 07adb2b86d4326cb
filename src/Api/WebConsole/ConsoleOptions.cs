namespace Actors.Api.WebConsole;

/// <summary>The web console's settings. Bound from <c>Actors:Console</c>.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Actors:Console";

    /// <summary>How long a session signed in with an API key lasts without use (sliding); a token's session ends at the token's expiry.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
