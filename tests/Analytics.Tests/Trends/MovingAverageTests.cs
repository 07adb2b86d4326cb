using Actors.Analytics.Trends;

namespace Actors.Analytics.Tests.Trends;

public sealed class MovingAverageTests
{
    [Fact]
    public void Default_window_is_three_trailing_values()
    {
        Assert.Equal([null, null, 2.0, 3.0, 13.0 / 3], MovingAverage.Trailing([1, 2, 3, 4, 6]));
    }

    [Fact]
    public void Window_of_one_is_the_series()
    {
        Assert.Equal([1.0, 5.0, 2.0], MovingAverage.Trailing([1, 5, 2], 1));
    }

    [Fact]
    public void Window_longer_than_the_series_has_no_values()
    {
        Assert.Equal([null, null], MovingAverage.Trailing([1, 2], 3));
    }

    [Fact]
    public void Window_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MovingAverage.Trailing([1, 2], 0));
    }
}
