namespace Actors.Analytics;

/// <summary>The inferred kind of a column; see <see cref="ColumnProfiler"/> for the rule.</summary>
public enum ColumnType
{
    Numeric,
    Categorical,
    Datetime,
    Text,
    Boolean,
}
