using System.Text.Json.Nodes;
using Actors.Batches;
using Actors.Webhooks;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Actors.Api.OpenApi;

/// <summary>
/// Marks a string member whose values are a fixed set: the OpenAPI document lists them as its <c>enum</c>,
/// so generated clients get types instead of free strings. <paramref name="set"/> is one of <see cref="WireEnums"/>' names.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class WireEnumAttribute(string set) : Attribute
{
    public string Set { get; } = set;
}

/// <summary>The fixed sets of wire values, each taken from the code that owns the names.</summary>
public static class WireEnums
{
    public const string JobStatus = nameof(JobStatus);
    public const string Priority = nameof(Priority);
    public const string EventKind = nameof(EventKind);
    public const string AnalysisType = nameof(AnalysisType);
    public const string Severity = nameof(Severity);
    public const string Strategy = nameof(Strategy);
    public const string DeliveryOutcome = nameof(DeliveryOutcome);
    public const string BatchStatus = nameof(BatchStatus);

    /// <summary>
    /// The analysis types Actors ships. A node may register more (tests, the benchmark's <c>bench_echo</c>); the
    /// document names the shipped ones, so it is the same whatever the node.
    /// </summary>
    public static readonly IReadOnlyList<string> ShippedAnalysisTypes =
    [
        Actors.Analyses.DataInterpretation.DataInterpretationAnalysis.AnalysisType,
        Actors.Analyses.Trend.TrendAnalysis.AnalysisType,
        Actors.Analyses.Process.ProcessAnalysis.AnalysisType,
        Actors.Analyses.Optimization.OptimizationReviewAnalysis.AnalysisType,
        Actors.Analyses.Custom.CustomAnalysis.AnalysisType,
    ];

    private static readonly Dictionary<string, IReadOnlyList<string>> Sets = new(StringComparer.Ordinal)
    {
        [JobStatus] = [.. Enum.GetValues<Actors.Jobs.JobStatus>().Select(s => s.ToWire())],
        [Priority] = [.. Enum.GetValues<JobPriority>().Select(p => p.ToWire())],
        [EventKind] = [.. Enum.GetValues<JobEventKind>().Select(k => k.ToWire())],
        [AnalysisType] = ShippedAnalysisTypes,
        [Severity] = ["info", "warning", "critical"],
        [Strategy] = Actors.Teams.TeamTemplate.Strategies,
        [DeliveryOutcome] = [.. Enum.GetValues<AttemptOutcome>().Select(o => o.ToWire())],
        [BatchStatus] = [.. Enum.GetValues<Actors.Batches.BatchStatus>().Select(s => s.ToWire())],
    };

    public static IReadOnlyList<string> ValuesOf(string set) => Sets[set];

    /// <summary>The schema transformer: a member marked <see cref="WireEnumAttribute"/> gets its set as <c>enum</c> (and null, when it may be null).</summary>
    internal static Task Describe(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var marked = context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(WireEnumAttribute), inherit: true)
            .OfType<WireEnumAttribute>().FirstOrDefault();
        if (marked is null)
        {
            return Task.CompletedTask;
        }
        schema.Enum = [.. ValuesOf(marked.Set).Select(v => (JsonNode)JsonValue.Create(v))];
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        {
            schema.Enum.Add(null!);
        }
        return Task.CompletedTask;
    }
}
