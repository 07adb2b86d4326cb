namespace Actors.Analytics.Process;

/// <summary>A distinct path through the process (see <see cref="ProcessCase.Path"/>) and how many cases follow it.</summary>
public sealed record ProcessVariant(string Path, int Cases);
