using System;
using System.Text;
using Microsoft.CodeAnalysis;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>What rows a method returns, as recorded in a summary.</summary>
internal enum SummaryRows : byte
{
    /// <summary>Not a row source, or not known.</summary>
    None,

    /// <summary>Every row of an EF query, no row limit.</summary>
    Unbounded,

    /// <summary>Paged, a single row or an aggregate: read from the body, not from the method's name.</summary>
    Bounded,
}

/// <summary>
/// One data-access fact about one method, as a project records it in its own assembly
/// (<c>[assembly: AssemblyMetadata("PerfGuard.DataAccess", "...")]</c>) and a dependent project reads it from
/// metadata. The method is named by its documentation-comment ID; an interface or overridden method named here
/// stands for the implementation that recorded it.
/// </summary>
internal sealed class MethodSummary
{
    /// <summary>The AssemblyMetadata key of every PerfGuard record.</summary>
    public const string MetadataKey = "PerfGuard.DataAccess";

    /// <summary>The record that says "this assembly was built with PerfGuard": a method without a record makes no round trip.</summary>
    public const string AssemblyMarker = "v1";

    private const char Separator = '\t';

    public MethodSummary(
        string methodId, string? roundTrip, SummaryRows rows, string? entity, string? queryText, bool ordered,
        ParameterSet pageSizeParameters = default, ReturnedEntity? returnedEntity = null, int rowsOfParameter = -1, string[]? parents = null,
        RecordedQuery query = default, string[]? pendingContracts = null)
    {
        Query = query;
        PendingContracts = pendingContracts ?? Array.Empty<string>();
        RowsOfParameter = rowsOfParameter;
        MethodId = methodId;
        RoundTrip = roundTrip;
        Rows = rows;
        Entity = entity;
        QueryText = queryText;
        Ordered = ordered;
        PageSizeParameters = pageSizeParameters;
        ReturnedEntity = returnedEntity;
        Parents = parents ?? Array.Empty<string>();
    }

    /// <summary>The copy recorded under another ID (the interface or overridden method it implements).</summary>
    public MethodSummary WithMethodId(string methodId) =>
        new(methodId, RoundTrip, Rows, Entity, QueryText, Ordered, PageSizeParameters, ReturnedEntity, RowsOfParameter, Parents, Query, PendingContracts);

    /// <summary>The same record with other field-9 facts (several implementations of one interface method merged).</summary>
    public MethodSummary WithReturnedEntity(ReturnedEntity? returnedEntity) =>
        new(MethodId, RoundTrip, Rows, Entity, QueryText, Ordered, PageSizeParameters, returnedEntity, RowsOfParameter, Parents, Query, PendingContracts);

    /// <summary>The same record with another field-12 fact (several implementations of one interface method merged).</summary>
    public MethodSummary WithQuery(RecordedQuery query) =>
        new(MethodId, RoundTrip, Rows, Entity, QueryText, Ordered, PageSizeParameters, ReturnedEntity, RowsOfParameter, Parents, query, PendingContracts);

    /// <summary>True when a record carries any fact (a method without one is not written).</summary>
    public bool HasFacts => RoundTrip is not null || Rows != SummaryRows.None || !PageSizeParameters.IsEmpty || ReturnedEntity is not null || RowsOfParameter >= 0 || !Query.IsNone || PendingContracts.Length > 0;

    /// <summary>
    /// Field 10: the method returns the rows of this parameter, materialised or not, with no limit of its own
    /// (<c>Task&lt;List&lt;T&gt;&gt; ToListAsync&lt;T&gt;(IQueryable&lt;T&gt; query) =&gt; query.ToListAsync()</c>); -1 when not.
    /// A handler record that passes a query through it (docs/cross-project.md, Handlers) is completed with it.
    /// </summary>
    public int RowsOfParameter { get; }

    public string MethodId { get; }

    /// <summary>The chain to the first round trip ("GetOrdersAsync -> ToListAsync"); null when calling it makes none.</summary>
    public string? RoundTrip { get; }

    public SummaryRows Rows { get; }

    /// <summary>The entity type of unbounded rows (metadata name), for the message and the exempt list.</summary>
    public string? Entity { get; }

    /// <summary>The query text of unbounded rows, for the message.</summary>
    public string? QueryText { get; }

    public bool Ordered { get; }

    /// <summary>PG0006: the parameters the method takes into Take (the page size) with no upper bound of its own (field 8, "0,2"; a property of a parameter object as "1.PageSize").</summary>
    public ParameterSet PageSizeParameters { get; }

    /// <summary>PG0002/PG0003: the tracked entity it returns and which navigations are loaded (field 9).</summary>
    public ReturnedEntity? ReturnedEntity { get; }

    /// <summary>
    /// PG0004: the parents whose one row the unbounded rows belong to (a Where pinned their foreign key to one value:
    /// "Series" for <c>v.SeriesId == seriesId</c>), so a dependent's response named after the parent is one parent
    /// with its children (field 11, "Series,TargetSeries"; field 10 is empty when only this is written).
    /// </summary>
    public string[] Parents { get; }

    /// <summary>
    /// Field 12: the method returns a deferred, unmaterialised EF query (<c>IQueryable&lt;T&gt; GetQueryableSet() =&gt;
    /// db.Set&lt;T&gt;()</c>), or a query built on one of its parameters; none for an IQueryable over memory
    /// (<c>list.AsQueryable()</c>). A dependent project takes the call for a database query only when this says so.
    /// </summary>
    public RecordedQuery Query { get; }

