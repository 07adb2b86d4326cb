namespace Actors.Llm;

/// <summary>One cached answer in memory until its time to live ends; the activation is collected after that.</summary>
public sealed class ResponseCacheEntryGrain(TimeProvider time) : Grain, IResponseCacheEntry
{
    private CachedAnswer? _answer;
    private DateTimeOffset _expires;

    public Task<CachedAnswer?> Get() => Task.FromResult(_answer is not null && _expires > time.GetUtcNow() ? _answer : null);

    public Task Put(CachedAnswer answer, TimeSpan timeToLive)
    {
        _answer = answer;
        _expires = time.GetUtcNow() + timeToLive;
        return Task.CompletedTask;
    }
}
