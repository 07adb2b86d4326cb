using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace Actors.Llm;

/// <summary>
/// Builds the <see cref="IChatClient"/> for a provider: OpenAI-compatible endpoints through
/// Microsoft.Extensions.AI.OpenAI, Ollama through OllamaSharp. Both use an HTTP client whose
/// handler reports error statuses uniformly; the SDKs' own retries are off, since the chain retries.
/// A tenant's entry goes through <see cref="HttpClientName"/>, which checks every address it connects
/// to; the operator's global entries through <see cref="OperatorHttpClientName"/> (see <see cref="LlmServices"/>).
/// Clients are reused per endpoint, model and key.
/// </summary>
public sealed class ChatClients(IHttpClientFactory http)
{
    public const string HttpClientName = "actors-llm";
    public const string OperatorHttpClientName = "actors-llm-operator";

    /// <summary>Clients kept at most: tenants choose endpoints, models and keys, so each change would otherwise stay for good.</summary>
    public const int Capacity = 1_000;

    private readonly ConcurrentDictionary<string, IChatClient> _clients = new(StringComparer.Ordinal);

    public IChatClient For(ProviderTarget target)
    {
        var key = CacheKey(target);
        if (!_clients.TryGetValue(key, out var client) && _clients.Count >= Capacity)
        {
            // Rare, and cheap to undo: a client is made again on its next use; calls under way keep theirs.
            _clients.Clear();
        }
        return client ?? _clients.GetOrAdd(key, _ => Traced(Create(target)));
    }

    public int Count => _clients.Count;

    /// <summary>
    /// gen_ai spans and metrics (OpenTelemetry's semantic conventions) on <see cref="Actors.Observability.ActorsTelemetry.LlmSourceName"/>;
    /// prompts and answers are not recorded (no sensitive data), and the metrics keep no host or model (ActorsTelemetry's view).
    /// </summary>
    private static IChatClient Traced(IChatClient client) =>
        client.AsBuilder().UseOpenTelemetry(sourceName: Actors.Observability.ActorsTelemetry.LlmSourceName).Build();

    private IChatClient Create(ProviderTarget target)
    {
        var client = http.CreateClient(target.IsOperators ? OperatorHttpClientName : HttpClientName);
        client.Timeout = Timeout.InfiniteTimeSpan;
        switch (target.Kind)
        {
            case ProviderEntry.Ollama:
                client.BaseAddress = new Uri(target.Endpoint);
                return new OllamaApiClient(client, target.Model);
            case ProviderEntry.OpenAi:
                var options = new OpenAIClientOptions
                {
                    Endpoint = new Uri(target.Endpoint),
                    Transport = new HttpClientPipelineTransport(client),
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    NetworkTimeout = Timeout.InfiniteTimeSpan,
                };
                // Local OpenAI-compatible servers (vLLM) often need no key; the SDK insists on one.
                var key = new ApiKeyCredential(string.IsNullOrEmpty(target.ApiKey) ? "none" : target.ApiKey);
                return new OpenAIClient(key, options).GetChatClient(target.Model).AsIChatClient();
            default:
                throw new InvalidOperationException($"Unknown provider kind '{target.Kind}' (known: openai, ollama).");
        }
    }

    private static string CacheKey(ProviderTarget target)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(target.ApiKey ?? "")));
        return $"{target.IsOperators}|{target.Kind}|{target.Endpoint}|{target.Model}|{key}";
    }
}
