namespace Actors.Analytics.Optimization;

/// <summary>Groups a table's rows by the label in one column.</summary>
public static class CategoryGroups
{
    /// <summary>
    /// One group per distinct label of <paramref name="category"/> (its text form, so the number 3 and
    /// the text "3" are one label), ordered by label so the result does not depend on row order.
    /// Rows with a missing category are skipped. With a <paramref name="value"/> column, each group also
    /// sums that column's numbers; a row whose value is missing or not a number counts in
    /// <see cref="CategoryGroup.Rows"/> only.
    /// </summary>
    public static IReadOnlyList<CategoryGroup> Of(DataTable table, string category, string? value = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(category);
        var labels = table.Column(category);
        var values = value is null ? default : table.Column(value);
        var groups = new Dictionary<string, (int Rows, int Values, double Sum)>(StringComparer.Ordinal);
        for (var r = 0; r < labels.Length; r++)
        {
            if (r % 8192 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            if (labels[r].IsMissing)
            {
                continue;
            }
            var key = labels[r].ToString();
            var group = groups.GetValueOrDefault(key);
            group.Rows++;
            if (value is not null && values[r].TryGetNumber(out var x))
            {
                group.Values++;
                group.Sum += x;
            }
            groups[key] = group;
        }
        return groups
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CategoryGroup(g.Key, g.Value.Rows, g.Value.Values, g.Value.Sum))
            .ToArray();
    }
}
