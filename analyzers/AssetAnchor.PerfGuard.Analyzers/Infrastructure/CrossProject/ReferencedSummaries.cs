using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The data-access summaries of the referenced projects built with PerfGuard, read once per compilation from
/// their assembly attributes. A method of such an assembly without a record makes no round trip and returns no
/// unbounded rows: the summary is trusted over names and return types. Assemblies built without PerfGuard keep
/// the narrow fallback heuristic (a repository method returning Task&lt;Entity&gt;).
/// </summary>
internal sealed class ReferencedSummaries
{
    public static readonly ReferencedSummaries Empty = new(
        new Dictionary<string, List<MethodSummary>>(), new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default), new List<CallSiteRecord>());

    /// <summary>The context models (entity navigations, AutoInclude, lazy contexts) the referenced projects recorded.</summary>
    public List<ContextModelRecord> ContextModels { get; } = new();

    private Dictionary<string, List<HandlerRecord>>? handlersByRequest;
    private HashSet<string>? dispatchers;

    private readonly Dictionary<string, List<MethodSummary>> byMethod;
    private readonly HashSet<IAssemblySymbol> summarized;

    /// <summary>The referenced assembly that wrote a record or call site (records and call sites compare by reference).</summary>
    private readonly Dictionary<object, IAssemblySymbol> recordedBy;

    /// <summary>The referenced assemblies that report no Up join (<c>perfguard.report_cross_project_call_sites = false</c>).</summary>
    private readonly HashSet<IAssemblySymbol> quiet;

    private ReferencedSummaries(
        Dictionary<string, List<MethodSummary>> byMethod, HashSet<IAssemblySymbol> summarized, List<CallSiteRecord> callSites,
        Dictionary<object, IAssemblySymbol>? recordedBy = null, HashSet<IAssemblySymbol>? quiet = null)
    {
        this.byMethod = byMethod;
        this.recordedBy = recordedBy ?? new Dictionary<object, IAssemblySymbol>();
        this.quiet = quiet ?? new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default);
        this.summarized = summarized;
        CallSites = callSites;
        foreach (var list in byMethod.Values)
        {
            foreach (var record in list)
            {
                if (record.ReturnedEntity is { } entity)
                {
                    ReturnedNavigationNames.UnionWith(entity.GetStepNames());
                }
            }
        }
    }

    /// <summary>The navigation names of the entities the recorded methods return (PG0002/PG0003's syntax filter).</summary>
    public HashSet<string> ReturnedNavigationNames { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Calls in loops on interfaces that the referenced projects could not see implemented (the UP direction).</summary>
    public IReadOnlyList<CallSiteRecord> CallSites { get; }

    public bool IsEmpty => summarized.Count == 0 && byMethod.Count == 0;

    /// <summary>Every record, for tests and for the summary writer of a dependent project.</summary>
    public int Count => byMethod.Count;

    public static ReferencedSummaries Read(Compilation compilation, CancellationToken cancellationToken)
    {
        Dictionary<string, List<MethodSummary>>? byMethod = null;
        HashSet<IAssemblySymbol>? summarized = null;
        List<CallSiteRecord>? callSites = null;
        List<ContextModelRecord>? contextModels = null;
        Dictionary<object, IAssemblySymbol>? recordedBy = null;
        HashSet<IAssemblySymbol>? quiet = null;
        HashSet<string>? seededLeaves = null;
        Dictionary<string, List<HandlerRecord>>? handlers = null;
        HashSet<string>? dispatchers = null;
        Dictionary<string, Dictionary<string, int>>? constructorStores = null;
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MethodSummary.IsFrameworkAssemblyName(assembly.Identity.Name))
            {
                continue;
            }

            foreach (var attribute in assembly.GetAttributes())
            {
                if (attribute.AttributeClass?.Name != "AssemblyMetadataAttribute" || attribute.ConstructorArguments.Length != 2 ||
                    attribute.ConstructorArguments[0].Value as string != MethodSummary.MetadataKey ||
                    attribute.ConstructorArguments[1].Value is not string value)
                {
                    continue;
                }

                // Handler and dispatcher records: also written by projects without EF Core, which have no "v1" marker
                // (their methods are not summarised: the fallback heuristic still applies to them).
                if (HandlerRecord.Decode(value) is { } handler)
                {
                    handlers ??= new Dictionary<string, List<HandlerRecord>>(System.StringComparer.Ordinal);
                    if (!handlers.TryGetValue(handler.RequestId, out var forRequest))
                    {
                        forRequest = new List<HandlerRecord>(1);
                        handlers.Add(handler.RequestId, forRequest);
                    }

                    forRequest.Add(handler);
                    continue;
                }

                if (DispatcherRecord.Decode(value) is { } dispatcher)
                {
                    (dispatchers ??= new HashSet<string>(System.StringComparer.Ordinal)).Add(dispatcher);
                    continue;
                }

                // PG0006: constructor stores of public request classes (v1s), written from syntax with or without EF Core.
                if (ConstructorStoreRecord.Decode(value) is { } store)
                {
                    AddConstructorStore(constructorStores ??= new Dictionary<string, Dictionary<string, int>>(System.StringComparer.Ordinal), store);
                    continue;
                }

                // Call sites: also written by projects without EF Core, without the marker (below, for the others).
                if (CallSiteRecord.Decode(value) is { } callSite)
                {
                    (callSites ??= new List<CallSiteRecord>()).Add(callSite);
                    (recordedBy ??= new Dictionary<object, IAssemblySymbol>()).Add(callSite, assembly);
                    continue;
                }

                // Method records: a project without EF Core writes some (its paging helpers) without the "v1" marker, so
                // they do not make its assembly summarised: its other methods keep the fallback heuristic.
                if (MethodSummary.Decode(value) is { } summary)
                {
                    (recordedBy ??= new Dictionary<object, IAssemblySymbol>()).Add(summary, assembly);
                    byMethod ??= new Dictionary<string, List<MethodSummary>>(System.StringComparer.Ordinal);
                    if (!byMethod.TryGetValue(summary.MethodId, out var list))
                    {
                        list = new List<MethodSummary>(1);
                        byMethod.Add(summary.MethodId, list);
                    }

                    list.Add(summary);
                    continue;
                }

                summarized ??= new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default);
                summarized.Add(assembly);
                if (value == CompositionRoot.QuietMarker)
                {
                    (quiet ??= new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default)).Add(assembly);
                    continue;
                }

                if (SeededEntityRecord.Decode(value) is { } seeded)
                {
                    (seededLeaves ??= new HashSet<string>(System.StringComparer.Ordinal)).UnionWith(seeded.IsLeaf ? new[] { seeded.EntityId } : System.Array.Empty<string>());
                    continue;
                }

                if (ContextModelRecord.Decode(value) is { } contextModel)
                {
                    (contextModels ??= new List<ContextModelRecord>()).Add(contextModel);
                }
            }
        }

        if (summarized is null && byMethod is null && handlers is null && dispatchers is null && callSites is null && constructorStores is null)
        {
            return Empty;
        }

        var result = new ReferencedSummaries(
            byMethod ?? new Dictionary<string, List<MethodSummary>>(), summarized ?? new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default),
            callSites ?? new List<CallSiteRecord>(), recordedBy, quiet)
        {
            handlersByRequest = handlers,
            dispatchers = dispatchers,
            seededLeafEntities = seededLeaves,
            constructorStoresByKey = constructorStores,
        };
        if (contextModels is not null)
        {
            result.ContextModels.AddRange(contextModels);
        }

        return result;
    }

    /// <summary>The assembly whose summary holds this record or call site (the UP join asks who sees both sides); null for one not read here.</summary>
    public IAssemblySymbol? GetRecordingAssembly(object recordOrCallSite) =>
        recordedBy.TryGetValue(recordOrCallSite, out var assembly) ? assembly : null;

    /// <summary>True when the assembly was built with <c>perfguard.report_cross_project_call_sites = false</c>: it reported no Up join.</summary>
    public bool IsQuiet(IAssemblySymbol assembly) => quiet.Contains(assembly);

    private HashSet<string>? seededLeafEntities;

    private Dictionary<string, Dictionary<string, int>>? constructorStoresByKey;

    /// <summary>
    /// PG0006: the ordinal of the parameter a referenced public constructor stores unchanged into the property (its v1s
    /// record), or -1 (no record, or two constructors with the same parameter names that store different ones).
    /// </summary>
    public int FindConstructorStore(IMethodSymbol constructor, string property) =>
        constructorStoresByKey is not null && ConstructorStoreRecord.KeyOf(constructor.OriginalDefinition) is { } key &&
        constructorStoresByKey.TryGetValue(key, out var stores) && stores.TryGetValue(property, out var ordinal) ? ordinal : -1;

    private static void AddConstructorStore(Dictionary<string, Dictionary<string, int>> byKey, ConstructorStoreRecord store)
    {
        if (!byKey.TryGetValue(store.Key, out var stores))
        {
            stores = new Dictionary<string, int>(System.StringComparer.Ordinal);
            byKey.Add(store.Key, stores);
        }

        // Overloads with the same parameter names that store different parameters: neither is followed.
        stores[store.Property] = stores.TryGetValue(store.Property, out var known) && known != store.Ordinal ? -1 : store.Ordinal;
    }

    /// <summary>PG0007: a referenced project's model seeds the entity with HasData and it has no navigations (a reference table).</summary>
    public bool IsSeededLeaf(ITypeSymbol? entity) =>
        seededLeafEntities is not null && entity?.OriginalDefinition.GetDocumentationCommentId() is { } id && seededLeafEntities.Contains(id);

    /// <summary>True when a referenced project recorded the handler of some request type (v1h).</summary>
    public bool HasHandlers => handlersByRequest is not null;

    /// <summary>The recorded handlers of a request type (documentation-comment ID of its generic definition).</summary>
    public IReadOnlyList<HandlerRecord>? FindHandlers(string requestId) =>
        handlersByRequest is not null && handlersByRequest.TryGetValue(requestId, out var list) ? list : null;

    /// <summary>True when a referenced project recorded this method as a dispatcher that resolves handlers from DI (v1d).</summary>
    public bool IsDispatcher(IMethodSymbol method) =>
        dispatchers is not null && (method.ReducedFrom ?? method).OriginalDefinition.GetDocumentationCommentId() is { } id && dispatchers.Contains(id);

    /// <summary>
    /// True when the assembly was built with PerfGuard and wrote the "v1" marker: its summary is complete, no fallback
    /// heuristic applies. A project without EF Core writes no marker: its recorded methods are judged by their records
    /// (<see cref="Find(IMethodSymbol)"/>), the others by the fallback.
    /// </summary>
    public bool IsSummarized(IAssemblySymbol? assembly) => assembly is not null && summarized.Contains(assembly);

    /// <summary>Mixed chains: the records that still wait for contracts (field 13), for the call-site writer of a project that cannot join them either.</summary>
    public IEnumerable<MethodSummary> WithPendingContracts()
    {
        foreach (var list in byMethod.Values)
        {
            foreach (var record in list)
            {
                if (record.PendingContracts.Length > 0)
                {
                    yield return record;
                }
            }
        }
    }

    /// <summary>The records for a method ID (documentation-comment form).</summary>
    public IReadOnlyList<MethodSummary>? Find(string methodId) => byMethod.TryGetValue(methodId, out var list) ? list : null;

    /// <summary>The records for a method (several when implementations in several projects recorded an interface method).</summary>
    public IReadOnlyList<MethodSummary>? Find(IMethodSymbol method)
    {
        if (byMethod.Count == 0)
        {
            return null;
        }

        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        var id = definition.GetDocumentationCommentId();
        return id is not null && byMethod.TryGetValue(id, out var list) ? list : null;
    }

    /// <summary>PG0001's policy: a call makes a round trip when any recorded implementation does (an N+1 in one is enough).</summary>
    public string? FindRoundTrip(IMethodSymbol method)
    {
        var records = Find(method);
        if (records is null)
        {
            return null;
        }

        foreach (var record in records)
        {
            if (record.RoundTrip is not null)
            {
                return record.RoundTrip;
            }
        }

        return null;
    }

    /// <summary>
    /// PG0004's policy: unbounded only when every recorded implementation returns unbounded rows (precision first);
    /// bounded when any recorded one is bounded.
    /// </summary>
    public MethodSummary? FindRows(IMethodSymbol method)
    {
        var records = Find(method);
        if (records is null)
        {
            return null;
        }

        MethodSummary? unbounded = null;
        foreach (var record in records)
        {
            switch (record.Rows)
            {
                case SummaryRows.Bounded:
                    return record;
                case SummaryRows.Unbounded:
                    unbounded ??= record;
                    break;
                default:
                    return null;
            }
        }

        return unbounded;
    }

    /// <summary>
    /// PG0006's policy: the parameters every recorded implementation takes into Take unbounded (precision first, as
    /// PG0004); none when the method has no record.
    /// </summary>
    public ParameterSet FindUnboundedPageSizes(IMethodSymbol method)
    {
        var records = Find(method);
        if (records is null)
        {
            return ParameterSet.None;
        }

        var result = ParameterSet.All;
        foreach (var record in records)
        {
            result = result.Intersect(record.PageSizeParameters);
        }

        return result;
    }
}
