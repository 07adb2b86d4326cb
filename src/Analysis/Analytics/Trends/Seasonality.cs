namespace Actors.Analytics.Trends;

/// <summary>
/// A repeating cycle found in a series.
/// <para>
/// Rule: remove the least-squares line (<see cref="LinearFit"/>), then compute the autocorrelation
/// (ACF) of the residuals at lags 2..⌊n/2⌋. Among lags whose ACF is a local peak (above the previous
/// lag's and not below the next one's), take the highest; report it when its ACF exceeds the
/// approximate 95% significance bound 1.96/√n. The lag range guarantees at least two full cycles.
/// The local-peak condition keeps a curving (non-linear) trend, whose residual ACF simply decays
/// from lag 1, from passing for a short season. The correlogram is read twice, as measured and with
/// residuals whose robust z-score (see <see cref="Anomalies"/>) exceeds the anomaly threshold set
/// to the median, and the stronger cycle is kept: one spike would otherwise dominate the variance
/// and hide a genuine cycle, while sharp recurring peaks are a cycle, not spikes. A series whose
/// residuals are rounding noise (at most 1e-12 of its magnitude, e.g. an exact line) has no season.
/// </para>
/// </summary>
/// <param name="Period">Cycle length in periods.</param>
/// <param name="Autocorrelation">ACF of the de-trended series at <paramref name="Period"/>.</param>
public sealed record Seasonality(int Period, double Autocorrelation)
{
    public const int MinPeriod = 2;

    /// <summary>Two-sided 95% normal quantile of the white-noise ACF bound.</summary>
    public const double SignificanceZ = 1.96;

    private const double RoundingNoise = 1e-12;


    public static Seasonality? Detect(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        var maxLag = n / 2;
        if (maxLag < MinPeriod)
        {
            return null;
        }
        var residuals = Detrend(values, LinearFit.Of(values));
        double residualSquares = 0, valueSquares = 0;
        foreach (var r in residuals)
        {
            residualSquares += r * r;
        }
        foreach (var v in values)
        {
            valueSquares += v * v;
        }
        if (residualSquares <= RoundingNoise * RoundingNoise * valueSquares)
        {
            return null;
        }
        // Twice: as measured, and with isolated spikes set to the median. One large spike swamps the
        // variance and hides a modest cycle; but a season of sharp recurring peaks looks like spikes
        // to a robust score, and would vanish if they were removed. The stronger cycle wins.
        var raw = StrongestCycle(residuals);
        var cleaned = StrongestCycle(WithoutSpikes(residuals));
        return (raw, cleaned) switch
        {
            (null, null) => null,
            ({ } r, null) => r,
            (null, { } c) => c,
            ({ } r, { } c) => c.Autocorrelation > r.Autocorrelation ? c : r,
        };
    }

    private static Seasonality? StrongestCycle(double[] residuals)
    {
        var n = residuals.Length;
        var maxLag = n / 2;
        var bound = SignificanceZ / Math.Sqrt(n);
        var lastLag = Math.Min(maxLag + 1, n - 1);
        var acf = Correlogram.Of(residuals, lastLag);
        int? best = null;
        for (var lag = MinPeriod; lag <= maxLag; lag++)
        {
            var peak = acf[lag] > acf[lag - 1] && (lag + 1 > lastLag || acf[lag] >= acf[lag + 1]);
            if (peak && acf[lag] > bound && (best is not { } b || acf[lag] > acf[b]))
            {
                best = lag;
            }
        }
        return best is { } period ? new Seasonality(period, acf[period]) : null;
    }

    /// <summary>
    /// Sample ACF: Σ_{t&lt;n−lag} (x_t − x̄)(x_{t+lag} − x̄) / Σ (x_t − x̄)². 0 for a constant series.
    /// Computed directly, one lag at a time; <see cref="Detect"/> gets all lags at once by FFT.
    /// </summary>
    public static double Acf(IReadOnlyList<double> series, int lag)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfNegative(lag);
        var n = series.Count;
        if (lag >= n)
        {
            return 0;
        }
        var mean = series.Average();
        double numerator = 0, denominator = 0;
        for (var t = 0; t < n; t++)
        {
            var d = series[t] - mean;
            denominator += d * d;
            if (t + lag < n)
            {
                numerator += d * (series[t + lag] - mean);
            }
        }
        return denominator == 0 ? 0 : numerator / denominator;
    }

    /// <summary>A copy with residuals scoring beyond ±<see cref="Anomalies.Threshold"/> replaced by the median.</summary>
    private static double[] WithoutSpikes(double[] residuals)
    {
        var scores = Anomalies.RobustScores(residuals);
        var median = Anomalies.Median(residuals);
        return residuals.Select((r, i) => Math.Abs(scores[i]) > Anomalies.Threshold ? median : r).ToArray();
    }

    /// <summary>Values minus the fitted line.</summary>
    public static double[] Detrend(IReadOnlyList<double> values, LinearFit fit)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(fit);
        var residuals = new double[values.Count];
        for (var i = 0; i < residuals.Length; i++)
        {
            residuals[i] = values[i] - fit.At(i);
        }
        return residuals;
    }
}
