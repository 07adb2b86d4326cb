using System.Text.Json;

namespace Actors.Conversations;

/// <summary>
/// Answers to a request for a new analysis. A conversation starts one when the message carries an
/// <c>analysis</c> object (shaped like the body of <c>POST /api/v1/analyses</c>); without one it says what
/// to send. Once started, the answer reports the job: its result summary when it has completed, else its
/// status and where to follow it.
/// </summary>
public static class AnalysisRequests
{
    /// <summary>The supported type a question names ("a trend analysis" names <c>trend_analysis</c>), or null.</summary>
    public static string? NamedType(string question, IEnumerable<string> supportedTypes)
    {
        var q = question.ToLowerInvariant();
        return supportedTypes.OrderByDescending(t => t.Length)
            .FirstOrDefault(t => q.Contains(t, StringComparison.Ordinal) || q.Contains(t.Replace('_', ' '), StringComparison.Ordinal));
    }

    public static string WhatToSend(string question, IReadOnlyList<JobReport> reports, IReadOnlyCollection<string> supportedTypes)
    {
        var type = NamedType(question, supportedTypes) ?? reports.LastOrDefault()?.Type ?? "process_analysis";
        var types = supportedTypes.Count == 0 ? "" : $" Supported types: {string.Join(", ", supportedTypes.Order(StringComparer.Ordinal))}.";
        return "To start an analysis from this conversation, send your message with its data: "
            + $"{{\"text\": \"…\", \"analysis\": {{\"type\": \"{type}\", \"csv\": \"…\"}}}} (or \"data\": {{\"records\": […]}}; \"options\" as for a job). "
            + "The job is bound to this conversation and its result reported here." + types
            + " You can also submit one with POST /api/v1/analyses and open a conversation on its job.";
    }

    public static string Started(JobSnapshot job, JobReport? report)
    {
        var lead = $"I started analysis {job.JobId} ({job.Type}) and bound it to this conversation.";
        return job.Status switch
        {
            JobStatus.Completed when report?.Report is { } r && r.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.String =>
                $"{lead} It has completed: {s.GetString()} Ask me about its results.",
            JobStatus.Completed => $"{lead} It has completed; ask me about its results.",
            JobStatus.Failed => $"{lead} It failed: {(job.Error?.Message ?? "no reason given").TrimEnd('.')}.",
            JobStatus.Cancelled => $"{lead} It was cancelled.",
            JobStatus.Rejected => $"{lead} It was rejected at an approval step: {(job.Error?.Message ?? "no reason given").TrimEnd('.')}.",
            _ => $"{lead} It is {job.Status.ToWire()} ({job.Progress}% done). Follow it at GET /api/v1/analyses/{job.JobId}/events "
                + $"(or poll GET /api/v1/analyses/{job.JobId}); once it completes, ask me about its results here.",
        };
    }
}
