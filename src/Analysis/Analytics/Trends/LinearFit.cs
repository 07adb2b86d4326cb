namespace Actors.Analytics.Trends;

/// <summary>
/// Ordinary least squares line of a series' values on their period index 0..n−1.
/// </summary>
/// <param name="Slope">Change per period.</param>
/// <param name="Intercept">Fitted value at index 0.</param>
/// <param name="RSquared">Share of the variance the line explains, in [0, 1]; 0 for a constant series (nothing to explain).</param>
public sealed record LinearFit(double Slope, double Intercept, double RSquared)
{
    /// <summary>The fitted value at a period index (fractional and out-of-range indexes extrapolate).</summary>
    public double At(double index) => Intercept + Slope * index;

    public static LinearFit Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        if (n == 0)
        {
            throw new ArgumentException("A line needs at least one value.", nameof(values));
        }
        // Exact check first: the mean of identical values can differ from them by a rounding error,
        // which would otherwise turn a flat series into a tiny, meaningless slope with a random r².
        if (values.All(v => v == values[0]))
        {
            return new LinearFit(0, values[0], 0);
        }
        var meanX = (n - 1) / 2.0;
        var meanY = values.Average();
        double sxy = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            var dy = values[i] - meanY;
            sxy += (i - meanX) * dy;
            syy += dy * dy;
        }
        // Σ(i − x̄)² over 0..n−1 in closed form.
        var sxx = n * ((double)n * n - 1) / 12.0;
        var slope = sxy / sxx;
        // For one regressor r² is the squared correlation, which avoids 1 − SSres/SStot cancelling.
        var r2 = Math.Clamp(sxy * sxy / (sxx * syy), 0, 1);
        return new LinearFit(slope, meanY - slope * meanX, r2);
    }
}
