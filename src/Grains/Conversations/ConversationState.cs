namespace Actors.Conversations;

/// <summary>A conversation's stored state: bounded by the window and the summary's length, however long it runs.</summary>
[GenerateSerializer, Alias("Actors.Conversations.ConversationState")]
public sealed class ConversationState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public List<string> JobIds { get; set; } = [];
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(4)] public long MessageCount { get; set; }
    [Id(5)] public List<ConversationMessage> Messages { get; set; } = [];
    [Id(6)] public List<string> SummaryLines { get; set; } = [];
    [Id(7)] public long SummarizedMessages { get; set; }
    [Id(8)] public ConversationTopic? Topic { get; set; }
    [Id(9)] public string? Title { get; set; }
}
