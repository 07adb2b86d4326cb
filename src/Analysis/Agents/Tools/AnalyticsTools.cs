using System.Text.Json.Nodes;
using Actors.Analyses;
using Actors.Analyses.DataInterpretation;

namespace Actors.Agents;

/// <summary>
/// The analyses' own steps as tools over the job's input: profile, correlations, outliers, trend
/// (with seasonality and forecast), process mining and Pareto. Each runs the steps it depends on, with
/// the roles the model names (a time, value, case, activity or category field) over the request's
/// options, so an agent gets exactly what the statistical engine computes. Pure and deterministic.
/// </summary>
public sealed class AnalyticsTools(AnalysisInput input)
{
    private JsonNode? _profile;

    public JsonNode Profile(CancellationToken cancellationToken = default) =>
        _profile ??= new ProfileStep().Run(input, Empty, cancellationToken);

    public JsonNode Correlate(CancellationToken cancellationToken = default) =>
        After(new CorrelateStep(), input, cancellationToken);

    public JsonNode Outliers(CancellationToken cancellationToken = default) =>
        After(new OutliersStep(), input, cancellationToken);

    /// <summary>Trend, seasonality, anomalies and forecast of the value fields over the time field (without the plotted points, which a chart needs and a model does not).</summary>
    public JsonNode Trend(string? timeField, string? valueField, CancellationToken cancellationToken = default)
    {
        var named = With(("time_field", timeField), ("value_field", valueField));
        var roles = After(new Analyses.Trend.RolesStep(), named, cancellationToken);
        var trend = new Analyses.Trend.TrendStep().Run(named, Outputs((Analyses.Trend.RolesStep.StepName, roles)), cancellationToken).AsObject();
        trend.Remove("lines");
        return trend;
    }

    /// <summary>Waits, bottleneck, cycle times, rework and variants of an event log.</summary>
    public JsonNode Process(string? caseField, string? activityField, string? timeField, CancellationToken cancellationToken = default)
    {
        var named = With(("case_field", caseField), ("activity_field", activityField), ("time_field", timeField));
        var roles = After(new Analyses.Process.RolesStep(), named, cancellationToken);
        return new Analyses.Process.MineStep().Run(named, Outputs((Analyses.Process.RolesStep.StepName, roles)), cancellationToken);
    }

    /// <summary>Where the value concentrates: categories ranked by their share, and the vital few.</summary>
    public JsonNode Pareto(string? categoryField, string? valueField, CancellationToken cancellationToken = default)
    {
        var named = With(("category_field", categoryField), ("value_field", valueField));
        var roles = After(new Analyses.Optimization.ReviewRolesStep(), named, cancellationToken);
        return new Analyses.Optimization.ParetoStep().Run(named, Outputs((Analyses.Optimization.ReviewRolesStep.StepName, roles)), cancellationToken);
    }

    private static readonly IReadOnlyDictionary<string, JsonNode> Empty = new Dictionary<string, JsonNode>();

    /// <summary>A step that needs only the profile.</summary>
    private JsonNode After(IAnalysisStep step, AnalysisInput with, CancellationToken cancellationToken) =>
        step.Run(with, Outputs(), cancellationToken);

    private Dictionary<string, JsonNode> Outputs(params (string Step, JsonNode Output)[] more)
    {
        var outputs = new Dictionary<string, JsonNode>(StringComparer.Ordinal) { [ProfileStep.StepName] = Profile() };
        foreach (var (step, output) in more)
        {
            outputs[step] = output;
        }
        return outputs;
    }

    /// <summary>The input with the fields the model named in place of the request's options.</summary>
    private AnalysisInput With(params (string Option, string? Value)[] named)
    {
        var options = new Dictionary<string, string>(input.Options, StringComparer.Ordinal);
        foreach (var (option, value) in named)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                options[option] = value;
            }
        }
        return input with { Options = options };
    }
}
