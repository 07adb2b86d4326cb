namespace Actors.Analyses.DataInterpretation;

/// <summary>A coarse low/medium/high rating, used for a recommendation's impact and effort.</summary>
internal enum Level
{
    Low,
    Medium,
    High,
}
