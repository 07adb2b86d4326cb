namespace Actors.Conversations;

/// <summary>What a question asks for, as the router classifies it.</summary>
public enum QuestionIntent
{
    Greeting,
    Help,
    Results,
    NewAnalysis,
    General,
}
