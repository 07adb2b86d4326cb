using Actors.Analytics.Optimization;

namespace Actors.Analytics.Tests.Optimization;

public sealed class MeasureNameTests
{
    [Theory]
    [InlineData("revenue", MeasureKind.Revenue)]
    [InlineData("Total Sales", MeasureKind.Revenue)]
    [InlineData("amount", MeasureKind.Revenue)]
    [InlineData("cost", MeasureKind.Cost)]
    [InlineData("marketingSpend", MeasureKind.Cost)]
    [InlineData("unit_price", MeasureKind.Price)]
    [InlineData("price", MeasureKind.Price)]
    [InlineData("unitCost", MeasureKind.Price)]
    [InlineData("cost_per_unit", MeasureKind.Price)]
    [InlineData("units", MeasureKind.Volume)]
    [InlineData("units_sold", MeasureKind.Volume)]
    [InlineData("orderCount", MeasureKind.Volume)]
    [InlineData("quantity", MeasureKind.Volume)]
    [InlineData("orders", MeasureKind.Volume)]
    [InlineData("duration", MeasureKind.Duration)]
    [InlineData("wait_min", MeasureKind.Duration)]
    [InlineData("time_s", MeasureKind.Duration)]
    [InlineData("cycle-time", MeasureKind.Duration)]
    [InlineData("hours", MeasureKind.Duration)]
    [InlineData("start_time", MeasureKind.Other)]
    [InlineData("time", MeasureKind.Other)]
    [InlineData("discount", MeasureKind.Other)]
    [InlineData("order_id", MeasureKind.Other)]
    [InlineData("id", MeasureKind.Other)]
    [InlineData("conversion_rate", MeasureKind.Other)]
    [InlineData("", MeasureKind.Other)]
    public void Classifies_by_the_words_in_a_name(string column, MeasureKind expected)
    {
        Assert.Equal(expected, MeasureNames.Classify(column));
    }

    [Fact]
    public void Splits_names_into_lowercase_words()
    {
        Assert.Equal(["units", "sold", "eu"], MeasureNames.Words("unitsSold-EU"));
        Assert.Equal(["unit", "price"], MeasureNames.Words(" Unit price "));
    }
}
