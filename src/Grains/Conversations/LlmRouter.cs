using Actors.Llm;
using System.Text;
using Microsoft.Extensions.AI;

namespace Actors.Conversations;

/// <summary>
/// Classifies a question with the tenant's LLM: a short prompt naming the five intents, and a strict
/// reading of the answer (the label alone, give or take quotes and a full stop). Anything else, or no
/// answer at all, is null, and <see cref="QuestionRouter"/>'s rules decide.
/// </summary>
public sealed class LlmRouter(TenantLlm llm, ILogger<LlmRouter> logger)
{
    private static readonly Dictionary<string, QuestionIntent> Labels = new(StringComparer.Ordinal)
    {
        ["greeting"] = QuestionIntent.Greeting,
        ["help"] = QuestionIntent.Help,
        ["results"] = QuestionIntent.Results,
        ["new_analysis"] = QuestionIntent.NewAnalysis,
        ["general"] = QuestionIntent.General,
    };

    private const string SystemPrompt = """
        You route the messages of a conversation about a company's data analyses. Classify the user's message
        into exactly one label:
        greeting - a greeting, thanks or small talk
        help - asks what can be asked or how this conversation works
        results - asks about the results, numbers, findings or recommendations of the analyses in this conversation, or an open question their data can answer
        new_analysis - asks to run, start or re-run an analysis
        general - anything else
        Answer with the label only, nothing else.
        """;

    public async Task<QuestionIntent?> ClassifyAsync(ConversationCall call, string question, ConversationContext context, CancellationToken cancellationToken)
    {
        var prompt = new StringBuilder();
        if (context.Topic is { } topic)
        {
            prompt.Append("The last answer was about: ").Append(topic.Name.Replace('_', ' ')).Append('\n');
        }
        prompt.Append("Analyses in this conversation: ").Append(context.JobIds.Count).Append('\n');
        prompt.Append("Message: ").Append(question);
        var messages = new List<ChatMessage> { new(ChatRole.System, SystemPrompt), new(ChatRole.User, prompt.ToString()) };
        var answer = (await llm.AskAsync(new LlmQuestion(call.Caller, messages, new ChatOptions { Temperature = 0f, MaxOutputTokens = 8 }), cancellationToken)).Answer;
        if (answer is null)
        {
            return null;
        }
        var intent = Parse(answer.Text);
        if (intent is null)
        {
            logger.LogInformation("Conversation {TenantId}/{ConversationId}: the LLM's routing answer was not a label; rules decide",
                call.TenantId, call.ConversationId);
        }
        return intent;
    }

    /// <summary>The label alone, in any case, optionally quoted or followed by a full stop; anything else is null.</summary>
    public static QuestionIntent? Parse(string? text)
    {
        var label = (text ?? "").Trim().Trim('"', '\'', '`').TrimEnd('.').Trim().ToLowerInvariant();
        return Labels.TryGetValue(label, out var intent) ? intent : null;
    }
}
