namespace Actors.Analytics.Trends;

/// <summary>
/// Holt's linear and additive Holt–Winters forecasting.
/// <para>
/// Parameters: <see cref="Fit"/> tries every combination of α, β (and γ) from <see cref="Grid"/>
/// (0.1, 0.3, 0.5, 0.7, 0.9) and keeps the one with the smallest sum of squared one-step-ahead
/// errors; ties keep the first combination in grid order, so the choice is deterministic.
/// </para>
/// <para>
/// Initial state. Holt: level = y₀, trend = y₁ − y₀. Holt–Winters with period m (needs 2m values):
/// trend b = Σ_{i&lt;m}(y_{m+i} − y_i)/m², c = mean_{i&lt;m}(y_i − b·i), season s_i = y_i − c − b·i,
/// level at index m−1 = c + b·(m−1); smoothing runs from index m. Both are exact for an exact line
/// (plus an exact cycle), so such series are continued exactly whatever the weights.
/// </para>
/// </summary>
public static class ExponentialSmoothing
{
    public const int MaxHorizon = 60;

    public static readonly IReadOnlyList<double> Grid = [0.1, 0.3, 0.5, 0.7, 0.9];

    /// <summary>The best-fitting model on <see cref="Grid"/>: Holt–Winters when a period is given, else Holt.</summary>
    public static Forecast Fit(IReadOnlyList<double> values, int? period, int horizon)
    {
        Validate(values, horizon);
        Forecast? best = null;
        foreach (var alpha in Grid)
        {
            foreach (var beta in Grid)
            {
                if (period is { } m)
                {
                    foreach (var gamma in Grid)
                    {
                        var candidate = HoltWinters(values, m, horizon, alpha, beta, gamma);
                        if (best is null || candidate.Sse < best.Sse)
                        {
                            best = candidate;
                        }
                    }
                }
                else
                {
                    var candidate = Holt(values, horizon, alpha, beta);
                    if (best is null || candidate.Sse < best.Sse)
                    {
                        best = candidate;
                    }
                }
            }
        }
        return best!;
    }

    public static Forecast Holt(IReadOnlyList<double> values, int horizon, double alpha, double beta)
    {
        Validate(values, horizon);
        ValidateWeight(alpha, nameof(alpha));
        ValidateWeight(beta, nameof(beta));
        var level = values[0];
        var trend = values.Count > 1 ? values[1] - values[0] : 0;
        double sse = 0;
        for (var t = 1; t < values.Count; t++)
        {
            var error = values[t] - (level + trend);
            sse += error * error;
            var previous = level;
            level = alpha * values[t] + (1 - alpha) * (level + trend);
            trend = beta * (level - previous) + (1 - beta) * trend;
        }
        var forecast = new double[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            forecast[h - 1] = level + h * trend;
        }
        return new Forecast(ForecastMethod.Holt, new Smoothing(alpha, beta, null), forecast, sse);
    }

    public static Forecast HoltWinters(IReadOnlyList<double> values, int period, int horizon, double alpha, double beta, double gamma)
    {
        Validate(values, horizon);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, Seasonality.MinPeriod);
        ValidateWeight(alpha, nameof(alpha));
        ValidateWeight(beta, nameof(beta));
        ValidateWeight(gamma, nameof(gamma));
        if (values.Count < 2 * period)
        {
            throw new ArgumentException($"Holt–Winters with period {period} needs at least {2 * period} values, not {values.Count}.", nameof(values));
        }
        double trend = 0;
        for (var i = 0; i < period; i++)
        {
            trend += values[period + i] - values[i];
        }
        trend /= (double)period * period;
        double offset = 0;
        for (var i = 0; i < period; i++)
        {
            offset += values[i] - trend * i;
        }
        offset /= period;
        // Indexed by phase (index mod period): each slot holds that phase's latest estimate.
        var season = new double[period];
        for (var i = 0; i < period; i++)
        {
            season[i] = values[i] - offset - trend * i;
        }
        var level = offset + trend * (period - 1);
        double sse = 0;
        for (var t = period; t < values.Count; t++)
        {
            var phase = t % period;
            var error = values[t] - (level + trend + season[phase]);
            sse += error * error;
            var previous = level;
            level = alpha * (values[t] - season[phase]) + (1 - alpha) * (level + trend);
            trend = beta * (level - previous) + (1 - beta) * trend;
            season[phase] = gamma * (values[t] - level) + (1 - gamma) * season[phase];
        }
        var last = values.Count - 1;
        var forecast = new double[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            forecast[h - 1] = level + h * trend + season[(last + h) % period];
        }
        return new Forecast(ForecastMethod.HoltWinters, new Smoothing(alpha, beta, gamma), forecast, sse);
    }

    private static void Validate(IReadOnlyList<double> values, int horizon)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("A forecast needs at least one value.", nameof(values));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(horizon, MaxHorizon);
    }

    private static void ValidateWeight(double weight, string name)
    {
        if (!(weight > 0 && weight <= 1))
        {
            throw new ArgumentOutOfRangeException(name, weight, "A smoothing weight must be in (0, 1].");
        }
    }
}
