using System.Text.RegularExpressions;

namespace Actors.Conversations;

/// <summary>
/// The rolling summary of turns that left the window, built without a language model: one line per
/// question asked (shortened) and one per answer listing the numbers it quoted. Oldest lines go first
/// when the summary would exceed its bound.
/// </summary>
public static partial class ConversationSummary
{
    private const int QuestionChars = 120;
    private const int NumbersPerAnswer = 6;

    public static string LineFor(ConversationMessage message)
    {
        if (message.Role == ConversationMessage.User)
        {
            return "Asked: " + Shorten(message.Text, QuestionChars);
        }
        var numbers = Number().Matches(message.Text).Select(m => m.Value).Distinct().Take(NumbersPerAnswer).ToList();
        var topic = message.Intent is null ? "answered" : $"answered ({message.Intent})";
        return numbers.Count == 0 ? $"{char.ToUpperInvariant(topic[0])}{topic[1..]}." : $"{char.ToUpperInvariant(topic[0])}{topic[1..]}: {string.Join(", ", numbers)}.";
    }

    /// <summary>Adds a line and drops the oldest ones until the whole fits <paramref name="maxChars"/>.</summary>
    public static void Append(List<string> lines, string line, int maxChars)
    {
        lines.Add(Shorten(line, maxChars));
        while (Length(lines) > maxChars && lines.Count > 0)
        {
            lines.RemoveAt(0);
        }
    }

    public static string Text(IReadOnlyList<string> lines) => string.Join("\n", lines);

    private static int Length(List<string> lines) => lines.Sum(l => l.Length) + Math.Max(0, lines.Count - 1);

    private static string Shorten(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= max ? flat : flat[..Math.Max(0, max - 1)] + "…";
    }

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex Number();
}
