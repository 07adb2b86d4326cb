using System.Text.RegularExpressions;

namespace Actors.Conversations;

/// <summary>
/// Classifies a question by rules (keywords and patterns), so a conversation works without any
/// language model. A follow-up such as "and its waiting time?" counts as a question about results
/// when the conversation already has a topic.
/// </summary>
public static partial class QuestionRouter
{
    public static QuestionIntent Classify(string question, ConversationTopic? topic)
    {
        var q = question.Trim().ToLowerInvariant();
        if (NewAnalysis().IsMatch(q))
        {
            return QuestionIntent.NewAnalysis;
        }
        if (ResultTopics.Match(q) is not null)
        {
            return QuestionIntent.Results;
        }
        if (Help().IsMatch(q))
        {
            return QuestionIntent.Help;
        }
        if (Greeting().IsMatch(q) && Words(q) <= 6)
        {
            return QuestionIntent.Greeting;
        }
        if (topic is not null && FollowUp().IsMatch(q))
        {
            return QuestionIntent.Results;
        }
        return QuestionIntent.General;
    }

    /// <summary>"it", "its", "that", "and …?": the question continues the previous topic.</summary>
    public static bool IsFollowUp(string question) => FollowUp().IsMatch(question.ToLowerInvariant());

    private static int Words(string q) => q.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex(@"^(hi|hello|hey|hallo|good (morning|afternoon|evening)|thanks|thank you|cheers|greetings)\b")]
    private static partial Regex Greeting();

    [GeneratedRegex(@"\bhelp\b|what can (you|i)\b|how does (this|it) work|what (do|should) i ask")]
    private static partial Regex Help();

    [GeneratedRegex(@"\b(run|start|submit|launch|kick off|do|make|create)\b.{0,40}\b(new |another |a |an )?[a-z_ ]{0,30}analys[ie]s\b|\banaly[sz]e\b.{0,60}\bagain\b|\bre-?(run|analy[sz]e)\b")]
    private static partial Regex NewAnalysis();

    [GeneratedRegex(@"^(and|what about|how about)\b|\b(its|it|that|this|those|them|same)\b")]
    private static partial Regex FollowUp();
}
