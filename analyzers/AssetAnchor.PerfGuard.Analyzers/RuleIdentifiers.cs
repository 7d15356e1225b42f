namespace AssetAnchor.PerfGuard.Analyzers;

/// <summary>Every analyzer rule ID in one place. An ID never changes meaning once shipped.</summary>
public static class RuleIdentifiers
{
    public const string DatabaseRoundTripInLoop = "PG0001";
    public const string LazyLoadedNavigationInLoop = "PG0002";
    public const string NavigationNeverLoaded = "PG0003";
    public const string UnpaginatedCollectionEndpoint = "PG0004";
    public const string RowLimitWithoutOrderBy = "PG0005";
    public const string UnboundedPageSizeFromRequest = "PG0006";
    public const string UnpaginatedReferenceTableEndpoint = "PG0007";

    /// <summary>Where each rule's page lives; the help link of every descriptor is computed from it.</summary>
    public const string HelpLinkBase = "https://github.com/assetanchor/AssetAnchor.PerfGuard/blob/main/docs/rules/";

    public static string GetHelpUri(string ruleId) => HelpLinkBase + ruleId + ".md";
}
