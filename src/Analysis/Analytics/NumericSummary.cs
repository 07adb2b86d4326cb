namespace Actors.Analytics;

/// <summary>
/// Descriptive statistics of a numeric column's non-missing values. <see cref="Std"/> is the sample
/// standard deviation (n − 1), null for fewer than two values. Quartiles use linear interpolation
/// between order statistics (Hyndman–Fan type 7, numpy's default).
/// </summary>
public sealed record NumericSummary(
    int Count,
    double Mean,
    double? Std,
    double Min,
    double Max,
    double Median,
    double Q1,
    double Q3)
{
    public double InterquartileRange => Q3 - Q1;
}
