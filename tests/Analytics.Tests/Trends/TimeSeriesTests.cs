using Actors.Analytics.Trends;

namespace Actors.Analytics.Tests.Trends;

public sealed class TimeSeriesTests
{
    private static TimeSeries Read(Cell[] times, Cell[] values) =>
        TimeSeries.Read(Tables.Columns(("t", times), ("v", values)), "t", "v");

    private static string[] Texts(TimeSeries series) => [.. series.Points.Select(p => p.Time.ToString())];

    [Fact]
    public void Monthly_dates_extend_by_calendar_months()
    {
        var series = Read(Tables.Texts("2023-10-01", "2023-11-01", "2023-12-01", "2024-01-01"), Tables.Numbers(1, 2, 3, 4));

        Assert.Equal(TimeKind.Datetime, series.Kind);
        Assert.Equal(1, series.Cadence?.Months);
        Assert.Equal("2024-02-01", series.TimeAfter(1).Text);
        Assert.Equal("2024-04-01", series.TimeAfter(3).Text);
    }

    [Fact]
    public void Quarterly_mid_month_dates_keep_their_day()
    {
        var series = Read(Tables.Texts("2024-02-15", "2024-05-15", "2024-08-15"), Tables.Numbers(1, 2, 3));

        Assert.Equal(3, series.Cadence?.Months);
        Assert.Equal("2024-11-15", series.TimeAfter(1).Text);
        Assert.Equal("2025-02-15", series.TimeAfter(2).Text);
    }

    [Fact]
    public void Weekly_dates_extend_by_seven_days()
    {
        var series = Read(Tables.Texts("2024-02-12", "2024-02-19", "2024-02-26"), Tables.Numbers(1, 2, 3));

        Assert.Equal(TimeSpan.FromDays(7), series.Cadence?.Duration);
        Assert.Equal("2024-03-04", series.TimeAfter(1).Text);
    }

    [Fact]
    public void Timestamps_extend_as_utc_timestamps()
    {
        var series = Read(Tables.Texts("2024-01-01T00:00:00Z", "2024-01-01T06:00:00Z", "2024-01-01 12:00"), Tables.Numbers(1, 2, 3));

        Assert.Equal("2024-01-01T18:00:00Z", series.TimeAfter(1).Text);
        Assert.Equal("2024-01-01 12:00", series.Points[2].Time.Text);
    }

    [Fact]
    public void Numeric_time_extends_by_its_step()
    {
        var series = Read(Tables.Texts("2019", "2020", "2021"), Tables.Numbers(5, 6, 7));

        Assert.Equal(TimeKind.Numeric, series.Kind);
        Assert.Equal([2019.0, 2020.0, 2021.0], series.Points.Select(p => p.Time.Number!.Value));
        Assert.Equal(2022.0, series.TimeAfter(1).Number);
        Assert.Equal(2023.0, series.TimeAfter(2).Number);

        var tenths = Read(Tables.Numbers(0.1, 0.2, 0.3), Tables.Numbers(1, 2, 3));
        Assert.Equal(0.4, tenths.TimeAfter(1).Number);
        Assert.Equal(0.6, tenths.TimeAfter(3).Number);
    }

    [Fact]
    public void Irregular_times_have_no_future_times()
    {
        var numbers = Read(Tables.Numbers(1, 2, 4), Tables.Numbers(1, 2, 3));
        var dates = Read(Tables.Texts("2024-01-01", "2024-01-02", "2024-01-04"), Tables.Numbers(1, 2, 3));
        var single = Read(Tables.Numbers(1), Tables.Numbers(1));

        Assert.Null(numbers.Cadence);
        Assert.True(numbers.TimeAfter(1).IsMissing);
        Assert.Null(dates.Cadence);
        Assert.True(dates.TimeAfter(2).IsMissing);
        Assert.Null(single.Cadence);
    }

    [Fact]
    public void Missing_values_do_not_break_the_time_axis()
    {
        var series = Read(
            Tables.Texts("2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01"),
            [1, 2, Cell.Missing, 4, Cell.Missing]);

        Assert.Equal(1, series.Cadence?.Months);
        // Future periods count on from the series' own last period (April), not the last row (May).
        Assert.Equal("2024-05-01", series.TimeAfter(1).Text);

        var numbers = Read(Tables.Numbers(10, 20, 30, 40), [1, Cell.Missing, 3, 4]);
        Assert.Equal(10.0, numbers.Cadence?.NumberStep);
        Assert.Equal(50.0, numbers.TimeAfter(1).Number);
    }

    [Fact]
    public void Unsorted_input_is_ordered_by_time()
    {
        var series = Read(
            Tables.Texts("2024-03-01", "2024-01-01", "2024-04-01", "2024-02-01"),
            Tables.Numbers(30, 10, 40, 20));

        Assert.Equal(["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"], Texts(series));
        Assert.Equal([10.0, 20.0, 30.0, 40.0], series.Values);
        Assert.Equal("2024-05-01", series.TimeAfter(1).Text);
    }

    [Fact]
    public void Duplicate_times_are_averaged()
    {
        var series = Read(Tables.Numbers(3, 1, 2, 2, 1, 2), Tables.Numbers(30, 10, 20, 40, 11, 60));

        Assert.Equal([1.0, 2.0, 3.0], series.Points.Select(p => p.Time.Number!.Value));
        Assert.Equal([10.5, 40.0, 30.0], series.Values);
        Assert.Equal(3, series.MergedRows);
        Assert.Empty(series.SkippedRows);
    }

    [Fact]
    public void Same_instant_in_two_spellings_is_one_period_labelled_as_first_written()
    {
        var series = Read(Tables.Texts("2024-01-02", "2024-01-01T00:00:00Z", "2024-01-01"), Tables.Numbers(5, 1, 3));

        Assert.Equal(["2024-01-01T00:00:00Z", "2024-01-02"], Texts(series));
        Assert.Equal([2.0, 5.0], series.Values);
    }

    [Fact]
    public void Rows_without_a_time_or_a_number_are_skipped_and_counted()
    {
        var series = Read(
            [1, Cell.Missing, 3, 4, 5, 6],
            [10, 20, 30, Cell.Missing, "n/a", 60]);

        Assert.Equal([1, 3, 4], series.SkippedRows);
        Assert.Equal([10.0, 30.0, 60.0], series.Values);
        Assert.Equal([1.0, 3.0, 6.0], series.Points.Select(p => p.Time.Number!.Value));
    }

    [Fact]
    public void Unreadable_dates_are_skipped()
    {
        var series = Read(Tables.Texts("2024-01-01", "soon", " 2024-01-02 "), Tables.Numbers(1, 2, 3));

        Assert.Equal([1], series.SkippedRows);
        Assert.Equal(["2024-01-01", "2024-01-02"], Texts(series));
    }

    [Fact]
    public void Unusable_time_field_names_the_option()
    {
        var error = Assert.Throws<DataFormatException>(() => Read(Tables.Texts("a", "b"), Tables.Numbers(1, 2)));

        Assert.Contains("options.time_field", error.Message);
        Assert.Contains("'t'", error.Message);
    }

    [Fact]
    public void Value_field_without_numbers_names_the_option()
    {
        var error = Assert.Throws<DataFormatException>(() => Read(Tables.Numbers(1, 2), Tables.Texts("x", null)));

        Assert.Contains("options.value_field", error.Message);
        Assert.Contains("'v'", error.Message);
    }
}
