using System.Text.Json;
using Actors.Api.Analyses;
using Actors.Api.Audit;
using Actors.Api.Auth;
using Actors.Api.Limits;
using Actors.Api.Problems;
using Actors.Conversations;
using Microsoft.AspNetCore.Http.Json;

namespace Actors.Api.Conversations;

/// <summary>
/// <c>/api/v1/conversations</c>: multi-turn questions about the tenant's analyses. The tenant always
/// comes from the credentials, so another tenant's conversation id is simply not found.
/// </summary>
public static class ConversationEndpoints
{
    private const int MaxPerPage = 250;
    private const int MaxQuestionChars = 4000;

    public static IEndpointRouteBuilder MapConversations(this IEndpointRouteBuilder app)
    {
        var conversations = app.MapGroup("/api/v1/conversations").WithTags("Conversations");
        conversations.MapPost("/", Create).RequireAuthorization(Scopes.AnalysesWrite).Audited("conversation.create")
            .WithSummary("Open a conversation").WithDescription("Optionally bound to the tenant's jobs (job_ids); an unknown job id is 422 unknown_job.")
            .Accepts<ConversationCreateBody>("application/json").Produces<ConversationResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        conversations.MapGet("/", List).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("List the tenant's conversations").WithDescription("Most recently updated first. Page with limit and cursor (pass next_cursor back; a Link header names the next page), or with page and per_page.")
            .Produces<ConversationListResponse>().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        conversations.MapGet("/{id}", Get).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("Read a conversation's history").WithDescription("The recent window of messages and a summary of older turns.")
            .Produces<ConversationResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        conversations.MapPost("/{id}/messages", Ask).RequireAuthorization(Scopes.AnalysesWrite).Audited("conversation.message")
            .WithSummary("Ask a question").WithDescription("The answer streams as Server-Sent Events: delta events with {text} pieces, then one message event with the whole message; with stream=false, the message as JSON. An optional analysis object (the body of POST /api/v1/analyses) starts that analysis when the question asks for one; a streamed answer then sends progress events until it finishes.")
            .Accepts<ConversationQuestionBody>("application/json").Produces<MessageResponse>(StatusCodes.Status200OK, "application/json", "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        conversations.MapDelete("/{id}", Delete).RequireAuthorization(Scopes.AnalysesWrite).Audited("conversation.delete")
            .WithSummary("Delete a conversation").WithDescription("Erases its messages and summary from storage.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Create(HttpContext http, IClusterClient cluster, IOptions<InputLimits> limits, IOptions<ConversationOptions> options)
    {
        var (utf8, refused) = await JsonBody.ReadAsync(http.Request, limits.Value, http.RequestAborted);
        if (refused is not null)
        {
            return refused;
        }
        var jobIds = new List<string>();
        if (utf8.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(utf8);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return Invalid("body", "A JSON object.");
                }
                if (document.RootElement.TryGetProperty("job_ids", out var ids) && ids.ValueKind != JsonValueKind.Null)
                {
                    if (ids.ValueKind != JsonValueKind.Array || ids.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
                    {
                        return Invalid("job_ids", "An array of job id strings.");
                    }
                    jobIds = ids.EnumerateArray().Select(i => i.GetString()!).Distinct().ToList();
                }
            }
            catch (JsonException ex)
            {
                return JsonBody.InvalidJson(ex);
            }
        }
        if (jobIds.Count > options.Value.MaxJobs)
        {
            return Invalid("job_ids", $"At most {options.Value.MaxJobs} jobs.");
        }

        var tenantId = http.User.GetTenantId();
        foreach (var jobId in jobIds)
        {
            // Another tenant's job is as unknown as a job that never existed.
            if (!JobIds.IsWellFormed(jobId) || await cluster.GetGrain<IAnalysisJob>(JobKey.For(tenantId, jobId)).GetStatus() is null)
            {
                return Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.UnknownJob, "Unknown job",
                    $"No analysis job '{jobId}' for this tenant; a conversation can only be bound to the tenant's own jobs.",
                    new Dictionary<string, object?> { ["job_id"] = jobId });
            }
        }
        var id = ConversationIds.New();
        var view = await cluster.GetGrain<IConversation>(JobKey.For(tenantId, id)).Create(jobIds);
        return TypedResults.Created($"/api/v1/conversations/{id}", ConversationResponse.From(view));
    }

    private static async Task<IResult> List(HttpContext http, IClusterClient cluster, int? page, int? per_page, int? limit, string? cursor)
    {
        var errors = new Dictionary<string, string[]>();
        var cursorOffset = Actors.Api.Paging.Cursors.Read(cursor, limit, MaxPerPage, errors);
        if (page is < 1)
        {
            errors["page"] = ["At least 1."];
        }
        if (per_page is < 1 or > MaxPerPage)
        {
            errors["per_page"] = [$"From 1 to {MaxPerPage}."];
        }
        if (errors.Count > 0)
        {
            return Problem.Validation("Some query parameters are not valid; see errors.", errors);
        }
        var size = limit ?? per_page ?? 50;
        var offset = cursor is not null ? cursorOffset : ((page ?? 1) - 1) * size;
        var list = cluster.GetGrain<ITenantConversations>(http.User.GetTenantId());
        var (items, total) = await Actors.Api.Paging.Cursors.WindowAsync(offset, size, async (number, perPage) =>
        {
            var result = await list.List(number, perPage);
            return (result.Items, result.Total);
        });
        var next = Actors.Api.Paging.Cursors.Next(offset, items.Count, total);
        Actors.Api.Paging.Cursors.Link(http, next);
        return TypedResults.Ok(new ConversationListResponse(
            [.. items.Select(c => new ConversationListItem(c.ConversationId, c.JobIds, c.CreatedAt, c.UpdatedAt, c.MessageCount, c.Title))],
            offset / size + 1, size, total, next));
    }

    private static async Task<IResult> Get(HttpContext http, IClusterClient cluster, string id)
    {
        if (!ConversationIds.IsWellFormed(id))
        {
            return NotFound(id);
        }
        var view = await cluster.GetGrain<IConversation>(JobKey.For(http.User.GetTenantId(), id)).Get();
        return view is null ? NotFound(id) : TypedResults.Ok(ConversationResponse.From(view));
    }

    private static async Task<IResult> Ask(HttpContext http, IClusterClient cluster, IOptions<InputLimits> limits, IOptions<JsonOptions> json,
        IOptions<ConversationOptions> conversationOptions, Actors.Api.Tenancy.TenantDirectory tenants, ConversationAnalyses analyses,
        Actors.Api.Analyses.OpenStreams streams, string id, bool? stream)
    {
        if (!ConversationIds.IsWellFormed(id))
        {
            return NotFound(id);
        }
        // A streamed answer holds its place among the caller's open streams before anything is asked or started.
        IResult? tooMany = null;
        using var place = stream != false ? streams.TryOpen(http, out tooMany) : null;
        if (tooMany is not null)
        {
            return tooMany;
        }
        var tenantId = http.User.GetTenantId();
        var tenant = await tenants.GetAsync(tenantId);
        if (tenant.Limits.MaxPayloadBytes is { } maxBytes && SubmissionReader.TenantPayloadLimit(http.Request, maxBytes) is { } tooLarge)
        {
            return tooLarge;
        }
        var (utf8, refused) = await JsonBody.ReadAsync(http.Request, limits.Value, http.RequestAborted);
        if (refused is not null)
        {
            return refused;
        }
        string? text;
        JsonElement? analysis = null;
        try
        {
            using var document = JsonDocument.Parse(utf8);
            var root = document.RootElement;
            text = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()
                : null;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("analysis", out var a) && a.ValueKind != JsonValueKind.Null)
            {
                if (a.ValueKind != JsonValueKind.Object)
                {
                    return Invalid("analysis", "An object shaped like the body of POST /api/v1/analyses: {type, csv or data, options?}.");
                }
                analysis = a.Clone();
            }
        }
        catch (JsonException ex)
        {
            return JsonBody.InvalidJson(ex);
        }
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxQuestionChars)
        {
            return Invalid("text", $"The question: a non-empty string of at most {MaxQuestionChars} characters.");
        }
        text = text.Trim();

