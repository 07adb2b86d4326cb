namespace Actors.Conversations;

/// <summary><c>Actors:Conversations</c>: how much of a conversation is kept, and for how long.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Actors:Conversations";

    /// <summary>Recent messages kept word for word; older ones are folded into the summary.</summary>
    public int Window { get; set; } = 20;

    /// <summary>Longest summary of older turns, in characters; its oldest lines are dropped beyond it.</summary>
    public int SummaryMaxChars { get; set; } = 2000;

    /// <summary>A conversation untouched this long is erased when next touched.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Conversations a tenant's list keeps (most recently updated).</summary>
    public int ListCapacity { get; set; } = 1000;

    /// <summary>Jobs one conversation may be bound to.</summary>
    public int MaxJobs { get; set; } = 10;
}
