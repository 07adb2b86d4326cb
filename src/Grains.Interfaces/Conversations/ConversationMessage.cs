namespace Actors.Conversations;

/// <summary>One turn's message: who said it (<c>user</c> or <c>assistant</c>), the text, when, and the jobs it draws on.</summary>
[GenerateSerializer, Immutable, Alias("Actors.Conversations.ConversationMessage")]
public sealed record ConversationMessage(
    [property: Id(0)] string Role,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] IReadOnlyList<string> References,
    [property: Id(4)] string? Intent = null)
{
    public const string User = "user";
    public const string Assistant = "assistant";
}
