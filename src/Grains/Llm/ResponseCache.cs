using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace Actors.Llm;

/// <summary>
/// Answers this silo already got, keyed by a hash of the tenant, provider entry, model, messages,
/// tools and options, kept for <see cref="LlmOptions.CacheTtl"/>. The tenant is part of every key,
/// so one tenant's answer is never served to another. Bounded: the oldest entries go first.
/// </summary>
public sealed class ResponseCache(IOptions<LlmOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (CachedAnswer Answer, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public bool Enabled => options.Value.CacheTtl > TimeSpan.Zero;

    public static string KeyFor(string tenantId, ProviderTarget target, IEnumerable<ChatMessage> messages, ChatOptions chatOptions)
    {
        var text = new StringBuilder();
        text.Append(tenantId).Append('\n').Append(target.GrainKey).Append('\n').Append(target.Endpoint).Append('\n');
        foreach (var message in messages)
        {
            text.Append(message.Role.Value).Append(':').Append(message.Text).Append('\n');
        }
        foreach (var tool in chatOptions.Tools ?? [])
        {
            text.Append("tool:").Append(tool.Name).Append(':').Append(tool is AIFunction f ? f.JsonSchema.GetRawText() : "").Append('\n');
        }
        text.Append("t=").Append(chatOptions.Temperature).Append(";max=").Append(chatOptions.MaxOutputTokens);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public CachedAnswer? Get(string key)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > time.GetUtcNow())
        {
            return entry.Answer;
        }
        _entries.TryRemove(key, out _);
        return null;
    }

    public void Put(string key, CachedAnswer answer)
    {
        if (!Enabled)
        {
            return;
        }
        var now = time.GetUtcNow();
        _entries[key] = (answer, now + options.Value.CacheTtl);
        if (_entries.Count > options.Value.CacheEntries)
        {
            foreach (var old in _entries.OrderBy(e => e.Value.Expires).Take(_entries.Count - options.Value.CacheEntries).ToList())
            {
                _entries.TryRemove(old.Key, out _);
            }
        }
    }
}

/// <summary>A cached answer: its text and the numbers its tool calls returned (grounding needs them on a hit too).</summary>
public sealed record CachedAnswer(string Text, IReadOnlyList<double> ToolNumbers);
