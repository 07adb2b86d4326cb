using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Actors.Llm;

/// <summary>
/// Sits between the function-invoking client and the provider and adds up the usage of every
/// round trip (tool calls make several), so the cost ledger counts exactly what the provider billed.
/// </summary>
public sealed class UsageMeter(IChatClient inner) : DelegatingChatClient(inner)
{
    private long _input;
    private long _output;

    public long InputTokens => Interlocked.Read(ref _input);

    public long OutputTokens => Interlocked.Read(ref _output);

    public void Reset()
    {
        Interlocked.Exchange(ref _input, 0);
        Interlocked.Exchange(ref _output, 0);
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        Add(response.Usage);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            foreach (var usage in update.Contents.OfType<UsageContent>())
            {
                Add(usage.Details);
            }
            yield return update;
        }
    }

    private void Add(UsageDetails? usage)
    {
        if (usage is null)
        {
            return;
        }
        Interlocked.Add(ref _input, usage.InputTokenCount ?? 0);
        Interlocked.Add(ref _output, usage.OutputTokenCount ?? 0);
    }
}
