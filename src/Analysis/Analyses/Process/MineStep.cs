using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics;
using Actors.Analytics.Process;

namespace Actors.Analyses.Process;

/// <summary>Reads the table as an event log with the settled roles and measures it (see <see cref="MineJson"/>).</summary>
public sealed class MineStep : IAnalysisStep
{
    public const string StepName = "mine";

    public string Name => StepName;

    public JsonNode Run(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var fields = RolesJson.Read(StepOutputs.Require(previous, RolesStep.StepName, StepName));
        var log = EventLog.Read(input.Table, fields, cancellationToken);
        if (log.EventCount == 0)
        {
            throw new DataFormatException(
                $"No row has a case id in '{fields.Case}', an activity in '{fields.Activity}' and a time in '{fields.Time}' "
                + "(an ISO-8601 date-time or a number of seconds), so there is no event log to analyse. "
                + "Fill those columns, or name others with options.case_field, options.activity_field and options.time_field.");
        }
        return MineJson.Write(log, ProcessMetrics.Measure(log, cancellationToken));
    }
}
