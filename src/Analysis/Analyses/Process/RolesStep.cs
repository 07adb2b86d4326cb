using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics;
using Actors.Analytics.Process;

namespace Actors.Analyses.Process;

/// <summary>
/// Settles which columns hold the case id, activity and time (plus end time and resource when there
/// are such columns), from the request's <c>*_field</c> options or else by detection.
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

        (string Option, string Role, string? Column)[] required =
        [
            ("case_field", "case id", roles.Case),
            ("activity_field", "activity", roles.Activity),
            ("time_field", "time", roles.Time),
        ];
        var missing = required.Where(r => r.Column is null).ToArray();
        if (missing.Length > 0)
        {
            throw new DataFormatException(
                $"Process analysis needs an event log with a case id, an activity and a time on every row, but no {Join(missing.Select(m => m.Role))} column was found. "
                + $"Name the columns with {Join(missing.Select(m => $"options.{m.Option}"))}. Columns: {string.Join(", ", input.Table.Columns)}.");
        }
        // Only explicit options can make two roles share a column; a log read that way would be meaningless.
        foreach (var clash in required.GroupBy(r => r.Column, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new DataFormatException(
                $"The {Join(clash.Select(r => r.Role))} would share column '{clash.Key}', but they must be different columns. "
                + "Name them with options.case_field, options.activity_field and options.time_field.");
        }
        return RolesJson.Write(new EventLogFields(roles.Case!, roles.Activity!, roles.Time!, roles.EndTime, roles.Resource));
    }

    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} and {list[^1]}";
    }
}
