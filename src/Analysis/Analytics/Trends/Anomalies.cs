namespace Actors.Analytics.Trends;

/// <summary>
/// Finds periods that break from the series' pattern.
/// <para>
/// Rule: residual = value − (line + seasonal component), where the seasonal component (when a
/// season is given) is the median de-trended value of the period's phase (index mod period). The
/// median rather than the mean, so that a spike does not leak into its phase and push that phase's
/// other periods away from their expectation. Each residual r gets the Iglewicz–Hoaglin modified
/// z-score 0.6745·(r − median)/MAD; |z| &gt; 3.5 is an anomaly.
/// </para>
/// <para>
/// When MAD is 0 (more than half the residuals are equal) the scale falls back to the mean absolute
/// deviation: z = (r − median)/(1.253314·meanAD), as IBM SPSS does, so a single spike on an otherwise
/// exact pattern is still found and a few small departures are not; when that is 0 too, nothing is
/// anomalous. Deviations of at most 1e-9 of the series' largest magnitude count as 0, as they are
/// rounding noise of the fit. Series shorter than <see cref="MinPoints"/> are not scored: their
/// residuals have too few degrees of freedom for a scale estimate.
/// </para>
/// </summary>
public static class Anomalies
{
    public const double Threshold = 3.5;
    public const int MinPoints = 8;

    private const double MadToSigma = 0.6745;
    private const double MeanAdToSigma = 1.253314;
    private const double RoundingNoise = 1e-9;

    public static IReadOnlyList<Anomaly> Detect(IReadOnlyList<double> values, LinearFit fit, Seasonality? season)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < MinPoints)
        {
            return [];
        }
        var expected = Expected(values, fit, season);
        var residuals = new double[values.Count];
        var largest = 0.0;
        for (var i = 0; i < residuals.Length; i++)
        {
            residuals[i] = values[i] - expected[i];
            largest = Math.Max(largest, Math.Abs(values[i]));
        }
        var scores = RobustScores(residuals, RoundingNoise * largest);
        var found = new List<Anomaly>();
        for (var i = 0; i < scores.Length; i++)
        {
            if (Math.Abs(scores[i]) > Threshold)
            {
                found.Add(new Anomaly(i, values[i], expected[i], scores[i]));
            }
        }
        return found;
    }

    /// <summary>The line plus, when seasonal, the median de-trended value of each period's phase.</summary>
    public static double[] Expected(IReadOnlyList<double> values, LinearFit fit, Seasonality? season)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(fit);
        var detrended = Seasonality.Detrend(values, fit);
        var phases = new double[season?.Period ?? 1];
        if (season is { Period: var period })
        {
            for (var p = 0; p < period; p++)
            {
                var members = new List<double>();
                for (var i = p; i < detrended.Length; i += period)
                {
                    members.Add(detrended[i]);
                }
                phases[p] = members.Count == 0 ? 0 : Median(members);
            }
        }
        var expected = new double[values.Count];
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = fit.At(i) + phases[i % phases.Length];
        }
        return expected;
    }

    /// <summary>
    /// Modified z-scores of <paramref name="residuals"/> (see the class rule); deviations from the
    /// median of at most <paramref name="noise"/> score 0.
    /// </summary>
    public static double[] RobustScores(IReadOnlyList<double> residuals, double noise = 0)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        var scores = new double[residuals.Count];
        if (residuals.Count == 0)
        {
            return scores;
        }
        var median = Median(residuals);
        var deviations = new double[residuals.Count];
        for (var i = 0; i < deviations.Length; i++)
        {
            var d = Math.Abs(residuals[i] - median);
            deviations[i] = d <= noise ? 0 : d;
        }
        var mad = Median(deviations);
        double scale;
        if (mad > 0)
        {
            scale = mad / MadToSigma;
        }
        else
        {
            var meanDeviation = deviations.Average();
            if (meanDeviation == 0)
            {
                return scores;
            }
            scale = MeanAdToSigma * meanDeviation;
        }
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = deviations[i] == 0 ? 0 : (residuals[i] - median) / scale;
        }
        return scores;
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
