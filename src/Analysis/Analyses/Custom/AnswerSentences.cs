using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;

namespace Actors.Analyses.Custom;

/// <summary>
/// Puts an answer into words. Reads only the answer's stored figures and prints them with
/// <see cref="Figures"/>, so every number in the text is in the metrics; labels and column names are quoted.
/// </summary>
internal static class AnswerSentences
{
    /// <summary>Groups named in one sentence; the rest are in metrics.</summary>
    public const int GroupsInText = 5;

    public static (string Title, string Sentence) Describe(JsonObject answer)
    {
        var intent = Text(answer, "intent");
        var columns = JsonValues.Array(answer["columns"], "answers[].columns").Select(c => JsonValues.String(c, "answers[].columns[]")).ToArray();
        var aggregate = answer["aggregate"] is { } a ? JsonValues.String(a, "answers[].aggregate") : null;
        var groupBy = answer["group_by"] is { } g ? JsonValues.String(g, "answers[].group_by") : null;
        var measure = columns.FirstOrDefault(c => c != groupBy);
        return intent switch
        {
            "overview" => ("Data overview", Overview(answer, "The data has")),
            "max" or "min" when groupBy is not null => GroupExtreme(answer, intent == "max", measure, groupBy, aggregate!),
            "max" or "min" => (
                $"{(intent == "max" ? "Highest" : "Lowest")} '{measure}'",
                $"The {(intent == "max" ? "highest" : "lowest")} '{measure}' is {Number(answer, "value")}, at row index {Number(answer, "row")}."),
            "count" when aggregate == "rows" => ("Row count", $"The data has {Figures.Plural(Int(answer, "value"), "row", "rows")}."),
            "count" when aggregate == "distinct" => ($"Distinct values of '{measure}'", $"'{measure}' has {Figures.Plural(Int(answer, "value"), "distinct value", "distinct values")}."),
            "mean" or "median" or "sum" or "count" when groupBy is not null => Grouped(answer, measure, groupBy, aggregate!),
            "mean" or "median" or "sum" or "count" => (
                $"{Capital(Word(aggregate!))} of '{measure}'",
                $"The {Word(aggregate!)} of '{measure}' is {Number(answer, "value")} over {Figures.Plural(Int(answer, "n"), "value", "values")}."),
            "trend" => Trend(answer, measure!),
            "correlation" => Correlation(answer, columns),
            "top" => Top(answer, measure, groupBy!, aggregate!),
            "missing" => ("Missing values", Missing(answer)),
            "outliers" => ("Outliers", OutlierText(answer)),
            _ => (intent, $"The '{intent}' part was answered; see the metrics."),
        };
    }

    /// <summary>The table's size and completeness from the profile figures in metrics.</summary>
    public static string Overview(JsonObject json, string opening)
    {
        var rows = Int(json, "rows");
        var columns = Int(json, "column_count");
        return $"{opening} {Figures.Plural(rows, "row", "rows")} and {Figures.Plural(columns, "column", "columns")} "
            + $"({Number(json, "numeric_columns")} numeric); {Number(json, "complete_row_pct")}% of rows are complete.";
    }

    private static (string, string) Grouped(JsonObject answer, string? measure, string groupBy, string aggregate)
    {
        var what = aggregate == "count" ? "Rows" : $"{Capital(Word(aggregate))} of '{measure}'";
        var list = GroupList(answer, parenthesised: false);
        var count = Int(answer, "group_count");
        var all = count > GroupsInText ? $" ({Figures.Format(count)} '{groupBy}' values in all)" : "";
        return ($"{what} by '{groupBy}'", $"{what} by '{groupBy}': {list}{all}.");
    }

    private static (string, string) GroupExtreme(JsonObject answer, bool highest, string? measure, string groupBy, string aggregate)
    {
        var category = Text(answer, "category");
        var of = $"of the {Figures.Format(Int(answer, "group_count"))} '{groupBy}' values";
        if (aggregate == "count")
        {
            var most = highest ? "most" : "fewest";
            return ($"'{groupBy}' with the {most} rows", $"'{category}' has the {most} rows ({Number(answer, "value")}) {of}.");
        }
        var extreme = highest ? "highest" : "lowest";
        var what = $"{Word(aggregate)} '{measure}'";
        return ($"'{groupBy}' with the {extreme} {what}", $"'{category}' has the {extreme} {what} ({Number(answer, "value")}) {of}.");
    }

