using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Client;

/// <summary>The API's JSON conventions: snake_case members and snake_case enum values.</summary>
internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new WireEnumConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>
/// Enums travel as their snake_case names. A value this version of the client does not know reads as
/// the enum's <c>Unknown</c> member (when it has one) instead of failing, so a newer server that adds
/// an event kind or a status does not break older clients.
/// </summary>
internal sealed class WireEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(WireEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class WireEnumConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByName = Enum.GetValues<T>()
            .ToDictionary(v => WireName(v), v => v, StringComparer.Ordinal);

        private static readonly bool HasUnknown = Enum.TryParse<T>("Unknown", out _);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var name = reader.GetString();
            if (name is not null && ByName.TryGetValue(name, out var value))
            {
                return value;
            }
            if (HasUnknown)
            {
                return Enum.Parse<T>("Unknown");
            }
            throw new JsonException($"'{name}' is not a {typeof(T).Name}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(WireName(value));

        private static string WireName(T value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
    }
}
