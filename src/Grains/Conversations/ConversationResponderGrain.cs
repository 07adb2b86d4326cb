using System.Text.Json;
using Orleans.Concurrency;

namespace Actors.Conversations;

/// <summary>
/// Works out one answer: context from the conversation, reports from the bound jobs (read-only,
/// interleaved calls), rule-based routing, an answer built from the reports' numbers, then one
/// write of the turn. Stateless, so answers for many conversations run side by side and the
/// conversation grain is only called briefly, never across the work.
/// </summary>
[StatelessWorker]
public sealed class ConversationResponderGrain(TimeProvider time, ILogger<ConversationResponderGrain> logger) : Grain, IConversationResponder
{
    public async Task<ConversationMessage?> Ask(string tenantId, string conversationId, string question)
    {
        var conversation = GrainFactory.GetGrain<IConversation>(Actors.Jobs.JobKey.For(tenantId, conversationId));
        var context = await conversation.GetContext();
        if (context is null)
        {
            return null;
        }
        var asked = new ConversationMessage(ConversationMessage.User, question, time.GetUtcNow(), []);
        var intent = QuestionRouter.Classify(question, context.Topic);
        var reports = intent is QuestionIntent.Results or QuestionIntent.NewAnalysis ? await ReadReportsAsync(tenantId, context.JobIds) : [];
        var reply = ReportAnswers.Answer(question, intent, context, reports, time.GetUtcNow());
        logger.LogInformation("Conversation {TenantId}/{ConversationId}: question routed as {Intent}", tenantId, conversationId, reply.Message.Intent);
        return await conversation.AddTurn(asked, reply) ? reply.Message : null;
    }

    private async Task<IReadOnlyList<JobReport>> ReadReportsAsync(string tenantId, IReadOnlyList<string> jobIds)
    {
        var reads = jobIds.Select(id => GrainFactory.GetGrain<Actors.Jobs.IAnalysisJob>(Actors.Jobs.JobKey.For(tenantId, id)).GetResult()).ToList();
        var results = await Task.WhenAll(reads);
        var reports = new List<JobReport>();
        for (var i = 0; i < jobIds.Count; i++)
        {
            if (results[i] is not { } result)
            {
                continue;
            }
            JsonElement? report = null;
            if (result.ReportJson is { } json)
            {
                using var document = JsonDocument.Parse(json);
                report = document.RootElement.Clone();
            }
            reports.Add(new JobReport(jobIds[i], result.Job.Type, result.Job.Status.ToWire(), report));
        }
        return reports;
    }
}
