using Actors.Analytics.Trends;

namespace Actors.Analytics.Tests.Trends;

public sealed class LinearFitTests
{
    [Fact]
    public void Exact_line_is_recovered()
    {
        var values = Enumerable.Range(0, 10).Select(x => 3.0 * x + 2).ToArray();

        var fit = LinearFit.Of(values);

        Assert.Equal(3.0, fit.Slope, 12);
        Assert.Equal(2.0, fit.Intercept, 12);
        Assert.Equal(1.0, fit.RSquared, 12);
        Assert.Equal(3.0 * 15 + 2, fit.At(15), 10);
    }

    [Fact]
    public void Small_dataset_matches_the_hand_computation()
    {
        // y = 1, 3, 2, 5, 4 at x = 0..4: x̄ = 2, ȳ = 3, Sxy = 8, Sxx = 10, Syy = 10,
        // so slope 0.8, intercept 3 − 0.8·2 = 1.4, r² = 8² / (10·10) = 0.64.
        var fit = LinearFit.Of([1, 3, 2, 5, 4]);

        Assert.Equal(0.8, fit.Slope, 12);
        Assert.Equal(1.4, fit.Intercept, 12);
        Assert.Equal(0.64, fit.RSquared, 12);
    }

    [Fact]
    public void Agrees_with_the_textbook_formulas_on_noisy_data()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 40).Select(x => 5 - 0.7 * x + random.NextDouble() * 8).ToArray();
        var xs = Enumerable.Range(0, values.Length).Select(x => (double)x).ToArray();
        var meanX = xs.Average();
        var meanY = values.Average();
        var slope = xs.Zip(values).Sum(p => (p.First - meanX) * (p.Second - meanY)) / xs.Sum(x => (x - meanX) * (x - meanX));
        var intercept = meanY - slope * meanX;
        var ssRes = xs.Zip(values).Sum(p => Math.Pow(p.Second - (intercept + slope * p.First), 2));
        var ssTot = values.Sum(y => (y - meanY) * (y - meanY));

        var fit = LinearFit.Of(values);

        Assert.Equal(slope, fit.Slope, 10);
        Assert.Equal(intercept, fit.Intercept, 10);
        Assert.Equal(1 - ssRes / ssTot, fit.RSquared, 10);
    }

    [Fact]
    public void Constant_series_is_flat_with_nothing_explained()
    {
        var fit = LinearFit.Of([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);

        Assert.Equal(new LinearFit(0, 0.1, 0), fit);
    }

    [Fact]
    public void Single_value_is_a_flat_line_through_it()
    {
        Assert.Equal(new LinearFit(0, 7, 0), LinearFit.Of([7]));
    }

    [Fact]
    public void Empty_series_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => LinearFit.Of([]));
    }
}
