using System.Text.RegularExpressions;
using Actors.Analytics;
using Actors.Analytics.Optimization;

namespace Actors.Analyses.Custom;

/// <summary>
/// Reads a free-form question with rules, no language model.
/// <list type="number">
/// <item>Columns: each column name is found in the question case-insensitively as whole words, with
/// spaces, underscores or dashes between its words and an optional plural "s" ("unit price" finds
/// <c>unit_price</c>); longer names first, so <c>unit_price</c> is not also read as <c>price</c>.
/// A column whose name is a common word (e.g. "a") must be quoted. Numeric columns are measures;
/// datetime columns (and the detected time field) are time axes; other columns are groups. A numeric
/// column after "by"/"per"/"each" is a group too when another numeric column is the measure
/// ("revenue by year").</item>
/// <item>Intents: keywords (see the patterns below) in what remains; "top 3" / "bottom five" rank groups.</item>
/// <item>Binding: an aggregate word takes the numeric columns named after it, up to the next aggregate
/// word ("the lowest price and the highest units"), else every numeric column named.</item>
/// <item>Combination: a group with a ranking word ("which region has the highest revenue") ranks group
/// totals (or averages/medians when the question says so), absorbing the separate total/average;
/// "how many" counts rows, distinct labels ("how many regions") or rows per group ("how many rows per
/// region"), and sums a numeric column ("how many units"). Without a named numeric column, a table with
/// a single value column uses it.</item>
/// <item>Whatever words are left, minus common words, are reported as not understood.</item>
/// </list>
/// </summary>
internal static partial class QuestionReader
{
    public const int DefaultTopN = 5;
    public const int MaxCorrelationPairs = 3;

