namespace Actors.Analytics.Tests;

public sealed class SpearmanAndRobustZTests
{
    private static DataTable Table(string csv) => TableReader.FromCsv(csv);

    [Fact]
    public void Spearman_is_one_for_a_monotone_but_curved_relation_where_pearson_is_not()
    {
        var table = Table("x,y\n1,1\n2,8\n3,27\n4,64\n5,125\n6,216\n");

        var c = Assert.Single(Correlations.Pearson(table, ColumnProfiler.Profile(table)));

        Assert.Equal(1.0, c.Spearman!.Value, 12);
        Assert.True(c.Pearson < 0.99);
    }

    [Fact]
    public void Spearman_gives_tied_values_their_average_rank()
    {
        // Ranks: x 1, 2.5, 2.5, 4; y 1, 2, 3, 4 → ρ = Pearson of the ranks, computed here by hand.
        var table = Table("x,y\n10,1\n20,2\n20,3\n30,4\n");
        double[] rx = [1, 2.5, 2.5, 4], ry = [1, 2, 3, 4];
        var mx = rx.Average();
        var my = ry.Average();
        var expected = rx.Zip(ry).Sum(p => (p.First - mx) * (p.Second - my))
            / Math.Sqrt(rx.Sum(v => (v - mx) * (v - mx)) * ry.Sum(v => (v - my) * (v - my)));

        var c = Assert.Single(Correlations.Pearson(table, ColumnProfiler.Profile(table)));

        Assert.Equal(expected, c.Spearman!.Value, 12);
    }

    [Fact]
    public void Robust_z_counts_values_far_from_the_median_in_mads()
    {
        // median 10, |deviations| 0,1,1,2,2,3,50 → MAD 2; 0.6745·50/2 = 16.9 > 3.5, 0.6745·3/2 = 1.0 is not.
        var table = Table("v\n10\n11\n9\n12\n8\n13\n60\n");

        var column = Assert.Single(Outliers.Detect(table, ColumnProfiler.Profile(table)));

        Assert.Equal(1, column.RobustZCount);
    }
}
