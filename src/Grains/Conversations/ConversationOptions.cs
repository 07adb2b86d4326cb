namespace Actors.Conversations;

/// <summary><c>Actors:Conversations</c>: how much of a conversation is kept, and for how long.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Actors:Conversations";

    /// <summary>Recent messages kept word for word; older ones are folded into the summary.</summary>
    public int Window { get; set; } = 20;

    /// <summary>Longest summary of older turns, in characters; its oldest lines are dropped beyond it.</summary>
    public int SummaryMaxChars { get; set; } = 2000;

    /// <summary>
    /// A conversation untouched this long is erased: by its tenant's sweep, or when next touched if that
    /// comes first. A tenant's <c>conversation_retention</c> setting overrides it.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often a tenant's conversations are swept for expired ones (a reminder: at least a minute).</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The most the LLM may take for one answer (routing and answering together); past it the rules answer.
    /// Kept well under the grain call timeout, since the answer is worked out inside one grain call.
    /// </summary>
    public TimeSpan LlmDeadline { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a streamed answer follows an analysis it started before answering with the job id to follow.</summary>
    public TimeSpan FollowJobFor { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Conversations a tenant's list keeps (most recently updated).</summary>
    public int ListCapacity { get; set; } = 1000;

    /// <summary>
    /// The agent that answers results questions (the tenant's definition of it: role, goal, instructions,
    /// tools, model preference), with the data tools over the bound jobs' tables.
    /// </summary>
    public string Agent { get; set; } = Actors.Agents.BuiltInAgentNames.BusinessAnalyst;

    /// <summary>Jobs one conversation may be bound to.</summary>
    public int MaxJobs { get; set; } = 10;
}
