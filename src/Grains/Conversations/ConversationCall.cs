using Actors.Llm;

namespace Actors.Conversations;

/// <summary>Whose call it is: the tenant, the conversation and the step (<c>route</c>, <c>answer</c>).</summary>
public sealed record ConversationCall(string TenantId, string ConversationId, string Step)
{
    /// <summary>How the cost ledger attributes a conversation's call: the conversation in the job's place.</summary>
    public const string AnalysisType = "conversation";

    public LlmCaller Caller => new(TenantId, ConversationId, AnalysisType, AnalysisType, Step);
}
