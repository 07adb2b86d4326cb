using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Api.Problems;

/// <summary>RFC 7807 answers with a stable <c>code</c>; the request id is added for every problem in <see cref="ProblemDetailsSetup"/>.</summary>
public static class Problem
{
    public static ProblemHttpResult Create(int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["code"] = code };
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeFor(code), extensions: all);
    }

    public static ProblemHttpResult NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "Not found", detail);

    public static ProblemHttpResult Validation(string detail, IDictionary<string, string[]> errors) =>
        Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.ValidationFailed, "The request is not valid", detail,
            new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>The problem type URI of a code; docs/errors.md explains each code.</summary>
    public static string TypeFor(string code) => $"urn:actors:problem:{code}";
}
