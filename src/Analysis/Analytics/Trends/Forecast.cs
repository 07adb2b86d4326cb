namespace Actors.Analytics.Trends;

/// <summary>Values predicted for the periods after the last one.</summary>
/// <param name="Values">One value per period ahead, nearest first.</param>
/// <param name="Sse">Sum of squared one-step-ahead errors over the fitted history; what the parameters were chosen to minimise.</param>
public sealed record Forecast(ForecastMethod Method, Smoothing Parameters, IReadOnlyList<double> Values, double Sse);
