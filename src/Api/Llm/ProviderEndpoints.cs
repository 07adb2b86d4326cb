using System.Globalization;
using System.Text.RegularExpressions;
using Actors.Api.Audit;
using Actors.Api.Auth;
using Actors.Api.Problems;
using Actors.Llm;
using Actors.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Llm;

/// <summary>
/// <c>/api/v1/providers</c>: the tenant's LLM fallback chain with each entry's breaker, limits and
/// last error; an admin may set the tenant's own chain (keys sealed at rest, never answered) and
/// budget. <c>/api/v1/usage</c>: the cost ledger, grouped.
/// </summary>
public static partial class ProviderEndpoints
{
    public const int MaxEntries = 8;
    private const int MaxUsageDays = 366;

    public static IEndpointRouteBuilder MapProviders(this IEndpointRouteBuilder app)
    {
        var providers = app.MapGroup("/api/v1/providers").WithTags("LLM providers");
        providers.MapGet("/", Get).RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("The tenant's LLM chain and each provider's health")
            .WithDescription("Entries in the order they are tried, each with its circuit breaker, per-minute limits and last error; the statistical engine is always last. Keys are never returned.")
            .Produces<ProvidersResponse>();
        providers.MapPut("/", Put).RequireAuthorization(Scopes.Admin)
            .WithSummary("Set the tenant's own LLM chain and monthly budget")
            .WithDescription("An empty chain returns the tenant to the node's global chain, whose budget monthly_budget_usd can lower but not raise. api_key is write-only: omit it to keep an entry's current key (only while its kind and endpoint stay the same), send \"\" for none.")
            .Audited("providers.put")
            .Produces<ProvidersResponse>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/api/v1/usage", Usage).WithTags("LLM providers").RequireAuthorization(Scopes.AnalysesRead)
            .WithSummary("LLM usage and cost")
            .WithDescription("Calls, tokens and cost from the tenant's cost ledger between from and to (dates or instants, UTC; default: this month), grouped by provider, model, agent, type or day.")
            .Produces<UsageResponse>().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<IResult> Get(HttpContext http, IClusterClient cluster, TenantChains chains, TimeProvider time)
    {
        var tenantId = http.User.GetTenantId();
        var settings = await cluster.GetGrain<ITenantProviders>(tenantId).Get();
        return TypedResults.Ok(await DescribeAsync(cluster, chains, time, tenantId, settings));
    }

    private static async Task<IResult> Put(HttpContext http, IClusterClient cluster, TenantChains chains,
        [FromKeyedServices(ChatClients.HttpClientName)] WebhookTargetGuard guard, TimeProvider time, ProvidersRequest? body)
    {
        if (body is null)
        {
            return Problem.Validation("Send the chain as a JSON object.", new Dictionary<string, string[]> { [""] = ["Expected an object."] });
        }
        var errors = new Dictionary<string, string[]>();
        var entries = body.Chain ?? [];
        if (entries.Count > MaxEntries)
        {
            errors["chain"] = [$"At most {MaxEntries} entries."];
        }
        if (body.MonthlyBudgetUsd is < 0)
        {
            errors["monthly_budget_usd"] = ["Zero or more."];
        }
        for (var i = 0; i < entries.Count && i < MaxEntries; i++)
        {
            Validate(entries[i], $"chain[{i}]", errors);
        }
        if (entries.Select(e => e.Name).Distinct().Count() != entries.Count)
        {
            errors["chain"] = ["Entry names must be distinct."];
        }
        if (errors.Count > 0)
        {
            return Problem.Validation("The chain is not valid; see errors.", errors);
        }
        foreach (var entry in entries)
        {
            if (await guard.RefusalAsync(entry.Endpoint!, http.RequestAborted) is { } refusal)
            {
                return Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.TargetNotAllowed, "Endpoint not allowed",
                    $"{entry.Name}: {refusal} (operators may allow private endpoints with Actors:Llm:AllowPrivateEndpoints).");
            }
        }

        var tenantId = http.User.GetTenantId();
        var change = new ProviderChainChange(
            entries.Select(e => new ProviderEntryChange(e.Name!, e.Kind!, e.Endpoint!.TrimEnd('/'), e.Model!, e.ApiKey, e.RequestsPerMinute, e.TokensPerMinute)).ToList(),
            body.MonthlyBudgetUsd);
        var outcome = await cluster.GetGrain<ITenantProviders>(tenantId).Change(change);
        if (outcome.Settings is not { } settings)
        {
            return Problem.Validation("The chain is not valid; see errors.", outcome.Errors.ToDictionary());
        }
        chains.Forget(tenantId);
        return TypedResults.Ok(await DescribeAsync(cluster, chains, time, tenantId, settings));
    }

