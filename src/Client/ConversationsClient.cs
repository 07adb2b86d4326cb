using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Actors.Client;

/// <summary><c>/api/v1/conversations</c>: questions about the tenant's analyses, answered from their reports.</summary>
public sealed class ConversationsClient
{
    private readonly Transport _transport;

    internal ConversationsClient(Transport transport) => _transport = transport;

    /// <summary>Opens a conversation, optionally bound to the tenant's jobs.</summary>
    public Task<Conversation> CreateAsync(IReadOnlyList<string>? jobIds = null, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<Conversation>(() => _transport.Request(HttpMethod.Post, "api/v1/conversations", new { job_ids = jobIds ?? [] }), false, cancellationToken);

    public Task<Conversation> GetAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<Conversation>(() => _transport.Request(HttpMethod.Get, Path(conversationId)), true, cancellationToken);

    public Task<ConversationPage> ListAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<ConversationPage>(() => _transport.Request(HttpMethod.Get, Transport.Query("api/v1/conversations",
            ("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("cursor", cursor))), true, cancellationToken);

    /// <summary>Erases the conversation's messages and summary.</summary>
    public Task DeleteAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(() => _transport.Request(HttpMethod.Delete, Path(conversationId)), true, cancellationToken);

    /// <summary>Asks and waits for the whole answer.</summary>
    public Task<ConversationMessage> AskAsync(string conversationId, string text, AnalysisRequest? analysis = null, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<ConversationMessage>(() => _transport.Request(HttpMethod.Post, Transport.Query($"{Path(conversationId)}/messages", ("stream", "false")),
            new Question(text, analysis)), false, cancellationToken);

    /// <summary>
    /// Asks, and yields the answer as it is written: <see cref="AnswerEventKind.Delta"/> pieces (a
    /// <see cref="AnswerEventKind.Reset"/> voids the pieces before it), <see cref="AnswerEventKind.Progress"/>
    /// while an analysis the question started runs, and last the whole <see cref="AnswerEventKind.Message"/>.
    /// A question is not repeated when the connection drops: that would ask it twice.
    /// </summary>
    public async IAsyncEnumerable<AnswerEvent> AskStreamingAsync(string conversationId, string text, AnalysisRequest? analysis = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await _transport.SendAsync(() =>
        {
            var request = _transport.Request(HttpMethod.Post, $"{Path(conversationId)}/messages", new Question(text, analysis));
            request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
            return request;
        }, repeatable: false, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await _transport.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var parser = SseParser.Create(body, static (type, data) => new AnswerEvent(KindOf(type), type, Transport.ParseElement(data)));
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item.Data;
            if (item.Data.Kind is AnswerEventKind.Message or AnswerEventKind.Error)
            {
                yield break;
            }
        }
    }

    private static AnswerEventKind KindOf(string type) => type switch
    {
        "delta" => AnswerEventKind.Delta,
        "reset" => AnswerEventKind.Reset,
        "progress" => AnswerEventKind.Progress,
        "message" => AnswerEventKind.Message,
        "error" => AnswerEventKind.Error,
        _ => AnswerEventKind.Unknown,
    };

    private static string Path(string conversationId) => $"api/v1/conversations/{Transport.Escape(conversationId)}";

    private sealed record Question(string Text, AnalysisRequest? Analysis);
}
