namespace Actors.Conversations;

/// <summary>
/// Receives an answer's text as the LLM writes it, for a streamed reply. <see cref="Reset"/> means "drop
/// what was sent": the attempt broke off and the answer starts over (another try, another provider, or the
/// rules). The final message is always sent whole besides.
/// </summary>
[Alias("Actors.Conversations.IAnswerObserver")]
public interface IAnswerObserver : IGrainObserver
{
    [Alias("Delta")]
    Task Delta(string text);

    [Alias("Reset")]
    Task Reset();
}