    private static async Task<IResult> Usage(HttpContext http, IClusterClient cluster, TimeProvider time, string? from, string? to, string? group_by)
    {
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var start = ParseInstant(from, new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero), "from", errors);
        var end = ParseInstant(to, now, "to", errors);
        var groupBy = group_by ?? "provider";
        if (UsageGrouping.Key(groupBy) is null)
        {
            errors["group_by"] = ["One of provider, model, agent, type, day."];
        }
        if (errors.Count == 0 && (end < start || (end - start).TotalDays > MaxUsageDays))
        {
            errors["to"] = [$"After from, and at most {MaxUsageDays} days later."];
        }
        if (errors.Count > 0)
        {
            return Problem.Validation("The usage query is not valid; see errors.", errors);
        }

        var tenantId = http.User.GetTenantId();
        var months = new List<DateTimeOffset>();
        for (var month = new DateTimeOffset(start.Year, start.Month, 1, 0, 0, 0, TimeSpan.Zero); month <= end; month = month.AddMonths(1))
        {
            months.Add(month);
        }
        var pages = await Task.WhenAll(months.Select(m => cluster.GetGrain<IUsageLedger>(IUsageLedger.KeyFor(tenantId, m)).Entries()));
        var entries = pages.SelectMany(p => p).Where(e => e.At >= start && e.At <= end).ToList();
        var key = UsageGrouping.Key(groupBy)!;
        var groups = entries.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new UsageGroup(g.Key,
            g.Count(), g.Count(e => e.Cached), g.Sum(e => e.InputTokens), g.Sum(e => e.OutputTokens), g.Sum(e => e.CostUsd))).ToList();
        var total = new UsageTotals(entries.Count, entries.Count(e => e.Cached), entries.Sum(e => e.InputTokens), entries.Sum(e => e.OutputTokens), entries.Sum(e => e.CostUsd));
        return TypedResults.Ok(new UsageResponse(start, end, groupBy, total, groups));
    }

    private static async Task<ProvidersResponse> DescribeAsync(IClusterClient cluster, TenantChains chains, TimeProvider time, string tenantId, TenantLlmSettings settings)
    {
        var chain = chains.Resolve(tenantId, settings);
        var healths = await Task.WhenAll(chain.Targets.Select(t => cluster.GetGrain<IProvider>(t.GrainKey).GetHealth()));
        var spent = await cluster.GetGrain<IUsageLedger>(IUsageLedger.KeyFor(tenantId, time.GetUtcNow())).TotalCost();
        var entries = chain.Targets.Zip(healths, ProviderEntryResponse.From).Append(ProviderEntryResponse.StatisticalEngine).ToList();
        return new ProvidersResponse(chain.Source, chain.MonthlyBudgetUsd, spent, entries);
    }

    private static void Validate(ProviderEntryRequest entry, string at, Dictionary<string, string[]> errors)
    {
        if (entry.Name is null || !EntryName().IsMatch(entry.Name) || entry.Name == ProviderEntry.Statistical)
        {
            errors[$"{at}.name"] = ["1 to 64 characters of a-z, 0-9, _ and -; not 'statistical'."];
        }
        if (entry.Kind is not (ProviderEntry.OpenAi or ProviderEntry.Ollama))
        {
            errors[$"{at}.kind"] = ["openai (any OpenAI-compatible endpoint) or ollama."];
        }
        if (!Uri.TryCreate(entry.Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors[$"{at}.endpoint"] = ["An absolute http or https URL."];
        }
        if (string.IsNullOrWhiteSpace(entry.Model) || entry.Model.Length > 200)
        {
            errors[$"{at}.model"] = ["1 to 200 characters."];
        }
        if (entry.ApiKey is { Length: > 1_000 })
        {
            errors[$"{at}.api_key"] = ["At most 1000 characters."];
        }
        if (entry.RequestsPerMinute is <= 0 || entry.TokensPerMinute is <= 0)
        {
            errors[$"{at}.requests_per_minute"] = ["Limits are positive when given."];
        }
    }

    private static DateTimeOffset ParseInstant(string? text, DateTimeOffset fallback, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }
        errors[field] = ["A date (2025-01-31) or an ISO 8601 instant."];
        return fallback;
    }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex EntryName();
}

/// <summary>The usage API's groupings.</summary>
public static class UsageGrouping
{
    public static Func<UsageEntry, string>? Key(string groupBy) => groupBy switch
    {
        "provider" => e => e.Provider,
        "model" => e => e.Model,
        "agent" => e => e.Agent,
        "type" => e => e.AnalysisType,
        "day" => e => e.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => null,
    };
}
