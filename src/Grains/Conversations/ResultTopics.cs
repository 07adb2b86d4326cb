using System.Text.RegularExpressions;

namespace Actors.Conversations;

/// <summary>The topics a question about results can be about, matched by keywords; the first match wins.</summary>
public static partial class ResultTopics
{
    public const string Findings = "findings";
    public const string Automation = "automation";
    public const string Bottleneck = "bottleneck";
    public const string Waiting = "waiting";
    public const string CycleTime = "cycle_time";
    public const string Rework = "rework";
    public const string Variants = "variants";
    public const string Trend = "trend";
    public const string Pareto = "pareto";
    public const string Kpis = "kpis";
    public const string Size = "size";
    public const string Summary = "summary";

    private static readonly (string Topic, Regex Pattern)[] Patterns =
    [
        (Automation, AutomationPattern()),
        (Findings, FindingsPattern()),
        (Bottleneck, BottleneckPattern()),
        (Waiting, WaitingPattern()),
        (CycleTime, CycleTimePattern()),
        (Rework, ReworkPattern()),
        (Variants, VariantsPattern()),
        (Trend, TrendPattern()),
        (Pareto, ParetoPattern()),
        (Kpis, KpisPattern()),
        (Size, SizePattern()),
        (Summary, SummaryPattern()),
    ];

    /// <summary>The topic of a lower-cased question, or null.</summary>
    public static string? Match(string question) =>
        Patterns.FirstOrDefault(p => p.Pattern.IsMatch(question)).Topic;

    [GeneratedRegex(@"\bautomat|\bautomation candidate")]
    private static partial Regex AutomationPattern();

    [GeneratedRegex(@"\bfinding|\bissues?\b|\bproblems?\b|\bwhat did (you|it|the analysis) find")]
    private static partial Regex FindingsPattern();

    [GeneratedRegex(@"\bbottleneck|\bslowest\b|\blongest wait")]
    private static partial Regex BottleneckPattern();

    [GeneratedRegex(@"\bwait|\bdelay")]
    private static partial Regex WaitingPattern();

    [GeneratedRegex(@"\bcycle time|\blead time|\bthroughput time|\bhow long (does|do|did) (a|the)? ?case")]
    private static partial Regex CycleTimePattern();

    [GeneratedRegex(@"\brework|\brepeat")]
    private static partial Regex ReworkPattern();

    [GeneratedRegex(@"\bvariant|\bpaths?\b")]
    private static partial Regex VariantsPattern();

    [GeneratedRegex(@"\btrend|\bgrowth|\bgrow|\bslope|\bforecast|\banomal|\bspike|\bseason")]
    private static partial Regex TrendPattern();

    [GeneratedRegex(@"\bpareto|\bvital few|\btop categor")]
    private static partial Regex ParetoPattern();

    [GeneratedRegex(@"\bkpis?\b|\bkey (figures|numbers|metrics)")]
    private static partial Regex KpisPattern();

    [GeneratedRegex(@"\bhow many (cases|events|rows|records)|\bnumber of (cases|events|rows|records)")]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"\bsummar|\boverview|\bresults?\b|\bmain points|\btl;?dr")]
    private static partial Regex SummaryPattern();
}
