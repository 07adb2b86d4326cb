namespace Actors.Analyses;

/// <summary>How urgently a finding needs attention; declared in increasing order.</summary>
internal enum Severity
{
    Info,
    Warning,
    Critical,
}
