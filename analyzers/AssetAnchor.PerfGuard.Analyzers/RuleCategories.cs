namespace AssetAnchor.PerfGuard.Analyzers;

internal static class RuleCategories
{
    public const string Performance = "Performance";
    public const string Reliability = "Reliability";
}
