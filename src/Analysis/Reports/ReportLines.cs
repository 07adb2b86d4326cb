namespace Actors.Reports;

/// <summary>One key figure, its value already formatted.</summary>
internal sealed record KpiLine(string Name, string Value, string? Unit);

/// <summary>One finding; <see cref="Evidence"/> is the evidence object on one line.</summary>
internal sealed record FindingLine(string Title, string Severity, string? Detail, string? Evidence);

/// <summary>The findings of one severity, in report order.</summary>
internal sealed record FindingGroup(string Severity, IReadOnlyList<FindingLine> Findings);

internal sealed record RecommendationLine(string Title, string? Detail, string? Impact, string? Effort);

/// <summary>A labelled scalar for the metrics, provenance and usage sections.</summary>
internal sealed record NamedValue(string Name, string Value);

/// <summary>A nested metric shown as its own table.</summary>
internal sealed record MetricTable(string Name, RecordTable Table);
