using Actors.Api.Problems;

namespace Actors.Api.Auth;

/// <summary>The problem documents authentication and authorization answer with (401, 403), written from handlers and events.</summary>
public static class AuthProblems
{
    public const string MissingCredentials =
        $"Send your API key in the {ApiKeyAuthenticationHandler.Header} header, or a bearer token in the Authorization header.";

    public static Task WriteAsync(HttpContext http, int status, string code, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = detail,
                Type = Problem.TypeFor(code),
                Extensions = { ["code"] = code },
            },
        }).AsTask();
    }

    public static Task UnauthorizedAsync(HttpContext http, string detail) =>
        WriteAsync(http, StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "Unauthorized", detail);

    public static Task ForbiddenAsync(HttpContext http, string detail) =>
        WriteAsync(http, StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden", detail);
}
