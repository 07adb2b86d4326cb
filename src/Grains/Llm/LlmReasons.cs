namespace Actors.Llm;

/// <summary>Why the LLM gave no (usable) answer; the narrative stores these words in its report.</summary>
public static class LlmReasons
{
    public const string NoProvider = "no_provider";
    public const string BudgetReached = "budget_reached";
    public const string AllProvidersFailed = "all_providers_failed";
    public const string RegenerationFailed = "regeneration_failed";
    public const string InventedNumbers = "invented_numbers";
    public const string InvalidOutput = "invalid_output";
}
