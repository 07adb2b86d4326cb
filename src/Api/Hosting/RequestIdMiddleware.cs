using System.Security.Cryptography;
using Serilog.Context;

namespace Actors.Api.Hosting;

/// <summary>
/// Gives every request an id: the caller's <c>X-Request-ID</c> when it is short and plain, else a
/// new one. It is echoed on the response, used as <c>request_id</c> in problems and logged as RequestId.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string Header = "X-Request-ID";

    public async Task InvokeAsync(HttpContext context)
    {
        var given = context.Request.Headers[Header].ToString();
        var id = IsAcceptable(given) ? given : "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        context.TraceIdentifier = id;
        context.Items[typeof(RequestIdMiddleware)] = id;
        // Set as the response starts: the exception handler clears headers set earlier, and a 500 needs the id most.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        using (LogContext.PushProperty("RequestId", id))
        {
            await next(context);
        }
    }

    /// <summary>The request's id once this middleware has given it one; null before (the trace identifier is then the connection's).</summary>
    public static string? Of(HttpContext context) => context.Items.TryGetValue(typeof(RequestIdMiddleware), out var id) ? id as string : null;

    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
