using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Actors.Api.Problems;

/// <summary>Makes every error answer a problem document with <c>code</c>, <c>request_id</c> and <c>instance</c>.</summary>
public static class ProblemDetailsSetup
{
    /// <summary>How long a client should wait before retrying after a 503: failover and storage restarts take seconds.</summary>
    private const string RetryAfterSeconds = "5";

    public static IServiceCollection AddActorsProblemDetails(this IServiceCollection services) =>
        services.AddExceptionHandler<UnavailableHandler>().AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (context.Exception is BadHttpRequestException badRequest)
            {
                status = badRequest.StatusCode;
                problem.Status = status;
                problem.Detail = status == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is larger than this server accepts."
                    : badRequest.Message;
            }
            if (!(problem.Extensions.TryGetValue("code", out var given) && given is string))
            {
                // Raised by the framework or an exception: derive the code, and the type from it.
                var code = ProblemCodes.ForStatus(status);
                problem.Extensions["code"] = code;
                problem.Type = Problem.TypeFor(code);
            }
            problem.Extensions["request_id"] = context.HttpContext.TraceIdentifier;
            problem.Instance ??= context.HttpContext.Request.Path;
            if (status == StatusCodes.Status503ServiceUnavailable && context.Exception is not null)
            {
                problem.Detail = "The cluster or its storage is unavailable, so nothing was accepted; retry shortly (with the same Idempotency-Key).";
                context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
            }
            else if (status >= 500 && context.Exception is not null and not BadHttpRequestException)
            {
                problem.Detail = "An unexpected error occurred; it is logged under this request id.";
            }
            problem.Detail ??= status switch
            {
                StatusCodes.Status400BadRequest => "The request is malformed: check its query string, headers and body.",
                StatusCodes.Status404NotFound => "No resource at this path.",
                StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed on this path.",
                _ => problem.Title ?? "The request failed.",
            };
        });

    /// <summary>
    /// Maps exceptions to problem answers: an outage of the cluster or its storage is a 503 (<see cref="UnavailableHandler"/>),
    /// bad requests keep their status; everything else is a 500.
    /// </summary>
    public static IApplicationBuilder UseActorsExceptionHandler(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
}
