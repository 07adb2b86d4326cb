using System.Text.RegularExpressions;

namespace Actors.Api.Tenancy;

/// <summary>The shape of a tenant id: it starts every tenant-owned grain key, so it never holds a '/'.</summary>
public static partial class TenantIds
{
    public const string Rule = "1 to 63 characters of a-z, 0-9, '-' and '_', starting with a letter or digit";

    public static bool IsWellFormed(string? id) => id is not null && Shape().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
