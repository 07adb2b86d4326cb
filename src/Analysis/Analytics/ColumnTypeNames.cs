using System.Diagnostics.CodeAnalysis;

namespace Actors.Analytics;

/// <summary>The lowercase names the API uses for <see cref="ColumnType"/>.</summary>
public static class ColumnTypeNames
{
    public static string ToName(this ColumnType type) => type switch
    {
        ColumnType.Numeric => "numeric",
        ColumnType.Categorical => "categorical",
        ColumnType.Datetime => "datetime",
        ColumnType.Text => "text",
        ColumnType.Boolean => "boolean",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParse([NotNullWhen(true)] string? name, out ColumnType type)
    {
        foreach (var candidate in Enum.GetValues<ColumnType>())
        {
            if (string.Equals(candidate.ToName(), name, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }
}
