using System.Text.Json;
using Orleans.Concurrency;

namespace Actors.Conversations;

/// <summary>
/// Works out one answer: context from the conversation, reports from the bound jobs (read-only,
/// interleaved calls), routing (the tenant's LLM, else rules), an answer (for results, the
/// <see cref="ConversationAgent"/>'s over the reports and the jobs' data, grounded; for a general
/// question the LLM's; else one built from the reports by rules), then one write of the turn. Stateless, so
/// answers for many conversations run side by side and the conversation grain is only called briefly,
/// never across the work. The LLM's part is bounded by <see cref="ConversationOptions.LlmDeadline"/>,
/// so the call always returns inside the grain call timeout.
/// </summary>
[StatelessWorker]
public sealed class ConversationResponderGrain(
    LlmRouter router,
    LlmAnswers llm,
    ConversationAgent agent,
    Actors.Analyses.AnalysisCatalog catalog,
    IOptions<ConversationOptions> options,
    TimeProvider time,
    ILogger<ConversationResponderGrain> logger) : Grain, IConversationResponder
{
    public Task<ConversationMessage?> Ask(string tenantId, string conversationId, string question) =>
        Answer(new ConversationQuestion(tenantId, conversationId, question));

    public async Task<RoutedQuestion?> Route(string tenantId, string conversationId, string question)
    {
        var context = await Conversation(tenantId, conversationId).GetContext();
        if (context is null)
        {
            return null;
        }
        using var deadline = new CancellationTokenSource(options.Value.LlmDeadline);
        var (intent, by) = await RouteAsync(new ConversationCall(tenantId, conversationId, "route"), question, context, deadline.Token);
        return new RoutedQuestion(ReportAnswers.ToWire(intent), by);
    }

    public async Task<ConversationMessage?> Answer(ConversationQuestion question)
    {
        var conversation = Conversation(question.TenantId, question.ConversationId);
        if (question.StartedJobId is { } started && !await conversation.Bind(started))
        {
            return null;
        }
        var context = await conversation.GetContext();
        if (context is null)
        {
            return null;
        }
        using var deadline = new CancellationTokenSource(options.Value.LlmDeadline);
        var call = new ConversationCall(question.TenantId, question.ConversationId, "route");
        var (intent, routedBy) = question.Routed is { } routed && FromWire(routed.Intent) is { } known
            ? (known, routed.RoutedBy)
            : await RouteAsync(call, question.Text, context, deadline.Token);
        var asked = new ConversationMessage(ConversationMessage.User, question.Text, time.GetUtcNow(), []);

        ConversationReply reply;
        if (question.StartedJobId is { } jobId)
        {
            reply = await StartedAsync(question.TenantId, jobId, intent, routedBy);
        }
        else
        {
            var reports = intent is QuestionIntent.Results or QuestionIntent.NewAnalysis ? await ReadReportsAsync(question.TenantId, context.JobIds) : [];
            var rules = ReportAnswers.Answer(question.Text, intent, context, reports, time.GetUtcNow(), catalog.SupportedTypes);
            reply = await WithLlmAsync(call, question, intent, context, reports, rules with { Message = rules.Message with { RoutedBy = routedBy } }, deadline.Token);
        }
        logger.LogInformation("Conversation {TenantId}/{ConversationId}: question routed as {Intent} by {RoutedBy}, answered by {AnsweredBy}",
            question.TenantId, question.ConversationId, reply.Message.Intent, reply.Message.RoutedBy, reply.Message.AnsweredBy);
        return await conversation.AddTurn(asked, reply) ? reply.Message : null;
    }

    private IConversation Conversation(string tenantId, string conversationId) =>
        GrainFactory.GetGrain<IConversation>(Actors.Jobs.JobKey.For(tenantId, conversationId));

    private async Task<(QuestionIntent Intent, string By)> RouteAsync(ConversationCall call, string question, ConversationContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (await router.ClassifyAsync(call, question, context, cancellationToken) is { } intent)
            {
                return (intent, ConversationMessage.ByLlm);
            }
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Conversation {TenantId}/{ConversationId}: the LLM did not route within {Deadline}; rules decide", call.TenantId, call.ConversationId, options.Value.LlmDeadline);
        }
        return (QuestionRouter.Classify(question, context.Topic), ConversationMessage.ByRules);
    }

    /// <summary>Results and general questions go to the LLM where there is one; its answer replaces the rules' when usable.</summary>
    private async Task<ConversationReply> WithLlmAsync(ConversationCall call, ConversationQuestion asked, QuestionIntent intent, ConversationContext context,
        IReadOnlyList<JobReport> reports, ConversationReply rules, CancellationToken cancellationToken)
    {
        var question = asked.Text;
        if (intent is not (QuestionIntent.Results or QuestionIntent.General) || (intent == QuestionIntent.Results && !reports.Any(r => r.Metrics is not null)))
        {
            return rules;
        }
        LlmReply answer;
        ConversationAgentRun? run = null;
        try
        {
            if (intent == QuestionIntent.Results)
            {
                (answer, run) = await agent.AnswerAsync(call, question, context, reports, cancellationToken);
            }
            else
            {
                answer = await llm.GeneralAsync(call, question, context, asked.Observer, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Conversation {TenantId}/{ConversationId}: the LLM did not answer within {Deadline}; rules answer", call.TenantId, call.ConversationId, options.Value.LlmDeadline);
            return rules;
        }
        if (answer.Text is not { } text)
        {
            // Refused for invented numbers: say so on the rules' answer, so callers can tell it from "no LLM"; the agent's run says why.
            var grounding = answer.Outcome == LlmAnswers.InventedNumbers ? "fallback" : rules.Message.Grounding;
            return rules with { Message = rules.Message with { Grounding = grounding, Agent = run } };
        }
        var references = answer.References.Count > 0 ? answer.References : rules.Message.References;
        var message = rules.Message with { Text = text, References = references, AnsweredBy = ConversationMessage.ByLlm, Grounding = answer.Outcome, Agent = run };
        var topic = intent == QuestionIntent.Results && references.Count > 0
            ? new ConversationTopic(ResultTopics.Match(question.ToLowerInvariant()) ?? context.Topic?.Name ?? ResultTopics.Summary, context.Topic?.Subject, references[^1])
            : rules.Topic;
        return new ConversationReply(message, topic);
    }

    private async Task<ConversationReply> StartedAsync(string tenantId, string jobId, QuestionIntent intent, string routedBy)
    {
        var reports = await ReadReportsAsync(tenantId, [jobId]);
        var job = await GrainFactory.GetGrain<Actors.Jobs.IAnalysisJob>(Actors.Jobs.JobKey.For(tenantId, jobId)).GetStatus();
        var text = job is null ? $"Analysis {jobId} could not be found." : AnalysisRequests.Started(job, reports.FirstOrDefault());
        var message = new ConversationMessage(ConversationMessage.Assistant, text, time.GetUtcNow(), [jobId], ReportAnswers.ToWire(intent), routedBy, ConversationMessage.ByRules);
        return new ConversationReply(message, new ConversationTopic(ResultTopics.Summary, null, jobId));
    }

    private static QuestionIntent? FromWire(string intent) =>
        Enum.GetValues<QuestionIntent>().Cast<QuestionIntent?>().FirstOrDefault(i => ReportAnswers.ToWire(i!.Value) == intent);

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
