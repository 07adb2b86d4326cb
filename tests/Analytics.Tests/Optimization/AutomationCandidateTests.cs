using Actors.Analytics.Optimization;

namespace Actors.Analytics.Tests.Optimization;

public sealed class AutomationCandidateTests
{
    private const double Tolerance = 1e-12;

    /// <summary>
    /// Four cases: receive (wait 1) → check (4–6, twice in cases 1 and 3) → approve (2–3).
    /// check: 6 rows, mean wait 29/6, repeats in 2 of 4 cases — the obvious winner.
    /// </summary>
    private static DataTable Log() => Tables.Columns(
        ("case_id", Tables.Texts("c1", "c1", "c1", "c1", "c2", "c2", "c2", "c3", "c3", "c3", "c3", "c4", "c4", "c4")),
        ("activity", Tables.Texts("receive", "check", "check", "approve", "receive", "check", "approve", "receive", "check", "check", "approve", "receive", "check", "approve")),
        ("wait_min", Tables.Numbers(1, 5, 5, 2, 1, 6, 2, 1, 4, 4, 3, 1, 5, 2)));

    [Fact]
    public void Frequent_slow_repeated_step_wins_with_the_documented_score()
    {
        var ranked = AutomationCandidates.Rank(Log(), "activity", "case_id", "wait_min");

        Assert.Equal(["check", "approve", "receive"], ranked.Select(c => c.Step));
        var check = ranked[0];
        Assert.Equal(6, check.Count);
        Assert.Equal(100.0 * 6 / 14, check.RowSharePct, Tolerance);
        Assert.Equal(4, check.Cases);
        Assert.Equal(2, check.RepeatCases);
        Assert.Equal(50, check.RepeatSharePct!.Value, Tolerance);
        Assert.Equal(29.0 / 6, check.MeanWait!.Value, Tolerance);
        Assert.Equal(1, check.FrequencyScore);
        Assert.Equal(1, check.WaitScore);
        Assert.Equal(1 * (1 + 1) * (1 + 0.5), check.Score, Tolerance);

        var approve = ranked[1];
        var approveWait = 9.0 / 4;
        Assert.Equal(4.0 / 6 * (1 + approveWait / (29.0 / 6)), approve.Score, Tolerance);
        Assert.Equal(0, approve.RepeatSharePct);
        var receive = ranked[2];
        Assert.Equal(4.0 / 6 * (1 + 1 / (29.0 / 6)), receive.Score, Tolerance);
    }

    [Fact]
    public void Without_case_and_wait_columns_the_score_is_frequency()
    {
        var ranked = AutomationCandidates.Rank(Log(), "activity");

        Assert.Equal(["check", "approve", "receive"], ranked.Select(c => c.Step)); // approve ties receive, by name
        Assert.All(ranked, c =>
        {
            Assert.Null(c.Cases);
            Assert.Null(c.RepeatCases);
            Assert.Null(c.RepeatSharePct);
            Assert.Null(c.MeanWait);
            Assert.Equal(0, c.WaitScore);
            Assert.Equal(c.FrequencyScore, c.Score);
        });
        Assert.Equal(4.0 / 6, ranked[1].Score, Tolerance);
    }

    [Fact]
    public void A_long_wait_can_lift_a_less_frequent_step_but_not_a_rare_one()
    {
        // b is half as frequent but waits ten times longer: 0.5 × (1 + 1) = 1 still loses to a's 1 × (1 + 0.1).
        var table = Tables.Columns(
            ("step", Tables.Texts("a", "a", "a", "a", "b", "b", "c")),
            ("duration", Tables.Numbers(1, 1, 1, 1, 10, 10, 10)));

        var ranked = AutomationCandidates.Rank(table, "step", waitField: "duration");

        Assert.Equal(1 * (1 + 0.1), ranked[0].Score, Tolerance);
        Assert.Equal("a", ranked[0].Step);
        Assert.Equal(0.5 * 2, ranked[1].Score, Tolerance);
        Assert.Equal(0.25 * 2, ranked[2].Score, Tolerance);
    }

    [Fact]
    public void Returns_the_top_five()
    {
        var steps = Enumerable.Range(0, 7).SelectMany(i => Enumerable.Repeat($"s{i}", 7 - i)).ToArray();
        var table = Tables.Columns(("step", Tables.Texts(steps)));

        var ranked = AutomationCandidates.Rank(table, "step");

        Assert.Equal(["s0", "s1", "s2", "s3", "s4"], ranked.Select(c => c.Step));
        Assert.Equal(2, AutomationCandidates.Rank(table, "step", top: 2).Count);
    }

    [Fact]
    public void Negative_and_missing_waits_are_left_out_and_missing_steps_skipped()
    {
        var table = Tables.Columns(
            ("step", Tables.Texts("a", "a", "a", null, "b")),
            ("wait", [4, -100, Cell.Missing, 50, Cell.Missing]));

        var ranked = AutomationCandidates.Rank(table, "step", waitField: "wait");

        var a = Assert.Single(ranked, c => c.Step == "a");
        Assert.Equal(4, a.MeanWait);
        Assert.Equal(3, a.Count);
        Assert.Equal(75, a.RowSharePct, Tolerance);
        var b = Assert.Single(ranked, c => c.Step == "b");
        Assert.Null(b.MeanWait);
        Assert.Equal(0, b.WaitScore);
    }

    [Fact]
    public void No_steps_gives_no_candidates()
    {
        var table = Tables.Columns(("step", Tables.Texts(null, null)));

        Assert.Empty(AutomationCandidates.Rank(table, "step"));
    }
}