    private static readonly HashSet<string> GroupingWords = ["by", "per", "each", "every", "across", "which", "what", "among"];
    private static readonly HashSet<string> NumericGroupingWords = ["by", "per", "each", "every", "across"];

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5,
        ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10,
    };

    /// <summary>Words that carry no meaning of their own for these rules (articles, question words, verbs of asking, "data").</summary>
    private static readonly HashSet<string> CommonWords =
    [
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done",
        "has", "have", "had", "having", "what", "whats", "which", "who", "whom", "whose", "when", "where", "how",
        "much", "many", "of", "in", "on", "at", "for", "by", "per", "each", "every", "across", "to", "from", "with",
        "within", "between", "among", "and", "or", "vs", "versus", "than", "then", "there", "their", "its", "it",
        "this", "that", "these", "those", "me", "my", "we", "our", "us", "you", "your", "i", "s", "t", "show",
        "give", "tell", "list", "find", "get", "compute", "calculate", "display", "report", "please", "can",
        "could", "would", "let", "see", "know", "look", "value", "values", "column", "columns", "field", "fields",
        "row", "rows", "record", "records", "entry", "entries", "data", "dataset", "table", "sheet", "file", "all",
        "any", "some", "overall", "over", "so", "if", "as", "about", "into", "category", "categories", "group",
        "groups", "number", "numbers", "figure", "figures", "stats", "statistics", "statistic", "metric", "metrics",
        "sold", "sell", "sells", "made", "make", "earned", "generated", "recorded", "happened", "occur", "occurs",
        "occurred", "common", "frequent", "often", "here", "time", "times", "period", "periods", "whole", "entire",
        "level", "levels", "amount", "amounts", "up", "down", "out", "us", "one", "ones", "most", "least", "not",
        "no", "yes", "just", "only", "also", "other", "others", "them", "they", "he", "she", "his", "her",
        "kind", "type", "types", "item", "items", "set",
    ];

    private enum Role
    {
        Measure,
        Group,
        Time,
    }

    private sealed record Mention(string Column, Role Role, int Index, bool Grouping);

    private sealed record Cue(IntentKind Kind, int Index, int? TopN = null, bool Ascending = false, bool Distinct = false);

    public static QuestionReading Read(string? question, TableProfile profile, FieldRoles roles)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(roles);
        var trimmed = question?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return new QuestionReading("", [], []);
        }
        // ToLowerInvariant maps char by char, so positions in text and in the masked copy agree.
        var text = trimmed.ToLowerInvariant();
        var masked = text.ToCharArray();
        var mentions = FindColumns(text, masked, profile, roles);
        var cues = FindCues(masked);
        var leftover = Words(new string(masked)).Where(w => !CommonWords.Contains(w)).Distinct(StringComparer.Ordinal).ToArray();
        return new QuestionReading(trimmed, Build(cues, mentions, roles), leftover);
    }

    private static List<Mention> FindColumns(string text, char[] masked, TableProfile profile, FieldRoles roles)
    {
        var found = new List<(ColumnProfile Column, int Index, string Previous)>();
        foreach (var column in profile.Columns.OrderByDescending(c => c.Name.Length).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            if (ColumnPattern(column.Name) is not { } pattern)
            {
                continue;
            }
            foreach (Match match in pattern.Matches(new string(masked)))
            {
                found.Add((column, match.Index, PreviousWord(text, match.Index)));
                Array.Fill(masked, ' ', match.Index, match.Length);
            }
        }
        found.Sort((a, b) => a.Index.CompareTo(b.Index));

        var mentions = found.Select(f => new Mention(
            f.Column.Name,
            f.Column.Type == ColumnType.Datetime || f.Column.Name == roles.Time ? Role.Time
                : f.Column.Type == ColumnType.Numeric ? Role.Measure
                : Role.Group,
            f.Index,
            GroupingWords.Contains(f.Previous))).ToList();

        // "revenue by year": a numeric column after by/per is the grouping when another numeric column
        // is the measure and no label column was named; alone ("top regions by revenue") it stays the measure.
        var numericGroups = found.Where(f => f.Column.Type == ColumnType.Numeric && NumericGroupingWords.Contains(f.Previous) && f.Column.Name != roles.Time)
            .Select(f => f.Column.Name).ToHashSet(StringComparer.Ordinal);
        var otherMeasures = mentions.Any(m => m.Role == Role.Measure && !numericGroups.Contains(m.Column));
        if (numericGroups.Count > 0 && otherMeasures && !mentions.Any(m => m.Role == Role.Group))
        {
            mentions = [.. mentions.Select(m => numericGroups.Contains(m.Column) ? m with { Role = Role.Group, Grouping = true } : m)];
        }
        return mentions;
    }

    private static Regex? ColumnPattern(string column)
    {
        var words = MeasureNames.Words(column);
        if (words.Count == 0)
        {
            return null;
        }
        var parts = words.Select(Regex.Escape).ToArray();
        var last = words[^1];
        // "units" also matches "unit"; any name also matches a plural.
        parts[^1] = last.Length > 3 && last.EndsWith('s') ? Regex.Escape(last[..^1]) + "s?" : parts[^1];
        var name = string.Join(@"[\s_\-]*", parts) + "(?:e?s)?";
        // A column named like a common word ("a", "value") is only taken when quoted.
        var body = words.Count == 1 && CommonWords.Contains(words[0])
            ? $"""["'`]{name}["'`]"""
            : $@"(?<![\p{{L}}\p{{N}}]){name}(?![\p{{L}}\p{{N}}])";
        return new Regex(body, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string PreviousWord(string text, int index)
    {
        var match = PreviousWordPattern().Match(text[..index]);
        return match.Success ? match.Groups[1].Value : "";
    }

    private static List<Cue> FindCues(char[] masked)
    {
        var cues = new List<Cue>();
        Take(RankingPattern(), m =>
        {
            var count = m.Groups[2].Value;
            var n = NumberWords.TryGetValue(count, out var word) ? word : int.Parse(count, System.Globalization.CultureInfo.InvariantCulture);
            var ascending = m.Groups[1].Value is "bottom" or "worst" or "lowest" or "smallest" or "least";
            return new Cue(IntentKind.Top, m.Index, Math.Clamp(n, 1, 100), ascending);
        });
        Take(RankPattern(), m => new Cue(IntentKind.Top, m.Index, DefaultTopN));
        Take(ExplainPattern(), m => new Cue(IntentKind.Explain, m.Index));
        Take(OverviewPattern(), m => new Cue(IntentKind.Overview, m.Index));
        Take(CountPattern(), m => new Cue(IntentKind.Count, m.Index));
        Take(DistinctPattern(), m => new Cue(IntentKind.Count, m.Index, Distinct: true));
        Take(MeanPattern(), m => new Cue(IntentKind.Mean, m.Index));
        Take(MedianPattern(), m => new Cue(IntentKind.Median, m.Index));
        Take(SumPattern(), m => new Cue(IntentKind.Sum, m.Index));
        Take(MaxPattern(), m => new Cue(IntentKind.Max, m.Index));
        Take(MinPattern(), m => new Cue(IntentKind.Min, m.Index));
        Take(TrendPattern(), m => new Cue(IntentKind.Trend, m.Index));
        // Causal verbs ask for a relationship (answerable) and a cause (not): both.
        Take(CausalPattern(), m => new Cue(IntentKind.Correlation, m.Index), m => new Cue(IntentKind.Explain, m.Index));
        Take(CorrelationPattern(), m => new Cue(IntentKind.Correlation, m.Index));
        Take(MissingPattern(), m => new Cue(IntentKind.Missing, m.Index));
        Take(OutlierPattern(), m => new Cue(IntentKind.Outliers, m.Index));
        return [.. cues.OrderBy(c => c.Index)];

        void Take(Regex pattern, params Func<Match, Cue>[] read)
        {
            foreach (Match match in pattern.Matches(new string(masked)))
            {
                cues.AddRange(read.Select(r => r(match)));
                Array.Fill(masked, ' ', match.Index, match.Length);
            }
        }
    }

    private static IReadOnlyList<QuestionIntent> Build(List<Cue> cues, List<Mention> mentions, FieldRoles roles)
    {
        var measures = mentions.Where(m => m.Role == Role.Measure).Select(m => m.Column).Distinct(StringComparer.Ordinal).ToList();
        var groups = mentions.Where(m => m.Role == Role.Group).DistinctBy(m => m.Column).ToList();
        var times = mentions.Where(m => m.Role == Role.Time).DistinctBy(m => m.Column).ToList();
        var all = mentions.Select(m => m.Column).Distinct(StringComparer.Ordinal).ToList();
        var groupBy = groups.FirstOrDefault()?.Column ?? times.FirstOrDefault()?.Column;
        var kinds = cues.Select(c => c.Kind).ToHashSet();
        var ranked = kinds.Contains(IntentKind.Max) || kinds.Contains(IntentKind.Min) || kinds.Contains(IntentKind.Top);
        var groupAggregate = kinds.Contains(IntentKind.Mean) ? "mean" : kinds.Contains(IntentKind.Median) ? "median" : "sum";
        IReadOnlyList<string> fallback = roles.Values.Count == 1 ? [roles.Values[0]] : [];
        var measured = cues.Where(c => c.Kind is IntentKind.Mean or IntentKind.Median or IntentKind.Sum or IntentKind.Max or IntentKind.Min or IntentKind.Trend)
            .Select(c => c.Index).Distinct().Order().ToArray();

        // "the lowest price and the highest units": each aggregate word takes the numeric columns named
        // after it, up to the next aggregate word; with none there, every named one ("average and total revenue").
        IReadOnlyList<string> Targets(Cue cue)
        {
            var next = measured.FirstOrDefault(i => i > cue.Index, int.MaxValue);
            var own = mentions.Where(m => m.Role == Role.Measure && m.Index > cue.Index && m.Index < next).Select(m => m.Column).Distinct(StringComparer.Ordinal).ToList();
            return own.Count > 0 ? own : measures.Count > 0 ? measures : fallback;
        }

        var intents = new List<QuestionIntent>();
        foreach (var cue in cues)
        {
            switch (cue.Kind)
            {
                case IntentKind.Explain:
                    intents.Add(new QuestionIntent(IntentKind.Explain, all));
                    break;
                case IntentKind.Overview:
                    intents.Add(new QuestionIntent(IntentKind.Overview, []));
                    break;
                case IntentKind.Mean or IntentKind.Median or IntentKind.Sum:
                    if (groupBy is not null && ranked)
                    {
                        break; // the ranking ranks these group aggregates itself
                    }
                    var aggregate = cue.Kind.ToName();
                    var targets = Targets(cue);
                    intents.AddRange(targets.Count == 0
                        ? [new QuestionIntent(cue.Kind, [], groupBy, Aggregate: aggregate)]
                        : targets.Select(m => new QuestionIntent(cue.Kind, [m], groupBy, Aggregate: aggregate)));
                    break;
                case IntentKind.Max or IntentKind.Min:
                    if (groupBy is not null)
                    {
                        intents.AddRange(measures.Count == 0
                            ? [new QuestionIntent(cue.Kind, [], groupBy, Aggregate: "count")]
                            : Targets(cue).Select(m => new QuestionIntent(cue.Kind, [m], groupBy, Aggregate: groupAggregate)));
                    }
                    else
                    {
                        var extremes = Targets(cue);
                        intents.AddRange(extremes.Count == 0
                            ? [new QuestionIntent(cue.Kind, [])]
                            : extremes.Select(m => new QuestionIntent(cue.Kind, [m])));
                    }
                    break;
                case IntentKind.Count:
                    intents.Add(Count(cue, measures, groups.Count > 0 ? groups : times));
                    if (!cue.Distinct && measures.Count > 1)
                    {
                        intents.AddRange(measures.Skip(1).Select(m => new QuestionIntent(IntentKind.Count, [m], groupBy, Aggregate: "sum")));
                    }
                    break;
                case IntentKind.Trend:
                    var time = times.FirstOrDefault()?.Column ?? roles.Time;
                    var trended = Targets(cue);
                    intents.AddRange(trended.Count == 0
                        ? [new QuestionIntent(IntentKind.Trend, [], Time: time, Aggregate: "sum")]
                        : trended.Select(m => new QuestionIntent(IntentKind.Trend, [m], Time: time, Aggregate: "sum")));
                    break;
                case IntentKind.Correlation:
                    intents.AddRange(measures.Count < 2
                        ? [new QuestionIntent(IntentKind.Correlation, measures)]
                        : Pairs(measures).Take(MaxCorrelationPairs).Select(p => new QuestionIntent(IntentKind.Correlation, [p.A, p.B])));
                    break;
                case IntentKind.Top:
                    var by = groupBy ?? roles.Category ?? roles.Activity;
                    var measure = measures.FirstOrDefault();
                    intents.Add(new QuestionIntent(
                        IntentKind.Top,
                        measure is null ? [] : [measure],
                        by,
                        Aggregate: measure is null ? "count" : groupAggregate,
                        TopN: cue.TopN ?? DefaultTopN,
                        Ascending: cue.Ascending));
                    break;
                case IntentKind.Missing:
                    intents.Add(new QuestionIntent(IntentKind.Missing, all));
                    break;
                case IntentKind.Outliers:
                    intents.Add(new QuestionIntent(IntentKind.Outliers, measures));
                    break;
            }
        }
        return [.. intents.DistinctBy(i => i.Key)];
    }

    /// <summary><paramref name="groups"/>: label columns named, else time columns ("how many months").</summary>
    private static QuestionIntent Count(Cue cue, List<string> measures, List<Mention> groups)
    {
        var group = groups.FirstOrDefault();
        if (measures.Count > 0 && !cue.Distinct)
        {
            return new QuestionIntent(IntentKind.Count, [measures[0]], group?.Column, Aggregate: "sum");
        }
        if (group is not null)
        {
            return group.Grouping && !cue.Distinct
                ? new QuestionIntent(IntentKind.Count, [], group.Column, Aggregate: "count")
                : new QuestionIntent(IntentKind.Count, [group.Column], Aggregate: "distinct");
        }
        return cue.Distinct && measures.Count > 0
            ? new QuestionIntent(IntentKind.Count, [measures[0]], Aggregate: "distinct")
            : new QuestionIntent(IntentKind.Count, [], Aggregate: "rows");
    }

    private static IEnumerable<(string A, string B)> Pairs(List<string> columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            for (var j = i + 1; j < columns.Count; j++)
            {
                yield return (columns[i], columns[j]);
            }
        }
    }

    private static IEnumerable<string> Words(string text) => WordPattern().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"([\p{L}\p{N}]+)[^\p{L}\p{N}]*$")]
    private static partial Regex PreviousWordPattern();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\b(top|bottom|best|worst|highest|lowest|largest|smallest|biggest|least)\s+(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\b")]
    private static partial Regex RankingPattern();

    [GeneratedRegex(@"\b(rank|ranks|ranked|ranking|rankings)\b")]
    private static partial Regex RankPattern();

    [GeneratedRegex(@"\b(why|explain\w*|causes?|caused|causing|reasons?|because|predict\w*|forecast\w*|should|recommend\w*|advi[cs]e\w*|what if|will|going to|expect\w*)\b")]
    private static partial Regex ExplainPattern();

    [GeneratedRegex(@"\b(summary|summari[sz]e\w*|overview|describe|description|tell me about|what is in|what's in)\b")]
    private static partial Regex OverviewPattern();

    [GeneratedRegex(@"\b(how many|number of|count|counts)\b")]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"\b(distinct|unique)\b")]
    private static partial Regex DistinctPattern();

    [GeneratedRegex(@"\b(average|averages|mean|means|avg|typical)\b")]
    private static partial Regex MeanPattern();

    [GeneratedRegex(@"\b(median|medians)\b")]
    private static partial Regex MedianPattern();

    [GeneratedRegex(@"\b(total|totals|sum|sums|combined|altogether)\b")]
    private static partial Regex SumPattern();

    [GeneratedRegex(@"\b(highest|max|maximum|largest|biggest|greatest|most|best|peak|top|leading|leads)\b")]
    private static partial Regex MaxPattern();

    [GeneratedRegex(@"\b(lowest|min|minimum|smallest|least|fewest|worst|bottom)\b")]
    private static partial Regex MinPattern();

    [GeneratedRegex(@"\b(trends?|trending|over time|growth|grow|grows|growing|grew|increas\w*|decreas\w*|declin\w*|drop|drops|dropped|dropping|rise|rises|rising|rose|fall|falls|falling|fell|evolv\w*|change|changes|changed|changing)\b")]
    private static partial Regex TrendPattern();

    [GeneratedRegex(@"\b(affect\w*|impact\w*|influenc\w*|effect|effects)\b")]
    private static partial Regex CausalPattern();

    [GeneratedRegex(@"\b(correlat\w*|relationship|relationships|relation|related|relate|relates|associat\w*|linked|connection|depends?|dependence)\b")]
    private static partial Regex CorrelationPattern();

    [GeneratedRegex(@"\b(missing|nulls?|empty|blanks?|incomplete|gaps?|nan)\b")]
    private static partial Regex MissingPattern();

    [GeneratedRegex(@"\b(outliers?|anomal\w*|unusual|extremes?|abnormal)\b")]
    private static partial Regex OutlierPattern();
}
