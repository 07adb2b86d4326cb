using System.Text.Json.Nodes;
using Actors.Analyses.DataInterpretation;
using Actors.Analytics.Process;

namespace Actors.Analyses.Process;

/// <summary>
/// The <c>mine</c> step's output, copied into the report's metrics as is:
/// <code>
/// { "time_kind": "datetime" | "seconds", "cases", "events", "rows_skipped", "activity_count",
///   "activities": { "&lt;name&gt;": { "count", "cases", "rework_cases", "mean_wait_s", "total_wait_s",
///       with an end time field also "mean_duration_s", "mean_idle_s" } },
///   "bottleneck_activity", "bottleneck_mean_wait_s", "bottleneck_mean_wait_h",
///   "mean_cycle_time_s", "median_cycle_time_s", "max_cycle_time_s",
///   "mean_cycle_time_h", "median_cycle_time_h", "max_cycle_time_h",
///   "long_cycle_cases", "long_cycle_case_pct",
///   "rework_cases", "rework_case_pct", "rework_activities": { "&lt;name&gt;": cases },
///   "variant_count", "top_variant_share_pct", "variants": [{ "path", "cases" }],
///   "resources": { "&lt;name&gt;": { "events", "mean_wait_s" } },
///   with an end time field also "end_times_ignored" }
/// </code>
/// Times are seconds (<c>_s</c>) or hours (<c>_h</c>) rounded to two decimals, shares are percentages
/// rounded to two decimals; a mean of nothing is null.
/// </summary>
internal static class MineJson
{
    /// <summary>Only the most common variants are listed, so a log where every case differs stays small.</summary>
    public const int MaxVariants = 20;

    public static JsonObject Write(EventLog log, ProcessMetrics metrics)
    {
        var hasEnd = log.Fields.EndTime is not null;
        var activities = new JsonObject();
        foreach (var a in metrics.Activities)
        {
            var json = new JsonObject
            {
                ["count"] = a.Count,
                ["cases"] = a.Cases,
                ["rework_cases"] = a.ReworkCases,
                ["mean_wait_s"] = JsonNumbers.Number(Durations.Seconds(a.MeanWait)),
                ["total_wait_s"] = JsonNumbers.Number(Durations.Seconds(a.TotalWait)),
            };
            if (hasEnd)
            {
                json["mean_duration_s"] = JsonNumbers.Number(Durations.Seconds(a.MeanDuration));
                json["mean_idle_s"] = JsonNumbers.Number(Durations.Seconds(a.MeanIdle));
            }
            activities[a.Name] = json;
        }

        var bottleneckWait = metrics.BottleneckActivity is { } name ? metrics.Activity(name)!.MeanWait : null;
        var rework = new JsonObject();
        foreach (var a in metrics.ReworkActivities)
        {
            rework[a.Name] = a.ReworkCases;
        }
        var variants = new JsonArray();
        foreach (var v in metrics.Variants.Take(MaxVariants))
        {
            variants.Add(new JsonObject { ["path"] = v.Path, ["cases"] = v.Cases });
        }
        var resources = new JsonObject();
        foreach (var r in metrics.Resources)
        {
            resources[r.Name] = new JsonObject
            {
                ["events"] = r.Events,
                ["mean_wait_s"] = JsonNumbers.Number(Durations.Seconds(r.MeanWait)),
            };
        }

        var result = new JsonObject
        {
            ["time_kind"] = log.TimestampKind == TimestampKind.Datetime ? "datetime" : "seconds",
            ["cases"] = metrics.Cases,
            ["events"] = metrics.Events,
            ["rows_skipped"] = metrics.RowsSkipped,
            ["activity_count"] = metrics.Activities.Count,
            ["activities"] = activities,
            ["bottleneck_activity"] = metrics.BottleneckActivity,
            ["bottleneck_mean_wait_s"] = JsonNumbers.Number(Durations.Seconds(bottleneckWait)),
            ["bottleneck_mean_wait_h"] = JsonNumbers.Number(Durations.Hours(bottleneckWait)),
            ["mean_cycle_time_s"] = JsonNumbers.Number(Durations.Seconds(metrics.MeanCycleTime)),
            ["median_cycle_time_s"] = JsonNumbers.Number(Durations.Seconds(metrics.MedianCycleTime)),
            ["max_cycle_time_s"] = JsonNumbers.Number(Durations.Seconds(metrics.MaxCycleTime)),
            ["mean_cycle_time_h"] = JsonNumbers.Number(Durations.Hours(metrics.MeanCycleTime)),
            ["median_cycle_time_h"] = JsonNumbers.Number(Durations.Hours(metrics.MedianCycleTime)),
            ["max_cycle_time_h"] = JsonNumbers.Number(Durations.Hours(metrics.MaxCycleTime)),
            ["long_cycle_cases"] = metrics.LongCycleCases,
            ["long_cycle_case_pct"] = Percent.Of(metrics.LongCycleCases, metrics.Cases),
            ["rework_cases"] = metrics.ReworkCases,
            ["rework_case_pct"] = Percent.Of(metrics.ReworkCases, metrics.Cases),
            ["rework_activities"] = rework,
            ["variant_count"] = metrics.Variants.Count,
            ["top_variant_share_pct"] = Percent.Of(metrics.Variants.Count > 0 ? metrics.Variants[0].Cases : 0, metrics.Cases),
            ["variants"] = variants,
            ["resources"] = resources,
        };
        if (hasEnd)
        {
            result["end_times_ignored"] = log.EndTimesIgnored;
        }
        return result;
    }
}