    private static (string, string) Top(JsonObject answer, string? measure, string groupBy, string aggregate)
    {
        var n = Int(answer, "top_n");
        var count = Int(answer, "group_count");
        var side = Text(answer, "order") == "asc" ? "bottom" : "top";
        var by = aggregate == "count" ? "row count" : $"{Word(aggregate)} '{measure}'";
        var list = GroupList(answer, parenthesised: true);
        var sentence = count <= n
            ? $"All {Figures.Format(count)} '{groupBy}' values ranked by {by} ({side} first): {list}."
            : $"The {side} {Figures.Format(n)} of {Figures.Format(count)} '{groupBy}' values by {by} are {list}.";
        return ($"{Capital(side)} {Figures.Format(n)} '{groupBy}' by {by}", sentence);
    }

    private static (string, string) Trend(JsonObject answer, string measure)
    {
        var time = Text(answer, "time_field");
        var change = $"change {Number(answer, "change")}";
        if (answer["change_pct"] is not null)
        {
            change += $", {Number(answer, "change_pct")}%";
        }
        var direction = Text(answer, "direction") switch
        {
            "up" => "rising",
            "down" => "falling",
            _ => "flat",
        };
        return (
            $"Trend of '{measure}' over '{time}'",
            $"Summed per '{time}', '{measure}' went from {Number(answer, "first")} in '{Text(answer, "first_period")}' to {Number(answer, "last")} in '{Text(answer, "last_period")}' "
                + $"over {Figures.Format(Int(answer, "periods"))} periods ({change}); the linear trend is {direction} at {Number(answer, "slope_per_period")} per period.");
    }

    private static (string, string) Correlation(JsonObject answer, string[] columns)
    {
        var (a, b) = (columns[0], columns[1]);
        var strength = Text(answer, "strength");
        var evidence = $"(Pearson r {Number(answer, "pearson")} over {Figures.Plural(Int(answer, "n"), "row", "rows")})";
        var sentence = strength == "negligible"
            ? $"'{a}' and '{b}' show no meaningful linear correlation {evidence}."
            : $"'{a}' and '{b}' have a {strength} {Text(answer, "direction")} correlation {evidence}.";
        return ($"Correlation of '{a}' and '{b}'", sentence);
    }

    private static string Missing(JsonObject answer)
    {
        var total = Int(answer, "total_missing");
        var byColumn = JsonValues.Array(answer["by_column"], "answers[].by_column");
        if (total == 0)
        {
            return "No values are missing.";
        }
        var worst = JsonValues.Object(byColumn[0], "answers[].by_column[]");
        return $"{Figures.Plural(total, "value is", "values are")} missing; '{Text(worst, "column")}' has the most ({Number(worst, "missing")}, {Number(worst, "missing_pct")}% of rows).";
    }

    private static string OutlierText(JsonObject answer)
    {
        var total = Int(answer, "total");
        var byColumn = JsonValues.Array(answer["by_column"], "answers[].by_column");
        if (total == 0)
        {
            return "No values lie outside the interquartile fences.";
        }
        var worst = JsonValues.Object(byColumn[0], "answers[].by_column[]");
        return $"{Figures.Plural(total, "value lies", "values lie")} outside the interquartile fences; most are in '{Text(worst, "column")}' "
            + $"({Number(worst, "count")}, outside {Number(worst, "lower_fence")} to {Number(worst, "upper_fence")}).";
    }

    private static string GroupList(JsonObject answer, bool parenthesised)
    {
        var items = JsonValues.Array(answer["groups"], "answers[].groups")
            .Take(GroupsInText)
            .Select(g => JsonValues.Object(g, "answers[].groups[]"))
            .Select(g => parenthesised ? $"'{Text(g, "category")}' ({Number(g, "value")})" : $"'{Text(g, "category")}' {Number(g, "value")}")
            .ToArray();
        return items.Length <= 1 ? string.Concat(items) : $"{string.Join(", ", items[..^1])} and {items[^1]}";
    }

    private static string Word(string aggregate) => aggregate switch
    {
        "mean" => "average",
        "median" => "median",
        "count" => "row count",
        _ => "total",
    };

    private static string Capital(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    private static string Text(JsonObject json, string key) => JsonValues.String(json[key], $"answers[].{key}");

    private static int Int(JsonObject json, string key) => JsonValues.Int(json[key], $"answers[].{key}");

    private static string Number(JsonObject json, string key) => Figures.Format(JsonValues.Double(json[key], $"answers[].{key}"));
}
