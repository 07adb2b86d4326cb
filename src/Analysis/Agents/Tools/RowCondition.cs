using System.Globalization;
using Actors.Analytics;

namespace Actors.Agents;

/// <summary>
/// A condition on one column, as a model writes it: <c>{column, op, value}</c> with op one of
/// <c>==</c>, <c>!=</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>contains</c>. Numbers
/// compare as numbers, anything else as text ignoring case (ISO dates order as text does). A missing
/// cell matches nothing.
/// </summary>
public sealed record RowCondition(string Column, string Op, string Value)
{
    public static readonly IReadOnlyList<string> Ops = ["==", "!=", ">", ">=", "<", "<=", "contains"];

    public bool Matches(Cell cell)
    {
        if (cell.IsMissing)
        {
            return false;
        }
        if (Op == "contains")
        {
            return cell.ToString().Contains(Value.Trim(), StringComparison.OrdinalIgnoreCase);
        }
        var order = cell.TryGetNumber(out var number) && double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var wanted)
            ? number.CompareTo(wanted)
            : string.Compare(cell.ToString().Trim(), Value.Trim(), StringComparison.OrdinalIgnoreCase);
        return Op switch
        {
            "==" => order == 0,
            "!=" => order != 0,
            ">" => order > 0,
            ">=" => order >= 0,
            "<" => order < 0,
            "<=" => order <= 0,
            _ => throw new ToolArgumentException($"Unknown op '{Op}'; use one of {string.Join(", ", Ops)}."),
        };
    }
}
