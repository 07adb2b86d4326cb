namespace Actors.Analytics;

/// <summary>
/// Which columns play which part in an analysis: the time axis, the measured values, the case and
/// activity of an event log, a category to group by, a resource and an end time.
/// </summary>
public sealed record FieldRoles(
    string? Time,
    IReadOnlyList<string> Values,
    string? Case,
    string? Activity,
    string? Category,
    string? Resource,
    string? EndTime)
{
    /// <summary>The option names that set each role explicitly (e.g. <c>"options": {"time_field": "month"}</c>).</summary>
    public static readonly IReadOnlyList<string> OptionNames =
        ["time_field", "value_field", "case_field", "activity_field", "category_field", "resource_field", "end_time_field"];
}
