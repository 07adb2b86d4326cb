namespace Actors.Api.Auth;

/// <summary>
/// A JWT user's roles, turned into the scopes API keys carry at authentication, so one set of
/// authorization policies serves keys and users alike.
/// </summary>
public static class Roles
{
    /// <summary>Manages the tenant's keys, agents, teams and webhooks; submits and reads.</summary>
    public const string Admin = "admin";

    /// <summary>Submits and reads analyses.</summary>
    public const string Analyst = "analyst";

    /// <summary>Reads analyses.</summary>
    public const string Viewer = "viewer";

    public static IReadOnlyList<string> ScopesOf(IEnumerable<string> roles)
    {
        var scopes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            switch (role)
            {
                case Admin:
                    scopes.UnionWith([Scopes.Admin, Scopes.AnalysesWrite, Scopes.AnalysesRead]);
                    break;
                case Analyst:
                    scopes.UnionWith([Scopes.AnalysesWrite, Scopes.AnalysesRead]);
                    break;
                case Viewer:
                    scopes.Add(Scopes.AnalysesRead);
                    break;
            }
        }
        return [.. scopes];
    }
}
