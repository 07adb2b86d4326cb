using System.Security.Cryptography;

namespace Actors.Api.Conversations;

/// <summary>Conversation ids: 128 random bits, so one cannot be guessed from another.</summary>
public static class ConversationIds
{
    public static string New() => "conv_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Ids outside this shape are answered 404 without touching a grain.</summary>
    public static bool IsWellFormed(string id) =>
        id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
