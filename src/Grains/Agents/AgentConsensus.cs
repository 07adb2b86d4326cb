using System.Text.Json.Nodes;

namespace Actors.Agents;

/// <summary>
/// Consensus among agents at one step: the answers that came back are compared
/// (<see cref="AgentDisagreement"/>); agreeing answers (or a single one) stand; disagreeing ones go to a
/// reviewer agent, which sees every answer and what they disagree on, may check with the tools, and
/// writes one answer, grounded like any other (it may quote the answers' evidence). A reviewer that
/// cannot reconcile them leaves the step to its statistical tool. The disagreement is reported either way.
/// </summary>
public sealed class AgentConsensus(AgentLoop loop)
{
    public const string Unanimous = "unanimous";
    public const string OnlyAnswer = "only_answer";
    public const string Reconciled = "reconciled";
    public const string NoneAnswered = "none_answered";
    public const string NotReconciled = "not_reconciled";

    /// <param name="reviewer">The reviewer's assignment (its agent, the step, the job's input and known numbers); its goal is written here.</param>
    public async Task<ConsensusOutcome> ReconcileAsync(AgentAssignment reviewer, IReadOnlyList<AgentOutcome> answers, CancellationToken cancellationToken)
    {
        var answered = answers.Where(a => a.Answer is not null).Select(a => (a.Agent, Answer: a.Answer!)).ToList();
        var disagreement = AgentDisagreement.Between(answered);
        switch (answered.Count)
        {
            case 0:
                return new ConsensusOutcome(null, disagreement, null, NoneAnswered);
            case 1:
                return new ConsensusOutcome(answered[0].Answer, disagreement, null, OnlyAnswer);
        }
        if (disagreement.Count == 0)
        {
            return new ConsensusOutcome(answered[0].Answer, disagreement, null, Unanimous);
        }
        var shown = new JsonArray([.. answered.Select(a => (JsonNode)new JsonObject { ["agent"] = a.Agent, ["answer"] = a.Answer.ToReportJson() })]);
        var known = new JsonObject { ["answers"] = shown.DeepClone(), ["known"] = reviewer.Known?.DeepClone() };
        var goal = $"""
            {reviewer.Goal}
            Reconcile the answers of {string.Join(", ", answered.Select(a => a.Agent))} into one. They disagree on:
            - {string.Join("\n- ", disagreement)}
            Check the disputed numbers with the tools and keep what the data supports. Their answers:
            {shown.ToJsonString()}
            """;
        var review = await loop.RunAsync(reviewer with { Goal = goal, Known = known }, cancellationToken);
        return new ConsensusOutcome(review.Answer, disagreement, review, review.Answer is null ? NotReconciled : Reconciled);
    }
}

/// <summary>The step's answer (null: the statistical tool answers), where the agents disagreed, the reviewer's outcome when one was asked, and how it was settled.</summary>
public sealed record ConsensusOutcome(AgentAnswer? Answer, IReadOnlyList<string> Disagreement, AgentOutcome? Review, string How)
{
    public JsonObject ToJson() => new()
    {
        ["how"] = How,
        ["disagreement"] = new JsonArray([.. Disagreement.Select(d => (JsonNode)d)]),
        ["review"] = Review?.ToJson(),
        ["answer"] = Answer?.ToReportJson(),
        ["answer_schema"] = Answer?.ToSchemaJson(),
    };

    /// <summary>A settled consensus read back from <see cref="ToJson"/> (a checkpoint).</summary>
    public static ConsensusOutcome FromJson(JsonObject json) => new(
        json["answer_schema"] is JsonObject answer ? AgentAnswer.Read(answer.ToJsonString()).Answer : null,
        [.. (json["disagreement"] as JsonArray ?? []).Select(d => d!.GetValue<string>())],
        json["review"] is JsonObject review ? AgentOutcome.FromJson(review) : null,
        json["how"]!.GetValue<string>());
}
