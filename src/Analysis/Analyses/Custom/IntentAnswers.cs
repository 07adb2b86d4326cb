using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analyses.Optimization;
using Actors.Analytics;

namespace Actors.Analyses.Custom;

/// <summary>
/// Computes each recognised intent with the statistical tools. An answer is a JSON object starting
/// with <c>intent</c> and <c>columns</c>, then the figures (values rounded to four decimals,
/// percentages to two, Pearson r to four), or, when the data cannot answer it, a reason in words.
/// </summary>
internal sealed class IntentAnswers(DataTable table, TableProfile profile, JsonObject profileJson, CancellationToken cancellationToken)
{
    /// <summary>Groups listed per answer (largest first); <c>group_count</c> always counts them all.</summary>
    public const int MaxGroupsListed = 20;

    /// <summary>Trend points kept for the chart, the latest ones.</summary>
    public const int MaxSeriesPoints = 100;

    public const string ExplainReason = "explaining causes, predicting or advising needs an LLM provider";

    private IReadOnlyList<Correlation>? _correlations;
    private IReadOnlyList<ColumnOutliers>? _outliers;

    public (JsonObject? Answer, string? Reason) For(QuestionIntent intent)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return intent.Kind switch
        {
            IntentKind.Overview => (Overview(intent), null),
            IntentKind.Mean or IntentKind.Median or IntentKind.Sum => intent.GroupBy is null ? Scalar(intent) : Grouped(intent),
            IntentKind.Max or IntentKind.Min => intent.GroupBy is null ? Extreme(intent) : GroupExtreme(intent),
            IntentKind.Count => Count(intent),
            IntentKind.Trend => Trend(intent),
            IntentKind.Correlation => Correlate(intent),
            IntentKind.Top => Top(intent),
            IntentKind.Missing => (Missing(intent), null),
            IntentKind.Outliers => (OutlierCounts(intent), null),
            _ => (null, ExplainReason),
        };
    }

    private JsonObject Overview(QuestionIntent intent)
    {
        var json = Start(intent);
        foreach (var key in new[] { "rows", "column_count", "numeric_columns", "complete_row_pct" })
        {
            json[key] = profileJson[key]?.DeepClone();
        }
        return json;
    }

    private (JsonObject?, string?) Scalar(QuestionIntent intent)
    {
        if (Measure(intent, out var column, out var values) is { } reason)
        {
            return (null, reason);
        }
        var json = Start(intent);
        json["aggregate"] = intent.Aggregate;
        json["value"] = Rounded.ValueNode(Aggregate(values, intent.Aggregate));
        json["n"] = values.Count;
        return (json, null);
    }

    private (JsonObject?, string?) Grouped(QuestionIntent intent)
    {
        var measure = intent.Measures.FirstOrDefault();
        if (intent.Aggregate != "count" && (measure is null || profile[measure].Type != ColumnType.Numeric))
        {
            return (null, NoMeasure);
        }
        var groups = GroupValues(intent.GroupBy!, measure, intent.Aggregate!);
        if (groups.Count == 0)
        {
            return (null, $"no row has both '{intent.GroupBy}' and a number in '{measure}'");
        }
        var json = Start(intent);
        json["group_by"] = intent.GroupBy;
        json["aggregate"] = intent.Aggregate;
        json["group_count"] = groups.Count;
        json["groups"] = Groups(groups.OrderByDescending(g => g.Value).ThenBy(g => g.Label, StringComparer.Ordinal).Take(MaxGroupsListed));
        return (json, null);
    }

    private (JsonObject?, string?) Extreme(QuestionIntent intent)
    {
        if (Measure(intent, out var column, out var values) is { } reason)
        {
            return (null, reason);
        }
        var target = intent.Kind == IntentKind.Max ? values.Max() : values.Min();
        var cells = table.Column(column);
        var row = 0;
        while (!(cells[row].TryGetNumber(out var x) && x == target))
        {
            row++;
        }
        var json = Start(intent);
        json["value"] = Rounded.ValueNode(target);
        json["row"] = row;
        json["n"] = values.Count;
        return (json, null);
    }

    private (JsonObject?, string?) GroupExtreme(QuestionIntent intent)
    {
        var (grouped, reason) = Grouped(intent);
        if (grouped is null)
        {
            return (null, reason);
        }
        var groups = GroupValues(intent.GroupBy!, intent.Measures.FirstOrDefault(), intent.Aggregate!);
        // Decided on unrounded values; ties go to the first label.
        var best = (intent.Kind == IntentKind.Max ? groups.OrderByDescending(g => g.Value) : groups.OrderBy(g => g.Value))
            .ThenBy(g => g.Label, StringComparer.Ordinal)
            .First();
        var json = Start(intent);
        json["group_by"] = intent.GroupBy;
        json["aggregate"] = intent.Aggregate;
        json["category"] = best.Label;
        json["value"] = Rounded.ValueNode(best.Value);
        json["group_count"] = grouped["group_count"]?.DeepClone();
        json["groups"] = grouped["groups"]?.DeepClone();
        return (json, null);
    }

    private (JsonObject?, string?) Count(QuestionIntent intent)
    {
        switch (intent.Aggregate)
        {
            case "sum":
                return intent.GroupBy is null ? Scalar(intent) : Grouped(intent);
            case "count":
                return Grouped(intent);
            case "distinct":
                var json = Start(intent);
                json["aggregate"] = "distinct";
                json["value"] = profile[intent.Measures[0]].Distinct;
                return (json, null);
            default:
                var rows = Start(intent);
                rows["aggregate"] = "rows";
                rows["value"] = table.RowCount;
                return (rows, null);
        }
    }

    private (JsonObject?, string?) Trend(QuestionIntent intent)
    {
        if (intent.Time is null)
        {
            return (null, "no time column was found; name one with options.time_field");
        }
        if (Measure(intent, out var column, out _) is { } reason)
        {
            return (null, reason);
        }
        if (SeriesTrend.Of(table, column, intent.Time, cancellationToken) is not { } trend)
        {
            return (null, $"'{column}' has fewer than two time periods in '{intent.Time}'");
        }
        var first = trend.Periods[0];
        var last = trend.Periods[^1];
        var slope = Rounded.Value(trend.Slope);
        var json = Start(intent);
        json["aggregate"] = "sum";
        json["time_field"] = intent.Time;
        json["periods"] = trend.Periods.Count;
        json["first_period"] = first.Period;
        json["first"] = Rounded.ValueNode(first.Total);
        json["last_period"] = last.Period;
        json["last"] = Rounded.ValueNode(last.Total);
        json["change"] = Rounded.ValueNode(last.Total - first.Total);
        json["change_pct"] = first.Total == 0 ? null : Rounded.PercentNode(100 * (last.Total - first.Total) / Math.Abs(first.Total));
        json["slope_per_period"] = JsonNumbers.Number(slope);
        json["direction"] = slope > 0 ? "up" : slope < 0 ? "down" : "flat";
        json["series"] = new JsonArray([.. trend.Periods.TakeLast(MaxSeriesPoints).Select(p => (JsonNode)new JsonObject
        {
            ["period"] = p.Period,
            ["value"] = Rounded.ValueNode(p.Total),
        })]);
        return (json, null);
    }

    private (JsonObject?, string?) Correlate(QuestionIntent intent)
    {
        _correlations ??= Correlations.Pearson(table, profile, cancellationToken);
        var measures = intent.Measures;
        var candidates = measures.Count switch
        {
            0 => _correlations,
            1 => _correlations.Where(c => c.A == measures[0] || c.B == measures[0]).ToArray(),
            _ => _correlations.Where(c => (c.A == measures[0] && c.B == measures[1]) || (c.A == measures[1] && c.B == measures[0])).ToArray(),
        };
        // Strongest first; among equals, the first pair in column order.
        var pair = candidates.OrderByDescending(c => Math.Abs(c.Pearson)).FirstOrDefault();
        if (pair is null)
        {
            return (null, measures.Count switch
            {
                0 => "no pair of numeric columns has enough varying rows to correlate",
                1 => $"'{measures[0]}' has no numeric partner with enough varying rows to correlate",
                _ => $"'{measures[0]}' and '{measures[1]}' share too few rows, or one of them does not vary",
            });
        }
        var (a, b) = measures.Count >= 1 && pair.B == measures[0] ? (pair.B, pair.A) : (pair.A, pair.B);
        var r = Math.Round(pair.Pearson, 4, MidpointRounding.AwayFromZero);
        var strength = Math.Abs(r) switch
        {
            >= 0.7 => "strong",
            >= 0.4 => "moderate",
            >= 0.2 => "weak",
            _ => "negligible",
        };
        return (new JsonObject
        {
            ["intent"] = intent.Kind.ToName(),
            ["columns"] = new JsonArray(a, b),
            ["pearson"] = r == 0 ? 0 : r,
            ["n"] = pair.N,
            ["strength"] = strength,
            ["direction"] = r > 0 ? "positive" : r < 0 ? "negative" : "none",
        }, null);
    }

    private (JsonObject?, string?) Top(QuestionIntent intent)
    {
        if (intent.GroupBy is null)
        {
            return (null, "there is no label column to rank; name one in the question or with options.category_field");
        }
        var (grouped, reason) = Grouped(intent);
        if (grouped is null)
        {
            return (null, reason);
        }
        var groups = GroupValues(intent.GroupBy, intent.Measures.FirstOrDefault(), intent.Aggregate!);
        var ordered = intent.Ascending ? groups.OrderBy(g => g.Value) : groups.OrderByDescending(g => g.Value);
        var json = Start(intent);
        json["group_by"] = intent.GroupBy;
        json["aggregate"] = intent.Aggregate;
        json["top_n"] = intent.TopN;
        json["order"] = intent.Ascending ? "asc" : "desc";
        json["group_count"] = groups.Count;
        json["groups"] = Groups(ordered.ThenBy(g => g.Label, StringComparer.Ordinal).Take(intent.TopN ?? QuestionReader.DefaultTopN));
        return (json, null);
    }

    private JsonObject Missing(QuestionIntent intent)
    {
        var named = intent.Measures.Count > 0;
        var columns = named ? intent.Measures.Select(c => profile[c]).ToArray() : [.. profile.Columns];
        var listed = (named ? columns : columns.Where(c => c.Missing > 0))
            .OrderByDescending(c => c.Missing)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(MaxGroupsListed);
        var json = Start(intent);
        json["total_missing"] = columns.Sum(c => c.Missing);
        json["by_column"] = new JsonArray([.. listed.Select(c => (JsonNode)new JsonObject
        {
            ["column"] = c.Name,
            ["missing"] = c.Missing,
            ["missing_pct"] = Percent.Of(c.Missing, profile.Rows),
        })]);
        return json;
    }

    private JsonObject OutlierCounts(QuestionIntent intent)
    {
        _outliers ??= Outliers.Detect(table, profile, cancellationToken);
        var considered = _outliers.Where(o => intent.Measures.Count == 0 || intent.Measures.Contains(o.Column)).ToArray();
        var json = Start(intent);
        json["total"] = considered.Sum(o => o.Count);
        json["by_column"] = new JsonArray([.. considered
            .Where(o => o.Count > 0)
            .OrderByDescending(o => o.Count)
            .ThenBy(o => o.Column, StringComparer.Ordinal)
            .Take(MaxGroupsListed)
            .Select(o => (JsonNode)new JsonObject
            {
                ["column"] = o.Column,
                ["count"] = o.Count,
                ["lower_fence"] = Rounded.ValueNode(o.LowerFence),
                ["upper_fence"] = Rounded.ValueNode(o.UpperFence),
            })]);
        return json;
    }

    private string NoMeasure =>
        $"the question names no numeric column; numeric columns: {string.Join(", ", profile.Columns.Where(c => c.Type == ColumnType.Numeric).Select(c => $"'{c.Name}'"))}";

    /// <summary>The intent's numeric column and its numbers, or why there are none.</summary>
    private string? Measure(QuestionIntent intent, out string column, out List<double> values)
    {
        column = intent.Measures.FirstOrDefault() ?? "";
        values = [];
        if (column.Length == 0 || profile[column].Type != ColumnType.Numeric)
        {
            return NoMeasure;
        }
        foreach (var cell in table.Column(column))
        {
            if (cell.TryGetNumber(out var x))
            {
                values.Add(x);
            }
        }
        return values.Count == 0 ? $"'{column}' holds no numbers" : null;
    }

    private List<(string Label, double Value)> GroupValues(string groupBy, string? measure, string aggregate)
    {
        var labels = table.Column(groupBy);
        var numbers = measure is null ? default : table.Column(measure);
        var groups = new Dictionary<string, (int Rows, List<double> Values)>(StringComparer.Ordinal);
        for (var r = 0; r < labels.Length; r++)
        {
            if (labels[r].IsMissing)
            {
                continue;
            }
            var key = labels[r].ToString();
            if (!groups.TryGetValue(key, out var group))
            {
                group = (0, []);
            }
            if (measure is not null && numbers[r].TryGetNumber(out var x))
            {
                group.Values.Add(x);
            }
            groups[key] = (group.Rows + 1, group.Values);
        }
        return aggregate == "count"
            ? [.. groups.Select(g => (g.Key, (double)g.Value.Rows))]
            : [.. groups.Where(g => g.Value.Values.Count > 0).Select(g => (g.Key, Aggregate(g.Value.Values, aggregate)))];
    }

    // A mean or a median where asked for; every other intent adds its numbers up.
    private static double Aggregate(List<double> values, string? aggregate) =>
        Aggregation.Of(aggregate is Aggregation.Mean or Aggregation.Median ? aggregate : Aggregation.Sum, values);

    private static JsonArray Groups(IEnumerable<(string Label, double Value)> groups) =>
        new([.. groups.Select(g => (JsonNode)new JsonObject { ["category"] = g.Label, ["value"] = Rounded.ValueNode(g.Value) })]);

    private static JsonObject Start(QuestionIntent intent) => new()
    {
        ["intent"] = intent.Kind.ToName(),
        ["columns"] = new JsonArray([.. intent.Columns.Select(c => (JsonNode)JsonValue.Create(c))]),
    };
}
