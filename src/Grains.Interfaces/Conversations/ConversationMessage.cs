namespace Actors.Conversations;

/// <summary>
/// One turn's message: who said it (<c>user</c> or <c>assistant</c>), the text, when, and the jobs it draws on.
/// An answer also says which router classified the question and what wrote the answer (<c>llm</c> or
/// <c>rules</c>), how an LLM answer's numbers fared against the reports (<see cref="Grounding"/>), and for
/// a results answer an agent worked on, how it worked (<see cref="Agent"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Actors.Conversations.ConversationMessage")]
public sealed record ConversationMessage(
    [property: Id(0)] string Role,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] IReadOnlyList<string> References,
    [property: Id(4)] string? Intent = null,
    [property: Id(5)] string? RoutedBy = null,
    [property: Id(6)] string? AnsweredBy = null,
    [property: Id(7)] string? Grounding = null,
    [property: Id(8)] ConversationAgentRun? Agent = null)
{
    public const string User = "user";
    public const string Assistant = "assistant";

    /// <summary>Values of <see cref="RoutedBy"/> and <see cref="AnsweredBy"/>.</summary>
    public const string ByLlm = "llm";
    public const string ByRules = "rules";
}
