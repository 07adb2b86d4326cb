using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Actors.Analyses;
using Actors.Analytics;
using Actors.Api.Limits;
using Actors.Api.Problems;

namespace Actors.Api.Analyses;

/// <summary>
/// Reads and validates a submission body into an <see cref="AnalysisRequest"/>. Everything a user
/// can get wrong answers 400 (not JSON), 413 (too large) or 422 (wrong fields or data), never 500.
/// The data is parsed here too, so bad data is refused at submit rather than failing the job later; the
/// table readers enforce the data's limits while they parse. The body is JSON, or a file (CSV, a
/// multipart upload, an XLSX workbook) read by <see cref="UploadReader"/> whose fields go through the
/// same validation as the JSON body's.
/// </summary>
public sealed class SubmissionReader(AnalysisCatalog catalog, UploadReader uploads, IOptions<InputLimits> inputLimits)
{
    private readonly InputLimits _limits = inputLimits.Value;

    private static readonly HashSet<string> KnownFields = ["type", "data", "csv", "question", "options", "priority", "callback_url", "team"];
    private const int MaxQuestionLength = 4_000;
    private const int MaxOptions = 50;

    /// <param name="limits">The tenant's effective limits: its payload size and records per job are enforced here.</param>
    public async Task<(AnalysisRequest? Request, string? Team, IResult? Problem)> ReadAsync(HttpRequest http, CancellationToken cancellationToken,
        Actors.Tenants.TenantLimits? limits = null)
    {
        var isJson = http.ContentType is not { } contentType || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase);
        if (!isJson && !UploadReader.Accepts(http.ContentType))
        {
            return (null, null, Problem.Create(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType,
                "Unsupported media type", $"Send the submission as application/json, or the data as {UploadReader.MediaTypesText}."));
        }

        if (limits?.MaxPayloadBytes is { } maxBytes && TenantPayloadLimit(http, maxBytes) is { } tooLarge)
        {
            return (null, null, tooLarge);
        }
        var tableLimits = _limits.ForTable(limits?.RecordsPerJob);
        if (!isJson)
        {
            var (upload, refused) = await uploads.ReadAsync(http, tableLimits, cancellationToken);
            return upload is null ? (null, null, refused) : Validate(upload.ToBody(), tableLimits, upload.Table);
        }

