using System.Text;

namespace Actors.Analytics.Optimization;

/// <summary>
/// Classifies numeric columns by the words in their names. Names are split into lowercase words at
/// underscores, spaces, dashes and camelCase humps, and matched word by word, so "unitsSold" is a
/// volume but "discount" is not a count. Identifier-like names (id, *_id) are never a measure.
/// </summary>
public static class MeasureNames
{
    private static readonly HashSet<string> CostWords = ["cost", "costs", "spend", "spending", "spent", "expense", "expenses", "fee", "fees"];
    private static readonly HashSet<string> RevenueWords = ["revenue", "revenues", "sales", "amount", "income", "turnover", "gmv"];
    private static readonly HashSet<string> PriceWords = ["price", "prices"];
    private static readonly HashSet<string> PerUnitWords = ["per", "unit", "avg", "average", "mean"];
    private static readonly HashSet<string> VolumeWords = ["units", "quantity", "quantities", "qty", "count", "orders", "volume", "items", "pieces"];
    private static readonly HashSet<string> DurationWords = ["duration", "wait", "waiting", "minutes", "mins", "hours", "hrs", "seconds", "secs"];
    private static readonly HashSet<string> TimeQualifiers =
        ["s", "sec", "secs", "m", "min", "mins", "h", "hr", "hrs", "cycle", "lead", "processing", "handling", "service", "response", "wait", "spent", "elapsed", "taken"];

    /// <summary>The kind of measure a column's name suggests; per-unit money wins over totals, money over durations and counts.</summary>
    public static MeasureKind Classify(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var words = Words(column);
        if (words.Count == 0 || words[^1] == "id")
        {
            return MeasureKind.Other;
        }
        var money = words.Any(w => CostWords.Contains(w) || RevenueWords.Contains(w));
        if (words.Any(PriceWords.Contains) || (money && words.Any(PerUnitWords.Contains)))
        {
            return MeasureKind.Price;
        }
        if (words.Any(CostWords.Contains))
        {
            return MeasureKind.Cost;
        }
        if (words.Any(RevenueWords.Contains))
        {
            return MeasureKind.Revenue;
        }
        if (words.Any(DurationWords.Contains) || (words.Contains("time") && words.Any(TimeQualifiers.Contains)))
        {
            return MeasureKind.Duration;
        }
        return words.Any(VolumeWords.Contains) ? MeasureKind.Volume : MeasureKind.Other;
    }

    /// <summary>Lowercase words of a column name: "unitPrice" and "unit price" both give [unit, price].</summary>
    public static IReadOnlyList<string> Words(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < column.Length; i++)
        {
            var c = column[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }
            if (char.IsUpper(c) && i > 0 && char.IsLower(column[i - 1]))
            {
                Flush();
            }
            current.Append(char.ToLowerInvariant(c));
        }
        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
