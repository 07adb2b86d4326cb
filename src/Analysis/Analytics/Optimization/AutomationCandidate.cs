namespace Actors.Analytics.Optimization;

/// <summary>
/// One step's statistics and its automation score (see <see cref="AutomationCandidates"/> for the rule).
/// </summary>
/// <param name="Count">Rows naming this step.</param>
/// <param name="RowSharePct">Count as a share of all rows that name a step.</param>
/// <param name="Cases">Distinct cases the step occurs in; null without a case column.</param>
/// <param name="RepeatCases">Of those, cases where it occurs more than once; null without a case column.</param>
/// <param name="RepeatSharePct">RepeatCases as a share of Cases; null without a case column.</param>
/// <param name="MeanWait">Mean of the step's non-negative wait values; null without a wait column or values.</param>
/// <param name="FrequencyScore">Count divided by the largest step count (0–1).</param>
/// <param name="WaitScore">MeanWait divided by the largest step mean wait (0–1); 0 without waits.</param>
public sealed record AutomationCandidate(
    string Step,
    int Count,
    double RowSharePct,
    int? Cases,
    int? RepeatCases,
    double? RepeatSharePct,
    double? MeanWait,
    double FrequencyScore,
    double WaitScore,
    double Score);
