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
/// The data is parsed here too, so bad data is refused at submit rather than failing the job later.
/// </summary>
public sealed class SubmissionReader(AnalysisCatalog catalog, IOptions<InputLimits> inputLimits)
{
    private readonly InputLimits _limits = inputLimits.Value;

    private static readonly HashSet<string> KnownFields = ["type", "data", "csv", "question", "options", "priority", "callback_url", "team"];
    private const int MaxQuestionLength = 4_000;
    private const int MaxOptions = 50;

    /// <param name="limits">The tenant's effective limits: its payload size and records per job are enforced here.</param>
    public async Task<(AnalysisRequest? Request, string? Team, IResult? Problem)> ReadAsync(HttpRequest http, CancellationToken cancellationToken,
        Actors.Tenants.TenantLimits? limits = null)
    {
        if (http.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !contentType.Contains("+json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, Problem.Create(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType,
                "Unsupported media type", "Send the submission as application/json."));
        }

        if (limits?.MaxPayloadBytes is { } maxBytes && TenantPayloadLimit(http, maxBytes) is { } tooLarge)
        {
            return (null, null, tooLarge);
        }

        // Encoding, depth and string lengths are checked on the raw bytes, before a document is built.
        var (utf8, refused) = await JsonBody.ReadAsync(http, _limits, cancellationToken, "csv");
        if (refused is not null)
        {
            return (null, null, refused);
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
            return Validate(document.RootElement, limits?.RecordsPerJob);
        }
    }

    /// <summary>A submission body that arrived inside another request (a conversation's <c>analysis</c>), validated the same way.</summary>
    public (AnalysisRequest? Request, string? Team, IResult? Problem) Read(JsonElement body, Actors.Tenants.TenantLimits? limits) =>
        Validate(body, limits?.RecordsPerJob);

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

    private (AnalysisRequest? Request, string? Team, IResult? Problem) Validate(JsonElement body, int? maxRecords)
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
            else if (records.GetArrayLength() > _limits.MaxRecords)
            {
                return (null, null, TooManyRecords(records.GetArrayLength()));
            }
            else if (DistinctFields(records, _limits.ColumnLimit) > _limits.ColumnLimit)
            {
                return (null, null, TooManyColumns());
            }
            else
            {
                recordsJson = records.GetRawText();
            }
        }
        var csv = ReadString(body, "csv", errors, required: false);
        if (csv is not null && CsvHeader.CountFields(csv) > _limits.ColumnLimit)
        {
            return (null, null, TooManyColumns());
        }
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
        try
        {
            var input = AnalysisCatalog.ReadInput(type!, recordsJson, csv, question, options);
            if (input.Table.RowCount > _limits.MaxRecords)
            {
                return (null, null, TooManyRecords(input.Table.RowCount));
            }
            if (maxRecords is { } max && input.Table.RowCount > max)
            {
                return (null, null, Problem.Create(StatusCodes.Status413PayloadTooLarge, ProblemCodes.QuotaRecordsPerJob, "Too many records",
                    $"The data has {input.Table.RowCount} records; this tenant's jobs may have at most {max}.",
                    new Dictionary<string, object?> { ["quota"] = "records_per_job", ["limit"] = max, ["records"] = input.Table.RowCount }));
            }
        }
        catch (DataFormatException ex)
        {
            return (null, null, Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidData, "The data cannot be analysed", ex.Message));
        }
        return (request with { Fingerprint = Fingerprint(request, team) }, team, null);
    }

    private IResult TooManyRecords(int count) =>
        Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.TooManyRecords, "Too many records",
            $"The data has {count} records; at most {_limits.MaxRecords} are accepted.", new Dictionary<string, object?> { ["limit"] = _limits.MaxRecords });

    private IResult TooManyColumns() =>
        Problem.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.TooManyColumns, "Too many columns",
            $"The data has more than {_limits.ColumnLimit} columns.", new Dictionary<string, object?> { ["limit"] = _limits.ColumnLimit });

    /// <summary>Distinct field names over all records, counting no further than one past <paramref name="limit"/>.</summary>
    private static int DistinctFields(JsonElement records, int limit)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records.EnumerateArray())
        {
            if (record.ValueKind != JsonValueKind.Object)
            {
                continue; // The table reader names the bad row.
            }
            foreach (var field in record.EnumerateObject())
            {
                if (names.Add(field.Name) && names.Count > limit)
                {
                    return names.Count;
                }
            }
        }
        return names.Count;
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
