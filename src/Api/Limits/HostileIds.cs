using System.Buffers;
using Actors.Api.Problems;

namespace Actors.Api.Limits;

/// <summary>
/// Ids never hold path separators, quotes, SQL or markup metacharacters, control characters, <c>..</c>
/// or <c>--</c>, and are at most <see cref="InputLimits.MaxIdLength"/> long. The guard answers 400
/// invalid_id for any API path value or Idempotency-Key that does, before an endpoint sees it.
/// (Every id is a grain key, never SQL or a file path; refusing these is defence in depth and a clear answer.)
/// </summary>
public static class HostileIds
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly SearchValues<char> Forbidden = SearchValues.Create("/\\'\";<>%");

    public static bool IsHostile(string value) =>
        value.Length > InputLimits.MaxIdLength
        || value.AsSpan().ContainsAny(Forbidden)
        || value.Any(char.IsControl)
        || value.Contains("..", StringComparison.Ordinal)
        || value.Contains("--", StringComparison.Ordinal);

    /// <summary>Runs after routing and authorization, for /api paths only (the dashboard's own routes carry type names).</summary>
    public static IApplicationBuilder UseHostileIdGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && FirstHostile(context) is { } name)
            {
                await Refusal(name).ExecuteAsync(context);
                return;
            }
            await next(context);
        });

    private static string? FirstHostile(HttpContext context)
    {
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && IsHostile(text))
            {
                return name;
            }
        }
        var key = context.Request.Headers[IdempotencyKeyHeader];
        return key.Count > 0 && IsHostile(key.ToString()) ? IdempotencyKeyHeader : null;
    }

    private static IResult Refusal(string name)
    {
        var why = $"At most {InputLimits.MaxIdLength} characters, without / \\ ' \" ; < > %, control characters, '..' or '--'.";
        return Problem.Create(StatusCodes.Status400BadRequest, ProblemCodes.InvalidId, "Invalid identifier",
            $"'{name}' is not a valid identifier. {why}",
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [name] = [why] } });
    }
}
