namespace Actors.Analytics.Trends;

/// <summary>Smoothing weights of level (α), trend (β) and, for Holt–Winters, season (γ); each in (0, 1].</summary>
public sealed record Smoothing(double Alpha, double Beta, double? Gamma);
