using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace Actors.Llm;

/// <summary>
/// The response cache: answers kept for <see cref="LlmOptions.CacheTtl"/>, keyed by a hash of the
/// provider entry, model, messages, tools and options under the tenant's id, so every silo sees the
/// same cache and no tenant ever sees another's. Each entry is its own in-memory grain: no hot spot.
/// A cache that cannot be reached is a miss, never a failure.
/// </summary>
public sealed class ResponseCache(IGrainFactory grains, IOptions<LlmOptions> options, ILogger<ResponseCache> logger)
{
    public bool Enabled => options.Value.CacheTtl > TimeSpan.Zero;

    public static string KeyFor(string tenantId, ProviderTarget target, IEnumerable<ChatMessage> messages, ChatOptions chatOptions)
    {
        var text = new StringBuilder();
        text.Append(target.GrainKey).Append('\n').Append(target.Endpoint).Append('\n');
        foreach (var message in messages)
        {
            text.Append(message.Role.Value).Append(':').Append(message.Text).Append('\n');
        }
        foreach (var tool in chatOptions.Tools ?? [])
        {
            text.Append("tool:").Append(tool.Name).Append(':').Append(tool is AIFunction f ? f.JsonSchema.GetRawText() : "").Append('\n');
        }
        text.Append("t=").Append(chatOptions.Temperature).Append(";max=").Append(chatOptions.MaxOutputTokens);
        return JobKey.For(tenantId, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))));
    }

    public async Task<CachedAnswer?> GetAsync(string key)
    {
        if (!Enabled)
        {
            return null;
        }
        try
        {
            return await grains.GetGrain<IResponseCacheEntry>(key).Get();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The LLM response cache could not be read; calling the provider");
            return null;
        }
    }

    public async Task PutAsync(string key, CachedAnswer answer)
    {
        if (!Enabled)
        {
            return;
        }
        try
        {
            await grains.GetGrain<IResponseCacheEntry>(key).Put(answer, options.Value.CacheTtl);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The LLM response cache could not be written");
        }
    }
}
