using Actors.Api.Auth;

namespace Actors.Api.WebConsole;

/// <summary>The role a session's scopes amount to, which decides what the console shows: the API decides what is allowed.</summary>
public static class ConsoleRoles
{
    public static string Of(IReadOnlySet<string> scopes) =>
        scopes.Contains(Scopes.Admin) ? Roles.Admin
        : scopes.Contains(Scopes.AnalysesWrite) ? Roles.Analyst
        : Roles.Viewer;
}
