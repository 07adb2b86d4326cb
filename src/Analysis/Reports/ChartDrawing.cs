namespace Actors.Reports;

/// <summary>One drawn chart: the caption shown above it and the inline SVG markup.</summary>
internal sealed record ChartDrawing(string Caption, string Svg);
