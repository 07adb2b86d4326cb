using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Actors.Llm;

/// <summary>
/// Walks a fallback chain: for each entry in order, skip it when its circuit is open, it is
/// throttled or another caller holds its half-open probe; else call it (with tools, retries and a
/// timeout) and report the outcome to its breaker without waiting. The first answer wins; null
/// means every entry failed or was skipped, and the caller falls back to the statistical engine.
/// </summary>
public sealed class LlmChain(
    ChatClients clients,
    ProviderHealthCache health,
    PriceTable prices,
    ResponseCache cache,
    IOptions<LlmOptions> options,
    TimeProvider time,
    ILogger<LlmChain> logger)
{
    public async Task<ChainAnswer?> AskAsync(ChainRequest request, CancellationToken cancellationToken)
    {
        foreach (var target in request.Targets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cacheKey = ResponseCache.KeyFor(request.TenantId, target, request.Messages, request.Options);
            if (request.UseCache && await cache.GetAsync(cacheKey) is { } hit)
            {
                request.Tools?.Remember(hit.ToolNumbers);
                request.Tiers.Add(new TierAttempt(target.Label, "cached", null, 0));
                return new ChainAnswer(target, hit.Text, 0, 0, 0m, Cached: true);
            }

            var now = time.GetUtcNow();
            var seen = await health.ReadAsync(target.GrainKey);
            var skip = seen switch
            {
                { State: BreakerState.Open } => "circuit_open",
                _ when !seen.Accepts(now) => "throttled",
                _ => null,
            };
            var probe = false;
            if (skip is null && seen.State == BreakerState.HalfOpen)
            {
                probe = await health.TryStartProbeAsync(target.GrainKey);
                skip = probe ? null : "probe_in_flight";
            }
            if (skip is not null)
            {
                request.Tiers.Add(new TierAttempt(target.Label, skip, target.IsOperators ? null : seen.LastError, 0));
                continue;
            }

            var answer = await CallAsync(request, target, probe, cancellationToken);
            if (answer is not null)
            {
                if (request.UseCache)
                {
                    await cache.PutAsync(cacheKey, new CachedAnswer(answer.Text, request.Tools?.Returned ?? []));
                }
                return answer;
            }
        }
        return null;
    }

    /// <summary>Reads the answer as a stream, handing each piece of text on; an attempt that breaks off after sending some says so (null), so the receiver drops them.</summary>
    private static async Task<string> StreamAsync(IChatClient client, ChainRequest request, Func<string?, Task> deltas, CancellationToken cancellationToken)
    {
        var updates = new List<ChatResponseUpdate>();
        var sent = false;
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(request.Messages, request.Options, cancellationToken))
            {
                updates.Add(update);
                if (update.Text is { Length: > 0 } text)
                {
                    await deltas(text);
                    sent = true;
                }
            }
        }
        catch when (sent)
        {
            await deltas(null);
            throw;
        }
        return updates.ToChatResponse().Text;
    }

    private async Task<ChainAnswer?> CallAsync(ChainRequest request, ProviderTarget target, bool probe, CancellationToken cancellationToken)
    {
        var call = new ProviderCall(options.Value, (wait, ct) => Task.Delay(wait, time, ct));
        var clock = Stopwatch.StartNew();
        UsageMeter? meter = null;
        try
        {
            var text = await call.RunAsync(async ct =>
            {
                meter = new UsageMeter(clients.For(target));
                using var client = new FunctionInvokingChatClient(meter) { MaximumIterationsPerRequest = 8 };
                if (request.Deltas is { } deltas)
                {
                    return await StreamAsync(client, request, deltas, ct);
                }
                var response = options.Value.Stream
                    ? await client.GetStreamingResponseAsync(request.Messages, request.Options, ct).ToChatResponseAsync(ct)
                    : await client.GetResponseAsync(request.Messages, request.Options, ct);
                return response.Text;
            }, cancellationToken);

            var input = meter?.InputTokens ?? 0;
            var output = meter?.OutputTokens ?? 0;
            health.Report(target.GrainKey, new ProviderOutcome(true, null, null, input, output, target.Limits, probe));
            request.Tiers.Add(new TierAttempt(target.Label, "answered", null, call.Waits.Count));
            logger.LogInformation("Provider {Provider} answered tenant {TenantId} in {ElapsedMs} ms: {InputTokens} input and {OutputTokens} output tokens",
                target.Label, request.TenantId, clock.ElapsedMilliseconds, input, output);
            var cost = prices.Cost(target.Model, input, output);
            Actors.Observability.ActorsMetrics.LlmAnswered(ProviderTarget.ChainOf(target.GrainKey), target.Model, input, output, cost);
            return new ChainAnswer(target, text, input, output, cost, Cached: false);
        }
        catch (ProviderFailure failure)
        {
            var error = $"{failure.Kind}: {failure.Message}";
            health.Report(target.GrainKey, new ProviderOutcome(false, error, failure.RetryAfter, 0, 0, target.Limits, probe));
            request.Tiers.Add(new TierAttempt(target.Label, failure.Kind, target.IsOperators ? null : error, call.Waits.Count));
            logger.LogWarning("Provider {Provider} failed for tenant {TenantId} after {Retries} retries: {FailureKind} ({FailureDetail}); trying the next tier",
                target.Label, request.TenantId, call.Waits.Count, failure.Kind, failure.InnerException?.GetBaseException().Message);
            return null;
        }
    }
}

/// <summary>
/// One question to a chain. <see cref="Tiers"/> collects how each entry fared, for provenance. With
/// <see cref="Deltas"/>, the answer is read as a stream and its text handed on piece by piece (null: drop
/// the pieces sent so far, the attempt broke off).
/// </summary>
public sealed record ChainRequest(
    string TenantId,
    IReadOnlyList<ProviderTarget> Targets,
    IList<ChatMessage> Messages,
    ChatOptions Options,
    bool UseCache,
    IToolNumbers? Tools,
    List<TierAttempt> Tiers,
    Func<string?, Task>? Deltas = null);

/// <summary>The answer, which entry gave it, what it used and cost.</summary>
public sealed record ChainAnswer(ProviderTarget Target, string Text, long InputTokens, long OutputTokens, decimal CostUsd, bool Cached);

/// <summary>How one entry of the chain fared: <c>answered</c>, <c>cached</c>, <c>circuit_open</c>, <c>throttled</c>, <c>timeout</c>, <c>http_500</c>, …</summary>
public sealed record TierAttempt(string Provider, string Outcome, string? Error, int Retries);