        // Stateless worker: the answer is worked out beside the conversation grain, which is only called to read and record.
        var responder = cluster.GetGrain<IConversationResponder>(0);
        var question = new ConversationQuestion(tenantId, id, text);
        SubmittedResponse? started = null;
        if (analysis is { } body)
        {
            // Routed first: only a request for a new analysis starts one, through the same path as POST /api/v1/analyses.
            var routed = await responder.Route(tenantId, id, text);
            if (routed is null)
            {
                return NotFound(id);
            }
            question = question with { Routed = routed };
            if (routed.Intent == ReportAnswers.ToWire(QuestionIntent.NewAnalysis))
            {
                var (submitted, problem) = await analyses.StartAsync(http, tenant, text, body);
                if (problem is not null)
                {
                    return problem;
                }
                started = submitted;
                question = question with { StartedJobId = submitted!.JobId };
            }
        }

        var options = json.Value.SerializerOptions;
        var response = http.Response;
        if (stream != false)
        {
            Actors.Api.Analyses.ServerSentEvents.Begin(response);
            if (started is not null)
            {
                await analyses.FollowAsync(response, options, tenantId, started, conversationOptions.Value.FollowJobFor, http.RequestAborted);
            }
        }
        // A streamed answer the LLM writes reaches the client as it is written, through an observer the responder calls.
        var streamed = stream != false ? new StreamedAnswer(response, options, http.RequestAborted) : null;
        var observer = streamed is null ? null : cluster.CreateObjectReference<IAnswerObserver>(streamed);
        ConversationMessage? answer;
        try
        {
            answer = await responder.Answer(question with { Observer = observer });
        }
        finally
        {
            if (observer is not null)
            {
                cluster.DeleteObjectReference<IAnswerObserver>(observer);
            }
        }
        if (answer is null)
        {
            if (stream != false)
            {
                await response.WriteAsync($"event: error\ndata: {JsonSerializer.Serialize(new { status = 404, detail = $"No conversation '{id}' for this tenant." }, options)}\n\n", http.RequestAborted);
                return Results.Empty;
            }
            return NotFound(id);
        }
        var message = MessageResponse.From(answer);
        if (stream == false)
        {
            return TypedResults.Ok(message);
        }

