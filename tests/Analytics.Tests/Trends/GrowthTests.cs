using Actors.Analytics.Trends;

namespace Actors.Analytics.Tests.Trends;

public sealed class GrowthTests
{
    [Theory]
    [InlineData(100, 150, 50)]
    [InlineData(200, 50, -75)]
    [InlineData(-50, -25, 50)] // divides by |first|: a rise from −50 to −25 is growth
    [InlineData(-50, -100, -100)]
    [InlineData(4, 4, 0)]
    public void Is_the_change_relative_to_the_first_value(double first, double last, double expected)
    {
        Assert.Equal(expected, Growth.Percent(first, last)!.Value, 12);
    }

    [Fact]
    public void Uses_the_first_and_last_values_of_a_series()
    {
        Assert.Equal(300.0, Growth.Percent([10, 99, -3, 40])!.Value, 12);
    }

    [Fact]
    public void Is_null_from_zero_or_for_an_empty_series()
    {
        Assert.Null(Growth.Percent(0, 10));
        Assert.Null(Growth.Percent([0, 1, 2]));
        Assert.Null(Growth.Percent([]));
    }
}
