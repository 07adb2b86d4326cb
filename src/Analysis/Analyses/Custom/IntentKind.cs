namespace Actors.Analyses.Custom;

/// <summary>What a question asks for, as far as the rules recognise it.</summary>
internal enum IntentKind
{
    Overview,
    Mean,
    Median,
    Sum,
    Max,
    Min,
    Count,
    Trend,
    Correlation,
    Top,
    Missing,
    Outliers,

    /// <summary>Why, predict, advise: beyond what statistics can answer; always left to an LLM.</summary>
    Explain,
}

/// <summary>The lowercase names intents carry in JSON.</summary>
internal static class IntentKindNames
{
    public static string ToName(this IntentKind kind) => kind switch
    {
        IntentKind.Overview => "overview",
        IntentKind.Mean => "mean",
        IntentKind.Median => "median",
        IntentKind.Sum => "sum",
        IntentKind.Max => "max",
        IntentKind.Min => "min",
        IntentKind.Count => "count",
        IntentKind.Trend => "trend",
        IntentKind.Correlation => "correlation",
        IntentKind.Top => "top",
        IntentKind.Missing => "missing",
        IntentKind.Outliers => "outliers",
        IntentKind.Explain => "explain",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static IntentKind Parse(string name)
    {
        foreach (var kind in Enum.GetValues<IntentKind>())
        {
            if (kind.ToName() == name)
            {
                return kind;
            }
        }
        throw new InvalidOperationException($"Step output is malformed: '{name}' is not an intent.");
    }
}
