namespace Actors.Agents;

/// <summary>A tool was called with arguments it cannot use; the message says what is allowed, so the model can call it again.</summary>
public sealed class ToolArgumentException(string message) : ArgumentException(message);
