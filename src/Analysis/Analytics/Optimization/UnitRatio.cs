namespace Actors.Analytics.Optimization;

/// <summary>
/// Money per unit of volume for each category, and how far it varies: <see cref="Spread"/> is the
/// largest per-unit figure over the smallest, over categories with a positive one (null with fewer
/// than two such categories).
/// </summary>
public sealed record UnitRatio(
    string MoneyField,
    MeasureKind Kind,
    string VolumeField,
    IReadOnlyList<CategoryRatio> Categories,
    CategoryRatio? Lowest,
    CategoryRatio? Highest,
    double? Spread);
