namespace Actors.Analytics.Optimization;

/// <summary>One category's money and volume totals and money per unit (null when its volume is not positive).</summary>
public sealed record CategoryRatio(string Category, double Money, double Volume, double? PerUnit);
