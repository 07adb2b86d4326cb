namespace Actors.Llm;

/// <summary>The LLM tier. Bound from the <c>Actors:Llm</c> configuration section.</summary>
public sealed class LlmOptions
{
    public const string Section = "Actors:Llm";

    /// <summary>Providers the node knows, by entry name (e.g. <c>local</c>, <c>openai</c>).</summary>
    public Dictionary<string, ProviderSettings> Providers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The global fallback chain: entry names in order. The statistical engine is always last and is not listed.</summary>
    public List<string> Chain { get; set; } = [];

    /// <summary>Prices per model (the model name as the provider knows it), in USD per million tokens.</summary>
    public Dictionary<string, ModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Longest one HTTP request to a provider may take.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a transient failure (timeout, 5xx, 429) on one provider before the chain moves on.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Backoff before retry n is <c>RetryBaseDelay · 2^(n-1)</c>, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A longer <c>Retry-After</c> than this is not waited for: the chain moves on instead.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public BreakerOptions Breaker { get; set; } = new();

    /// <summary>How stale a silo's cached view of a provider's health may be.</summary>
    public TimeSpan HealthRefresh { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a cached response is reused (per tenant); zero turns the cache off.</summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Each tenant's monthly LLM budget unless the tenant sets its own (null: unlimited).</summary>
    public decimal? MonthlyBudgetUsd { get; set; }

    /// <summary>Read responses as a stream of chunks (the same result; useful with slow local models behind proxies).</summary>
    public bool Stream { get; set; }

    /// <summary>Lets tenants point entries at private and loopback addresses (a local Ollama in a trusted deployment).</summary>
    public bool AllowPrivateEndpoints { get; set; }
}

/// <summary>One provider entry of the global configuration. The key comes from configuration or the environment only.</summary>
public sealed class ProviderSettings
{
    /// <summary><c>openai</c> (any OpenAI-compatible endpoint) or <c>ollama</c>.</summary>
    public string Kind { get; set; } = ProviderEntry.OpenAi;

    /// <summary>Base URL: <c>https://api.openai.com/v1</c>, <c>http://localhost:11434</c>, …</summary>
    public string Endpoint { get; set; } = "";

    public string Model { get; set; } = "";

    public string? ApiKey { get; set; }

    public int? RequestsPerMinute { get; set; }

    public long? TokensPerMinute { get; set; }
}

/// <summary>USD per million input and output tokens.</summary>
public sealed class ModelPrice
{
    public decimal InputPerMillion { get; set; }

    public decimal OutputPerMillion { get; set; }
}

/// <summary>When a provider's circuit opens and how it closes again.</summary>
public sealed class BreakerOptions
{
    /// <summary>Consecutive failures that open the circuit.</summary>
    public int ConsecutiveFailures { get; set; } = 3;

    /// <summary>Share of failed calls in <see cref="Window"/> that opens it (once <see cref="MinimumCalls"/> were made).</summary>
    public double FailureRate { get; set; } = 0.5;

    public int MinimumCalls { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an open circuit stays open before a single probe is let through.</summary>
    public TimeSpan CoolDown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A granted probe that has not reported within this is given to the next caller.</summary>
    public TimeSpan ProbeLease { get; set; } = TimeSpan.FromSeconds(90);
}
