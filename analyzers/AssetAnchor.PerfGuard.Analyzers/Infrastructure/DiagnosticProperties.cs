namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Every diagnostic-property key the analyzers set and the code fixes read, in one place (the code-fix assembly sees
/// it through InternalsVisibleTo). The values are part of the contract with fixes built from older sources: they
/// never change.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>PG0001: the round trip is a SaveChanges the fix can move after the loop.</summary>
    public const string MovableSaveChanges = "PerfGuard.MovableSaveChanges";

    /// <summary>PG0002/PG0003: the Include path to add ("Owner.Company").</summary>
    public const string IncludePath = "PerfGuard.IncludePath";

    /// <summary>PG0002/PG0003: the entity types along the include path.</summary>
    public const string PathTypes = "PerfGuard.PathTypes";

    /// <summary>PG0002/PG0003: a sibling collection is included too (AsSplitQuery advice).</summary>
    public const string SiblingCollection = "PerfGuard.SiblingCollection";

    /// <summary>PG0004: "true" when the rows are queried in the endpoint itself, so a fix can page them.</summary>
    public const string Fixable = "Fixable";

    /// <summary>PG0004/PG0005: the key to order by (empty when already ordered).</summary>
    public const string KeyProperty = "KeyProperty";

    /// <summary>PG0004/PG0006: the configured maximum page size.</summary>
    public const string MaxPageSize = "MaxPageSize";

    /// <summary>PG0006: the reported argument is a parameter object whose named property is the page size (no Math.Clamp fix around it).</summary>
    public const string PageSizeInParameterObject = "PerfGuard.PageSizeInParameterObject";
}
