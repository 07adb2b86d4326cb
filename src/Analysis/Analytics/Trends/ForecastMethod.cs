namespace Actors.Analytics.Trends;

/// <summary>Which exponential smoothing model produced a forecast.</summary>
public enum ForecastMethod
{
    /// <summary>Holt's linear method (level + trend), for series without a season.</summary>
    Holt,

    /// <summary>Additive Holt–Winters (level + trend + seasonal component), for seasonal series.</summary>
    HoltWinters,
}
