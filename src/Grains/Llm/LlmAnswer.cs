namespace Actors.Llm;

/// <summary>One call's answer, or why there is none (<see cref="LlmReasons"/>), and how each entry of the chain fared.</summary>
public sealed record LlmAnswer(ChainAnswer? Answer, string? Reason, IReadOnlyList<TierAttempt> Tiers);

/// <summary>
/// A grounded ask's result: the accepted text (null: none), how it went (<c>passed</c>, <c>regenerated</c>,
/// <c>replaced</c> when every answer was refused, <c>not_run</c> when none came), why there is no text,
/// the last answer's problems, each entry tried and every call made (all of them paid for).
/// </summary>
public sealed record GroundedAnswer(
    string? Text,
    string Grounding,
    string? Reason,
    IReadOnlyList<string> Issues,
    IReadOnlyList<TierAttempt> Tiers,
    IReadOnlyList<ChainAnswer> Calls)
{
    public const string Passed = "passed";
    public const string Regenerated = "regenerated";
    public const string Replaced = "replaced";
    public const string NotRun = "not_run";

    /// <summary>The call whose answer was accepted (or refused last).</summary>
    public ChainAnswer? Last => Calls.Count > 0 ? Calls[^1] : null;

    public static GroundedAnswer Refused(string reason, IReadOnlyList<TierAttempt> tiers, IReadOnlyList<ChainAnswer> calls, IReadOnlyList<string> issues) =>
        new(null, calls.Count > 0 && reason is LlmReasons.InventedNumbers or LlmReasons.InvalidOutput ? Replaced : NotRun, reason, issues, tiers, calls);
}