    /// <summary>
    /// Field 13 (mixed chains): the interface methods this method calls (itself or through methods of its project) that
    /// nothing in its project or its references implements, when it makes no round trip of its own that is known here
    /// (<c>GenerateAsync</c> of Infrastructure calling <c>IUnitOfWork.SaveChangesAsync</c>, implemented in Persistence,
    /// which Infrastructure does not reference). A project that sees an implementation completes the chain
    /// (<see cref="RoundTripAnalysis"/>); documentation-comment IDs, <c>|</c>-separated. Empty when there are none.
    /// </summary>
    public string[] PendingContracts { get; }

    /// <summary>The record with field 13 set.</summary>
    public MethodSummary WithPendingContracts(string[] pendingContracts) =>
        new(MethodId, RoundTrip, Rows, Entity, QueryText, Ordered, PageSizeParameters, ReturnedEntity, RowsOfParameter, Parents, Query, pendingContracts);

    /// <summary>
    /// v1 \t id \t round trip \t U|B|- \t entity \t query \t O|- \t page-size ordinals \t returned entity \t rows of parameter \t parents \t deferred query; tabs and line
    /// breaks in texts become spaces. Fields are only ever appended: a reader of an older version reads the first seven
    /// and ignores the rest, and a record of an older writer simply has no page-size or returned-entity facts.
    /// </summary>
    public string Encode()
    {
        var builder = new StringBuilder(AssemblyMarker);
        builder.Append(Separator).Append(MethodId);
        builder.Append(Separator).Append(Clean(RoundTrip));
        builder.Append(Separator).Append(Rows switch { SummaryRows.Unbounded => "U", SummaryRows.Bounded => "B", _ => "-" });
        builder.Append(Separator).Append(Clean(Entity));
        builder.Append(Separator).Append(Clean(QueryText));
        builder.Append(Separator).Append(Ordered ? "O" : "-");
        var noQuery = Query.IsNone;
        var pending = PendingContracts.Length > 0;
        if (!PageSizeParameters.IsEmpty || ReturnedEntity is not null || RowsOfParameter >= 0 || Parents.Length > 0 || !noQuery || pending)
        {
            builder.Append(Separator).Append(PageSizeParameters.Encode());
            builder.Append(Separator).Append(ReturnedEntity?.Encode() ?? string.Empty);
        }

        if (RowsOfParameter >= 0 || Parents.Length > 0 || !noQuery || pending)
        {
            builder.Append(Separator).Append(RowsOfParameter >= 0 ? RowsOfParameter.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
        }

        if (Parents.Length > 0 || !noQuery || pending)
        {
            builder.Append(Separator).Append(string.Join(",", Parents));
        }

        if (!noQuery || pending)
        {
            builder.Append(Separator).Append(Query.Encode());
        }

        if (pending)
        {
            // Field 13: an older reader splits the record into more parts than it reads and ignores this one.
            builder.Append(Separator).Append(string.Join("|", PendingContracts));
        }

        return builder.ToString();
    }

    /// <summary>Null for a record of another version or a damaged one: an unreadable summary only makes PerfGuard quieter.</summary>
    public static MethodSummary? Decode(string value)
    {
        var parts = value.Split(Separator);
        if (parts.Length < 7 || parts[0] != AssemblyMarker || parts[1].Length == 0)
        {
            return null;
        }

        var rows = parts[3] switch { "U" => SummaryRows.Unbounded, "B" => SummaryRows.Bounded, _ => SummaryRows.None };
        var pageSizes = parts.Length > 7 ? ParameterSet.Decode(parts[7]) : default;
        var returned = parts.Length > 8 ? ReturnedEntity.Decode(parts[8]) : null;
        var rowsOfParameter = parts.Length > 9 && int.TryParse(parts[9], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var passed) ? passed : -1;
        var parents = parts.Length > 10 && parts[10].Length > 0 ? parts[10].Split(',') : null;
        var query = parts.Length > 11 ? RecordedQuery.Decode(parts[11]) : default;
        var pendingContracts = parts.Length > 12 && parts[12].Length > 0 ? parts[12].Split('|') : null;
        return new MethodSummary(parts[1], NullIfEmpty(parts[2]), rows, NullIfEmpty(parts[4]), NullIfEmpty(parts[5]), parts[6] == "O", pageSizes, returned, rowsOfParameter, parents, query, pendingContracts);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text!.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.Length > 300 ? builder.ToString(0, 297) + "..." : builder.ToString();
    }

    public override string ToString() => Encode();

    /// <summary>
    /// An interface or abstract method (its original definition) of an application assembly, not the framework's: a
    /// contract the solution declares. The summary writer's unseen contracts and the round trips through a referenced
    /// project's contract implemented here both start from it.
    /// </summary>
    internal static bool IsApplicationContract(IMethodSymbol definition) =>
        (definition.IsAbstract || definition.ContainingType?.TypeKind == TypeKind.Interface) &&
        definition.ContainingAssembly is { } assembly && !IsFrameworkAssemblyName(assembly.Identity.Name);

    internal static bool IsFrameworkAssemblyName(string name) =>
        name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal) ||
        name is "mscorlib" or "netstandard";
}
