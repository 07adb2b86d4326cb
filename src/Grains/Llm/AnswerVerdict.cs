namespace Actors.Llm;

/// <summary>
/// What a judge made of one answer: passed, or the reason it failed (<see cref="LlmReasons.InventedNumbers"/>,
/// <see cref="LlmReasons.InvalidOutput"/>), the problems, and the feedback the second ask carries.
/// </summary>
public sealed record AnswerVerdict(string? Reason, IReadOnlyList<string> Issues, string Feedback)
{
    public static readonly AnswerVerdict Accepted = new(null, [], "");

    public bool Passed => Reason is null;

    /// <summary>The grounding rule's verdict: <paramref name="ungrounded"/> lists the numbers that trace to nothing.</summary>
    public static AnswerVerdict Grounded(IReadOnlyList<string> ungrounded) => ungrounded.Count == 0
        ? Accepted
        : new(LlmReasons.InventedNumbers, ungrounded, "These numbers are in neither the metrics nor a tool's result:\n- "
            + string.Join("\n- ", ungrounded) + "\nAnswer again using only numbers from the metrics or the tools.");

    /// <summary>An answer that is not what was asked for (not the schema's JSON, a field missing).</summary>
    public static AnswerVerdict Invalid(IReadOnlyList<string> problems) =>
        new(LlmReasons.InvalidOutput, problems, "Your answer does not match the required JSON schema:\n- "
            + string.Join("\n- ", problems) + "\nAnswer again with JSON only, matching the schema.");
}
