using System.Text.Json.Nodes;
using Actors.Teams;

namespace Actors.Grains.Tests.Teams;

public sealed class QualityReviewTests
{
    private static JsonObject Report(string summary, string detail = "fine") => new()
    {
        ["summary"] = summary,
        ["findings"] = new JsonArray(new JsonObject { ["title"] = "t", ["detail"] = detail }),
        ["metrics"] = new JsonObject { ["rows"] = 120, ["share"] = 0.84213, ["nested"] = new JsonObject { ["slope"] = -2.5 } },
    };

    [Fact]
    public void NumbersFoundInTheMetricsToTheShownDecimalsPass()
    {
        var verdict = QualityReview.Review(Report("120 rows; a share of 0.84 and a slope of -2.5.", "Column 'q3 2024' and 2024-03-01 are names and dates, not claims."));

        Assert.True(verdict.Approved, string.Join(" | ", verdict.Issues));
    }

    [Fact]
    public void ANumberMissingFromTheMetricsIsNamedInTheFeedback()
    {
        var verdict = QualityReview.Review(Report("120 rows.", "Sales rose 17%."));

        Assert.False(verdict.Approved);
        Assert.Single(verdict.Issues);
        Assert.Contains("17", verdict.Issues[0]);
        Assert.Contains("Finding 1", verdict.Issues[0]);
    }

    [Fact]
    public void AnEmptySummaryOrOutputIsRefused()
    {
        Assert.False(QualityReview.Review(Report(" ")).Approved);
        Assert.False(QualityReview.Review(new JsonObject()).Approved);
        Assert.False(QualityReview.Review(null).Approved);
        Assert.True(QualityReview.Review(new JsonObject { ["rows"] = 3 }).Approved);
    }
}