        // Encoding, depth and string lengths are checked on the raw bytes, before a document is built.
        var (utf8, invalid) = await JsonBody.ReadAsync(http, _limits, cancellationToken, "csv");
        if (invalid is not null)
        {
            return (null, null, invalid);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = _limits.MaxJsonDepth + 1 });
        }
        catch (JsonException ex)
        {
            return (null, null, JsonBody.InvalidJson(ex));
        }

        using (document)
        {
            return Validate(document.RootElement, tableLimits);
        }
    }

    /// <summary>A submission body that arrived inside another request (a conversation's <c>analysis</c>), validated the same way.</summary>
    public (AnalysisRequest? Request, string? Team, IResult? Problem) Read(JsonElement body, Actors.Tenants.TenantLimits? limits) =>
        Validate(body, _limits.ForTable(limits?.RecordsPerJob));

    /// <summary>
    /// Lowers the body size limit to the tenant's (Kestrel then stops reading past it, whatever the
    /// framing); a declared length above it is refused before reading.
    /// </summary>
    internal static IResult? TenantPayloadLimit(HttpRequest http, long maxBytes)
    {
        if (http.ContentLength > maxBytes)
        {
            return Problem.Create(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge, "Payload too large",
                $"The request body is larger than this tenant's limit of {maxBytes} bytes.");
        }
        var feature = http.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false } && (feature.MaxRequestBodySize is null || feature.MaxRequestBodySize > maxBytes))
        {
            feature.MaxRequestBodySize = maxBytes;
        }
        return null;
    }

    /// <param name="parsed">The data's table when an upload reader has already read it within <paramref name="tableLimits"/>.</param>
    private (AnalysisRequest? Request, string? Team, IResult? Problem) Validate(JsonElement body, TableLimits tableLimits, DataTable? parsed = null)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, null, Problem.Validation("The body must be a JSON object.", new Dictionary<string, string[]> { [""] = ["Expected an object."] }));
        }

        var errors = new Dictionary<string, string[]>();
        foreach (var property in body.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name))
            {
                errors[property.Name] = [$"Unknown field. Known fields: {string.Join(", ", KnownFields)}."];
            }
        }

        var type = ReadString(body, "type", errors, required: true);
        if (type is not null && !catalog.TryGet(type, out _))
        {
            var supported = string.Join(", ", catalog.SupportedTypes.Order(StringComparer.Ordinal));
            var detail = $"Unknown analysis type '{type}'. Supported types: {supported}.";
            return (null, null, Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.UnsupportedType, "Unsupported analysis type", detail,
                new Dictionary<string, object?> { ["supported_types"] = catalog.SupportedTypes.Order(StringComparer.Ordinal).ToArray() }));
        }

        string? recordsJson = null;
        if (body.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null)
        {
            if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("records", out var records))
            {
                errors["data"] = ["Expected an object with a 'records' array: {\"records\": [{...}, ...]}."];
            }
            else if (records.ValueKind != JsonValueKind.Array)
            {
                errors["data.records"] = ["Expected an array of flat objects."];
            }
            else
            {
                recordsJson = records.GetRawText();
            }
        }
        var csv = ReadString(body, "csv", errors, required: false);
        if (recordsJson is null && csv is null && !errors.ContainsKey("data") && !errors.ContainsKey("data.records"))
        {
            errors["data"] = ["Give the data as data.records (an array of objects) or csv (text with a header row)."];
        }
        else if (recordsJson is not null && csv is not null)
        {
            errors["csv"] = ["Give data.records or csv, not both."];
        }

        var question = ReadString(body, "question", errors, required: false);
        if (question is { Length: > MaxQuestionLength })
        {
            errors["question"] = [$"At most {MaxQuestionLength} characters."];
        }

        var options = ReadOptions(body, errors);

        var priority = JobPriority.Normal;
        var priorityText = ReadString(body, "priority", errors, required: false);
        if (priorityText is not null && !JobPriorityExtensions.TryParseWire(priorityText, out priority))
        {
            errors["priority"] = ["One of: high, normal, low."];
        }

        var team = ReadString(body, "team", errors, required: false);
        if (team is not null && !Actors.Teams.TeamValidator.IsAgentName(team))
        {
            errors["team"] = ["A team name: 1 to 64 characters of a-z, 0-9 and _."];
        }

        var callbackUrl = ReadString(body, "callback_url", errors, required: false);
        if (callbackUrl is not null && (!Uri.TryCreate(callbackUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            errors["callback_url"] = ["An absolute http or https URL."];
        }

        if (errors.Count > 0)
        {
            return (null, null, Problem.Validation("Some fields are missing or not valid; see errors.", errors));
        }

        var request = new AnalysisRequest(type!, recordsJson, csv, question, options, priority, callbackUrl, "");
        if (parsed is null)
        {
            try
            {
                // Parsed only to be refused now if it is bad; the job parses it again when it runs.
                AnalysisCatalog.ReadInput(type!, recordsJson, csv, question, options, tableLimits);
            }
            catch (DataFormatException ex)
            {
                return (null, null, DataProblem.From(ex, _limits));
            }
        }
        return (request with { Fingerprint = Fingerprint(request, team) }, team, null);
    }

    private static string? ReadString(JsonElement body, string name, Dictionary<string, string[]> errors, bool required)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors[name] = ["Required."];
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors[name] = ["Expected a string."];
            return null;
        }
        return value.GetString();
    }

    private static Dictionary<string, string> ReadOptions(JsonElement body, Dictionary<string, string[]> errors)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!body.TryGetProperty("options", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return options;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors["options"] = ["Expected an object of option names to strings, numbers or booleans."];
            return options;
        }
        foreach (var option in value.EnumerateObject())
        {
            switch (option.Value.ValueKind)
            {
                case JsonValueKind.String:
                    options[option.Name] = option.Value.GetString()!;
                    break;
                case JsonValueKind.Number:
                case JsonValueKind.True:
                case JsonValueKind.False:
                    options[option.Name] = option.Value.GetRawText();
                    break;
                default:
                    errors[$"options.{option.Name}"] = ["Expected a string, number or boolean."];
                    break;
            }
        }
        if (options.Count > MaxOptions)
        {
            errors["options"] = [$"At most {MaxOptions} options."];
        }
        return options;
    }

    /// <summary>A hash of the request's meaning (not its formatting) that tells a retry from a different request.</summary>
    private static string Fingerprint(AnalysisRequest request, string? team)
    {
        var canonical = new StringBuilder()
            .Append(request.Type).Append('\0')
            .Append(request.RecordsJson is null ? "" : Canonical(request.RecordsJson)).Append('\0')
            .Append(request.Csv).Append('\0')
            .Append(request.Question).Append('\0')
            .AppendJoin('\u0001', request.Options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}")).Append('\0')
            .Append(request.Priority.ToWire()).Append('\0')
            .Append(request.CallbackUrl).Append('\0')
            .Append(team);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    private static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }
}
