namespace Actors.Analytics.Optimization;

/// <summary>
/// The rows sharing one category label: how many there are, how many of them hold a number in the
/// value column, and those numbers' sum.
/// </summary>
public sealed record CategoryGroup(string Category, int Rows, int Values, double Sum)
{
    /// <summary>The mean of the group's values, NaN when it has none.</summary>
    public double Mean => Values == 0 ? double.NaN : Sum / Values;
}
