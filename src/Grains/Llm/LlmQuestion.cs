using Microsoft.Extensions.AI;

namespace Actors.Llm;

/// <summary>Whose call it is, for the ledger: the tenant, the job (or conversation), its type, the agent and the step.</summary>
public sealed record LlmCaller(string TenantId, string JobId, string AnalysisType, string Agent, string Step);

/// <summary>
/// What to ask: the messages (a grounded ask appends its feedback to them), the options (tools,
/// response format), the numbers the tools return (so a cached answer brings its tools' numbers back),
/// the agent's model preference and whether the tenant's response cache may answer.
/// </summary>
public sealed record LlmQuestion(
    LlmCaller Caller,
    IList<ChatMessage> Messages,
    ChatOptions Options,
    IToolNumbers? Tools = null,
    string? ModelPreference = null,
    bool UseCache = false);
