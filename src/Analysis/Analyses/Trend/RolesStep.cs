using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics;

namespace Actors.Analyses.Trend;

/// <summary>
/// Settles the time field and the value fields (options first, detection second). Output:
/// <c>{ "time_field": "&lt;name&gt;", "value_fields": ["&lt;name&gt;", …] }</c>.
/// </summary>
public sealed class RolesStep : IAnalysisStep
{
    public const string StepName = "roles";

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var profile = ProfileJson.Read(StepOutputs.Require(previous, ProfileStep.StepName, StepName));
        cancellationToken.ThrowIfCancellationRequested();
        var roles = FieldRoleDetector.Detect(input.Table, profile, input.Options);

        var time = roles.Time ?? throw new DataFormatException(
            "Trend analysis needs a time field, but no column holds ISO dates (yyyy-MM-dd) or has a time-like name such as 'date', 'month' or 'year'. "
            + "Set options.time_field to the column that orders the rows.");
        var timeType = profile[time].Type;
        if (timeType is not (ColumnType.Datetime or ColumnType.Numeric))
        {
            throw new DataFormatException(
                $"The time field '{time}' holds {timeType.ToName()} values, not dates or numbers. Set options.time_field to a date or numeric column.");
        }
        // A time field named again as a value would only trend against itself.
        var values = roles.Values.Where(v => v != time).ToArray();
        if (values.Length == 0)
        {
            throw new DataFormatException(
                $"Trend analysis needs at least one numeric value field besides the time field '{time}', and none was found. "
                + "Set options.value_field to the column to follow (comma-separated for several).");
        }
        return RolesJson.Write(time, values);
    }
}
