using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics;
using Actors.Analytics.Optimization;

namespace Actors.Analyses.Optimization;

/// <summary>
/// The columns an optimization review settled on, decided once in the <c>roles</c> step so every later
/// step (and a resumed job) uses the same ones. Output shape:
/// <code>
/// { "category_field", "value_field", "step_field", "step_basis": "activity"|"category",
///   "case_field", "wait_field", "volume_field", "money_fields": [] }
/// </code>
/// </summary>
internal sealed record ReviewFields(
    string Category,
    string Value,
    string Step,
    bool StepIsActivity,
    string? Case,
    string? Wait,
    string? Volume,
    IReadOnlyList<string> Money)
{
    /// <summary>Names the wait/duration column for automation candidates; not one of the shared role options.</summary>
    public const string DurationOption = "duration_field";

    /// <summary>At most this many money columns get per-unit ratios, to keep the report readable.</summary>
    public const int MaxMoneyFields = 3;

    /// <summary>
    /// Category: <c>category_field</c>, else <c>activity_field</c>, else the detected category, else the
    /// detected activity. Value: the first <c>value_field</c>, else the detected value columns preferring
    /// revenue, then cost, volume, duration, other and per-unit prices last (a total of prices means little).
    /// </summary>
    public static ReviewFields Settle(DataTable table, TableProfile profile, IReadOnlyDictionary<string, string> options)
    {
        var roles = FieldRoleDetector.Detect(table, profile, options);
        var category = Given(options, "category_field") ? roles.Category
            : Given(options, "activity_field") ? roles.Activity
            : roles.Category ?? roles.Activity ?? roles.Resource;

        string? value;
        if (Given(options, "value_field"))
        {
            value = roles.Values.FirstOrDefault();
            if (value is not null && profile[value].Type is var type && type != ColumnType.Numeric)
            {
                throw new DataFormatException($"options.value_field names '{value}', which is {type.ToName()}, not numeric: optimization_review totals a numeric value per category.");
            }
        }
        else
        {
            value = roles.Values
                .Where(v => v != category)
                .OrderBy(v => Preference(MeasureNames.Classify(v)))
                .FirstOrDefault();
        }

        if (category is null || value is null)
        {
            throw Missing(table, category is null, value is null);
        }
        if (category == value)
        {
            throw new DataFormatException($"options.category_field and options.value_field both name '{category}'; the category to group by and the value to total must be different columns.");
        }

        var numeric = profile.Columns
            .Where(c => c.Type == ColumnType.Numeric && c.Name != category && c.Name != roles.Time && c.Name != roles.EndTime && c.Name != roles.Case)
            .Select(c => (c.Name, Kind: MeasureNames.Classify(c.Name)))
            .ToArray();
        string? First(MeasureKind kind) => numeric.Where(c => c.Kind == kind).Select(c => c.Name).FirstOrDefault();
        var wait = DurationField(table, profile, options) ?? First(MeasureKind.Duration) ?? First(MeasureKind.Cost);
        var volume = First(MeasureKind.Volume);
        var money = volume is null
            ? []
            : numeric.Where(c => c.Kind is MeasureKind.Cost or MeasureKind.Revenue or MeasureKind.Price).Select(c => c.Name).Take(MaxMoneyFields).ToArray();

        return new ReviewFields(category, value, roles.Activity ?? category, roles.Activity is not null, roles.Case, wait, volume, money);
    }

    private static int Preference(MeasureKind kind) => kind switch
    {
        MeasureKind.Revenue => 0,
        MeasureKind.Cost => 1,
        MeasureKind.Volume => 2,
        MeasureKind.Duration => 3,
        MeasureKind.Other => 4,
        _ => 5,
    };

    private static bool Given(IReadOnlyDictionary<string, string> options, string option) =>
        options.TryGetValue(option, out var name) && !string.IsNullOrWhiteSpace(name);

    private static string? DurationField(DataTable table, TableProfile profile, IReadOnlyDictionary<string, string> options)
    {
        if (!options.TryGetValue(DurationOption, out var name) || string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        name = name.Trim();
        if (table.IndexOf(name) < 0)
        {
            throw new DataFormatException($"options.{DurationOption} names '{name}', which is not a column. Columns: {string.Join(", ", table.Columns)}.");
        }
        return profile[name].Type == ColumnType.Numeric
            ? name
            : throw new DataFormatException($"options.{DurationOption} names '{name}', which is not numeric.");
    }

    private static DataFormatException Missing(DataTable table, bool noCategory, bool noValue)
    {
        var what = (noCategory, noValue) switch
        {
            (true, true) => "no categorical column and no numeric value column were found. Name them with options.category_field and options.value_field",
            (true, false) => "no categorical column was found. Name one with options.category_field (or options.activity_field)",
            _ => "no numeric value column was found. Name one with options.value_field",
        };
        return new DataFormatException(
            $"optimization_review needs a category to group by and a numeric value to total, but {what}. Columns: {string.Join(", ", table.Columns)}.");
    }

    public JsonObject ToJson() => new()
    {
        ["category_field"] = Category,
        ["value_field"] = Value,
        ["step_field"] = Step,
        ["step_basis"] = StepIsActivity ? "activity" : "category",
        ["case_field"] = Case,
        ["wait_field"] = Wait,
        ["volume_field"] = Volume,
        ["money_fields"] = new JsonArray([.. Money.Select(m => (JsonNode)JsonValue.Create(m))]),
    };

    public static ReviewFields Read(JsonNode? node)
    {
        var json = JsonValues.Object(node, "roles");
        return new ReviewFields(
            JsonValues.String(json["category_field"], "roles.category_field"),
            JsonValues.String(json["value_field"], "roles.value_field"),
            JsonValues.String(json["step_field"], "roles.step_field"),
            JsonValues.String(json["step_basis"], "roles.step_basis") == "activity",
            OptionalString(json["case_field"], "roles.case_field"),
            OptionalString(json["wait_field"], "roles.wait_field"),
            OptionalString(json["volume_field"], "roles.volume_field"),
            [.. JsonValues.Array(json["money_fields"], "roles.money_fields").Select(m => JsonValues.String(m, "roles.money_fields[]"))]);
    }

    private static string? OptionalString(JsonNode? node, string path) => node is null ? null : JsonValues.String(node, path);
}