        // Deltas already sent either make up the message, or are dropped and the message is sent in pieces (rules' answers, checked results).
        if (streamed!.Sent != answer.Text)
        {
            if (streamed.Sent.Length > 0)
            {
                await streamed.Reset();
            }
            foreach (var piece in AnswerDeltas.Split(answer.Text))
            {
                await streamed.WriteAsync("delta", JsonSerializer.Serialize(new AnswerDelta(piece), options));
            }
        }
        await response.WriteAsync($"event: message\ndata: {JsonSerializer.Serialize(message, options)}\n\n", http.RequestAborted);
        await response.Body.FlushAsync(http.RequestAborted);
        return Results.Empty;
    }

    private static async Task<IResult> Delete(HttpContext http, IClusterClient cluster, string id)
    {
        if (!ConversationIds.IsWellFormed(id))
        {
            return NotFound(id);
        }
        var deleted = await cluster.GetGrain<IConversation>(JobKey.For(http.User.GetTenantId(), id)).Delete();
        return deleted ? TypedResults.NoContent() : NotFound(id);
    }

    private static IResult Invalid(string field, string message) =>
        Problem.Validation($"'{field}' is not valid: {message}", new Dictionary<string, string[]> { [field] = [message] });

    private static IResult NotFound(string id) => Problem.NotFound($"No conversation '{id}' for this tenant.");
}
