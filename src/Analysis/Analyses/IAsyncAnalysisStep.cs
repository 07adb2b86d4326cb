using System.Text.Json.Nodes;

namespace Actors.Analyses;

/// <summary>
/// A step that waits on something outside the CPU (a timer, later a remote call). The team runner
/// awaits it instead of running it on a pool thread, so a thousand waiting jobs hold no thread.
/// </summary>
public interface IAsyncAnalysisStep : IAnalysisStep
{
    Task<JsonNode> RunAsync(AnalysisInput input, IReadOnlyDictionary<string, JsonNode> previous, CancellationToken cancellationToken);
}
