using System.Globalization;
using Actors.Analytics.Trends;

namespace Actors.Analytics.Tests.Trends;

public sealed class SeriesTrendTests
{
    private static string Month(int i) =>
        new DateTime(2020, 1, 1).AddMonths(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void Combines_every_measurement_of_one_series()
    {
        var values = Series.With(Series.Seasonal(48, slope: 0.8, intercept: 100, amplitude: 10, period: 12), 30, 40);
        var table = Tables.Columns(
            ("month", [.. Enumerable.Range(0, 48).Select(i => Cell.Of(Month(i)))]),
            ("sales", Tables.Numbers(values)));

        var trend = SeriesTrend.Analyse(TimeSeries.Read(table, "month", "sales"), horizon: 4);

        Assert.Equal(LinearFit.Of(values), trend.Fit);
        Assert.Equal(Growth.Percent(values), trend.GrowthPct);
        Assert.Equal(12, trend.Season?.Period);
        Assert.Equal(30, Assert.Single(trend.Anomalies).Index);
        Assert.Equal(ForecastMethod.HoltWinters, trend.Forecast.Method);
        Assert.Equal(4, trend.Forecast.Values.Count);
        Assert.Equal([Month(48), Month(49), Month(50), Month(51)], trend.ForecastTimes.Select(t => t.Text));
        Assert.Equal(trend.Fit.At(47), trend.Trend[47], 12);
        Assert.Equal(48, trend.MovingAverage.Count);
        Assert.Null(trend.MovingAverage[1]);
        Assert.Equal((values[45] + values[46] + values[47]) / 3, trend.MovingAverage[47]!.Value, 12);
    }

    [Fact]
    public void Default_horizon_is_three()
    {
        var table = Tables.Columns(("year", Tables.Numbers(2018, 2019, 2020, 2021)), ("v", Tables.Numbers(1, 2, 3, 4)));

        var trend = SeriesTrend.Analyse(TimeSeries.Read(table, "year", "v"));

        Assert.Equal(ForecastMethod.Holt, trend.Forecast.Method);
        Assert.Equal([2022.0, 2023.0, 2024.0], trend.ForecastTimes.Select(t => t.Number!.Value));
        Assert.Equal([5.0, 6.0, 7.0], trend.Forecast.Values.Select(v => Math.Round(v, 9)));
    }
}
