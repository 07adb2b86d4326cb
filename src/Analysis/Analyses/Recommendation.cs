namespace Actors.Analyses;

/// <summary>Something the reader can do about a finding.</summary>
internal sealed record Recommendation(string Title, string Detail, Level Impact, Level Effort);
