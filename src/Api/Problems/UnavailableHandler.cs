using Actors.Silo;
using Microsoft.AspNetCore.Diagnostics;
using Serilog;

namespace Actors.Api.Problems;

/// <summary>
/// An outage of the cluster or its storage (<see cref="StorageExceptions.UnavailableCause"/>) is
/// answered 503 <c>service_unavailable</c> with <c>Retry-After</c> (<see cref="ProblemDetailsSetup"/>
/// writes both). It is expected, not an unhandled error: handled here, the exception handler does
/// not log it, and the request's one log event carries the cause at Warning.
/// </summary>
public sealed class UnavailableHandler(IProblemDetailsService problems, IDiagnosticContext diagnostics) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception.UnavailableCause() is not { } cause)
        {
            return false;
        }
        diagnostics.SetException(cause);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable },
        });
    }
}
