using System.ComponentModel;
using System.Text.Json;

namespace Actors.Api.OpenApi;

// Bodies that endpoints read or write as raw JSON (to give precise validation problems or to pass a
// stored document through). These records only describe them in the OpenAPI document.

/// <summary>A submission: the analysis type, the data (records or CSV, exactly one) and what to ask.</summary>
public sealed record AnalysisSubmission(
    [property: Description("data_interpretation, trend_analysis, process_analysis, optimization_review or custom_analysis."), WireEnum(WireEnums.AnalysisType)] string Type,
    [property: Description("The data as flat records; send this or csv.")] AnalysisData? Data = null,
    [property: Description("The data as CSV text with a header row; send this or data.")] string? Csv = null,
    [property: Description("A question in plain words (custom_analysis answers it).")] string? Question = null,
    [property: Description("Option names to strings, numbers or booleans, e.g. time_field, value_field, case_field, activity_field, category_field.")] IReadOnlyDictionary<string, JsonElement>? Options = null,
    [property: Description("high, normal (default) or low: the order in the tenant's queue."), WireEnum(WireEnums.Priority)] string? Priority = null,
    [property: Description("A team template's name (GET /api/v1/teams); default: the analysis type's shipped team.")] string? Team = null,
    [property: Description("An absolute http(s) URL told about the job's outcome.")] string? CallbackUrl = null);

/// <summary>Records: one object per row, each a flat map of column names to strings, numbers, booleans or null.</summary>
public sealed record AnalysisData(IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Records);

/// <summary>A finished job's report (JSON rendering). Every number in the text comes from <c>metrics</c> or a tool's output.</summary>
public sealed record AnalysisReport(
    string JobId,
    string Type,
    string Summary,
    IReadOnlyList<ReportKpi> Kpis,
    IReadOnlyList<ReportFinding> Findings,
    IReadOnlyList<ReportRecommendation> Recommendations,
    [property: Description("Machine-readable numbers, per analysis type.")] JsonElement Metrics,
    [property: Description("Chart specifications the HTML rendering draws.")] IReadOnlyList<JsonElement> Charts,
    [property: Description("The engine, the team, its steps and the tools that ran.")] JsonElement Provenance,
    ReportUsage Usage);

public sealed record ReportKpi(string Name, JsonElement Value, string? Unit = null);

public sealed record ReportFinding(string Title, [property: Description("info, warning or critical."), WireEnum(WireEnums.Severity)] string Severity, string Detail, JsonElement? Evidence = null);

public sealed record ReportRecommendation(string Title, string Detail, string? Impact = null, string? Effort = null);

public sealed record ReportUsage(long InputTokens, long OutputTokens, decimal CostUsd);

/// <summary>A team template: which agent runs which tool (a step of the analysis type), after which others, under which strategy.</summary>
public sealed record TeamTemplateBody(
    [property: Description("1 to 64 characters of a-z, 0-9 and _; not a shipped team's name.")] string Name,
    [property: WireEnum(WireEnums.AnalysisType)] string AnalysisType,
    [property: Description("sequential, parallel, hierarchical or consensus."), WireEnum(WireEnums.Strategy)] string Strategy,
    IReadOnlyList<TeamStepBody> Steps,
    [property: Description("The agent that reviews the final report under the hierarchical strategy.")] string? Manager = null,
    string? Description = null);

/// <summary>A team template as listed: the template and whether it ships with Actors.</summary>
public sealed record TeamResponse(
    string Name,
    [property: WireEnum(WireEnums.AnalysisType)] string AnalysisType,
    [property: WireEnum(WireEnums.Strategy)] string Strategy,
    IReadOnlyList<TeamStepBody> Steps,
    [property: Description("True for the templates that ship with Actors.")] bool BuiltIn,
    string? Manager = null,
    string? Description = null);

public sealed record TeamStepBody(
    [property: Description("A step of the analysis type, at most once per team.")] string Tool,
    [property: Description("The agent that runs the step.")] string? Agent = null,
    [property: Description("Several agents whose answers are merged (consensus strategy).")] IReadOnlyList<string>? Agents = null,
    string? Task = null,
    IReadOnlyList<string>? DependsOn = null,
    [property: Description("A condition on an earlier output: <tool>.<path> <op> [value], ops exists, missing, ==, !=, >, >=, <, <=.")] string? When = null,
    TeamStepReview? Review = null);

/// <summary>A quality gate after a step.</summary>
public sealed record TeamStepReview(string Agent, int MaxRounds = 1);
