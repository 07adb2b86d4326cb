namespace Actors.Analyses;

/// <summary>A coarse low/medium/high rating, used for a recommendation's impact and effort.</summary>
internal enum Level
{
    Low,
    Medium,
    High,
}
