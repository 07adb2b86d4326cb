namespace Actors.Analytics;

/// <summary>
/// Detects <see cref="FieldRoles"/> from a table's profile, unless the request's options name them
/// (<c>time_field</c>, <c>value_field</c> — comma-separated for several —, <c>case_field</c>,
/// <c>activity_field</c>, <c>category_field</c>, <c>resource_field</c>, <c>end_time_field</c>).
/// Detection goes by column type first and by name second; a named field that is not a column is
/// a <see cref="DataFormatException"/>, never a silent guess.
/// </summary>
public static class FieldRoleDetector
{
    private static readonly string[] TimeNames = ["timestamp", "time", "date", "datetime", "start", "start_time", "period", "month", "week", "year", "day", "ts"];
    private static readonly string[] EndTimeNames = ["end", "end_time", "completed", "completed_at", "end_timestamp", "finish", "finished_at"];
    private static readonly string[] CaseNames = ["case_id", "case", "caseid", "order_id", "ticket_id", "ticket", "order", "process_id", "instance", "trace_id"];
    private static readonly string[] ActivityNames = ["activity", "activity_name", "step", "task", "event", "action", "stage", "state", "status"];
    private static readonly string[] ResourceNames = ["resource", "user", "agent", "owner", "assignee", "operator", "employee", "team"];

    public static FieldRoles Detect(DataTable table, TableProfile profile, IReadOnlyDictionary<string, string> options)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);

        var time = Named(table, options, "time_field") ?? FindTime(profile, TimeNames);
        Use(used, time);
        var endTime = Named(table, options, "end_time_field") ?? FindByName(profile, EndTimeNames, used, c => c.Type is ColumnType.Datetime or ColumnType.Numeric);
        Use(used, endTime);
        var caseField = Named(table, options, "case_field") ?? FindByName(profile, CaseNames, used, c => c.Type != ColumnType.Boolean && c.Distinct < profile.Rows);
        Use(used, caseField);
        var activity = Named(table, options, "activity_field") ?? FindByName(profile, ActivityNames, used, c => c.Type is ColumnType.Categorical or ColumnType.Text);
        Use(used, activity);
        var resource = Named(table, options, "resource_field") ?? FindByName(profile, ResourceNames, used, c => c.Type is ColumnType.Categorical or ColumnType.Text);
        Use(used, resource);

        IReadOnlyList<string> values;
        if (options.TryGetValue("value_field", out var namedValues) && !string.IsNullOrWhiteSpace(namedValues))
        {
            values = namedValues.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(v => Require(table, "value_field", v)).ToList();
        }
        else
        {
            values = profile.Columns
                .Where(c => c.Type == ColumnType.Numeric && !used.Contains(c.Name) && !LooksLikeId(c.Name))
                .Select(c => c.Name).ToList();
        }
        foreach (var value in values)
        {
            Use(used, value);
        }

        var category = Named(table, options, "category_field")
            ?? profile.Columns.FirstOrDefault(c => c.Type == ColumnType.Categorical && !used.Contains(c.Name))?.Name;

        return new FieldRoles(time, values, caseField, activity, category, resource, endTime);
    }

    private static string? Named(DataTable table, IReadOnlyDictionary<string, string> options, string option) =>
        options.TryGetValue(option, out var name) && !string.IsNullOrWhiteSpace(name) ? Require(table, option, name.Trim()) : null;

    private static string Require(DataTable table, string option, string name) =>
        table.IndexOf(name) >= 0
            ? name
            : throw new DataFormatException($"options.{option} names '{name}', which is not a column. Columns: {string.Join(", ", table.Columns)}.");

    /// <summary>A datetime column (by name preference), else a numeric column whose name says it is time.</summary>
    private static string? FindTime(TableProfile profile, string[] names)
    {
        var datetimes = profile.Columns.Where(c => c.Type == ColumnType.Datetime).ToList();
        if (datetimes.Count > 0)
        {
            return (datetimes.FirstOrDefault(c => names.Contains(Normal(c.Name))) ?? datetimes[0]).Name;
        }
        return profile.Columns.FirstOrDefault(c => c.Type == ColumnType.Numeric && names.Contains(Normal(c.Name)))?.Name;
    }

    private static string? FindByName(TableProfile profile, string[] names, HashSet<string> used, Func<ColumnProfile, bool> fits)
    {
        foreach (var name in names)
        {
            var match = profile.Columns.FirstOrDefault(c => Normal(c.Name) == name && !used.Contains(c.Name) && fits(c));
            if (match is not null)
            {
                return match.Name;
            }
        }
        return null;
    }

    private static bool LooksLikeId(string column)
    {
        var name = Normal(column);
        return name == "id" || name.EndsWith("_id", StringComparison.Ordinal);
    }

    private static string Normal(string column) => column.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    private static void Use(HashSet<string> used, string? column)
    {
        if (column is not null)
        {
            used.Add(column);
        }
    }
}
