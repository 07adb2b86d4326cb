using System.Text.RegularExpressions;

namespace Actors.Api.Conversations;

/// <summary>Splits an answer into the pieces streamed as <c>delta</c> events: a word with its trailing space each, so the pieces join back to the text exactly.</summary>
public static partial class AnswerDeltas
{
    public static IEnumerable<string> Split(string text) => Piece().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"\s*\S+\s*", RegexOptions.Singleline)]
    private static partial Regex Piece();
}
