namespace Actors.Analyses;

/// <summary>A failure worth another attempt (a dependency that may answer next time), not a fault in the data.</summary>
public sealed class TransientAnalysisException(string message, Exception? inner = null) : Exception(message, inner);
