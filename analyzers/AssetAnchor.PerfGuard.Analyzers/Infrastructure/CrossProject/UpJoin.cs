using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AssetAnchor.PerfGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The UP direction of PG0001, PG0006, PG0002/PG0003, PG0004/PG0007 and PG0005: a referenced project (Application) recorded a
/// call on an interface it could not see implemented (in a loop; with the request's page size; followed by a navigation
/// read on what it returns; returned by an endpoint with no row limit; its query paged with Skip/Take and no order), and an implementation in this compilation or in another referenced project answers it. The first
/// project that sees both sides reports at the call site's own file and line (<see cref="CompositionRoot"/>), once per
/// compilation at its end. Each rule's analyzer registers the joins of its own kind (a diagnostic ID belongs to one
/// analyzer) and lists these descriptors.
/// </summary>
internal static class UpJoin
{
    /// <summary>
    /// The compilation-end action that reports the joins of one kind this compilation is the first to see, or null when
    /// it has none to judge. <paramref name="rule"/> is the kind's descriptor (PG0002's for navigation reads, PG0004's for
    /// endpoint rows), and <paramref name="neverLoadedRule"/> PG0003's (PG0007's for endpoint rows over a reference table).
    /// </summary>
    public static System.Action<CompilationAnalysisContext>? Create(
        DataAccessModel data, AnalyzerOptions options, CallSiteKind kind, DiagnosticDescriptor rule, DiagnosticDescriptor? neverLoadedRule, CancellationToken cancellationToken)
    {
        if (!CompositionRoot.ReportsCallSites(data.Compilation, options) ||
            data.GetReferencedSummaries(cancellationToken) is not { CallSites.Count: > 0 } summaries ||
            !HasKind(summaries, kind))
        {
            return null;
        }

        return endContext => new Joiner(data, summaries, options, endContext, rule, neverLoadedRule ?? rule).ReportAll(kind);
    }

    private static bool HasKind(ReferencedSummaries summaries, CallSiteKind kind)
    {
        foreach (var site in summaries.CallSites)
        {
            if (site.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One compilation's joins: each recorded call site against the implementations this compilation sees.</summary>
    private sealed class Joiner
    {
        private readonly DataAccessModel data;
        private readonly ReferencedSummaries summaries;
        private readonly AnalyzerOptions options;
        private readonly CompilationAnalysisContext context;
        private readonly CancellationToken cancellationToken;
        private readonly DiagnosticDescriptor rule;
        private readonly DiagnosticDescriptor neverLoadedRule;
        private RowsAnalysis.CompilationData? rows;

        public Joiner(
            DataAccessModel data, ReferencedSummaries summaries, AnalyzerOptions options, CompilationAnalysisContext context,
            DiagnosticDescriptor rule, DiagnosticDescriptor neverLoadedRule)
        {
            this.rule = rule;
            this.neverLoadedRule = neverLoadedRule;
            this.data = data;
            this.summaries = summaries;
            this.options = options;
            this.context = context;
            cancellationToken = context.CancellationToken;
        }

        private Compilation Compilation => data.Compilation;

        public void ReportAll(CallSiteKind kind)
        {
            foreach (var site in summaries.CallSites)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (site.Kind != kind || summaries.GetRecordingAssembly(site) is not { } siteAssembly)
                {
                    continue;
                }

                var records = summaries.Find(site.TargetId) ?? System.Array.Empty<MethodSummary>();
                var implementations = DocumentationCommentId.GetFirstSymbolForDeclarationId(site.TargetId, Compilation) is IMethodSymbol target
                    ? data.Types.GetImplementations(target)
                    : ImmutableArray<IMethodSymbol>.Empty;
                if (records.Count == 0 && implementations.IsEmpty)
                {
                    continue;
                }

                switch (site.Kind)
                {
                    case CallSiteKind.RoundTripInLoop:
                        JoinRoundTrip(site, siteAssembly, records, implementations);
                        break;
                    case CallSiteKind.PageSize:
                        JoinPageSize(site, siteAssembly, records, implementations);
                        break;
                    case CallSiteKind.NavigationRead:
                        JoinNavigation(site, siteAssembly, records, implementations);
                        break;
                    case CallSiteKind.EndpointRows:
                        JoinRows(site, siteAssembly, records, implementations);
                        break;
                    case CallSiteKind.RowLimit:
                        JoinRowLimit(site, siteAssembly, records, implementations);
                        break;
                }
            }
        }

        /// <summary>PG0001's policy: any implementation that makes a round trip (this compilation's first, then the recorded ones).</summary>
        private void JoinRoundTrip(CallSiteRecord site, IAssemblySymbol siteAssembly, IReadOnlyList<MethodSummary> records, ImmutableArray<IMethodSymbol> implementations)
        {
            string? chain = null;
            if (!implementations.IsEmpty)
            {
                var roundTrips = data.GetRoundTrips(options);
                foreach (var implementation in implementations)
                {
                    chain = roundTrips.SummarizeMethod(implementation, cancellationToken);
                    if (chain is not null)
                    {
                        break;
                    }
                }
            }

            if (chain is null)
            {
                foreach (var record in records)
                {
                    if (record.RoundTrip is not null && IsFirstToSee(siteAssembly, record))
                    {
                        chain = record.RoundTrip;
                        break;
                    }
                }
            }

            if (chain is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    rule, site.ToLocation(), site.CallText, site.LoopDescription, chain, DatabaseRoundTripInLoopAnalyzer.Advice(chain)));
            }
        }

        /// <summary>
        /// PG0006's policy: every implementation (this compilation's, read from their bodies, and the recorded ones) takes
        /// the argument into Take unclamped: the parameter at the site's ordinal or, for a bound parameter object handed on
        /// whole (ordinal -1), a property the endpoint leaves unbounded (field 8's "1.PageSize"), reported once per
        /// argument, naming the first such property.
        /// </summary>
        private void JoinPageSize(CallSiteRecord site, IAssemblySymbol siteAssembly, IReadOnlyList<MethodSummary> records, ImmutableArray<IMethodSymbol> implementations)
        {
            var wholeObject = site.ArgumentOrdinal < 0;
            var taken = wholeObject ? site.PageSizeProperties : ParameterSet.FromOrdinals(new[] { site.ArgumentOrdinal });
            if (taken.IsEmpty)
            {
                return;
            }

            var first = !implementations.IsEmpty;
            if (!implementations.IsEmpty)
            {
                var pageSizes = data.GetPageSizes();
                foreach (var implementation in implementations)
                {
                    taken = taken.Intersect(pageSizes.SummarizeParameters(implementation, cancellationToken));
                    if (taken.IsEmpty)
                    {
                        return;
                    }
                }
            }

            foreach (var record in records)
            {
                taken = taken.Intersect(record.PageSizeParameters);
                if (taken.IsEmpty)
                {
                    return;
                }

                first |= IsFirstToSee(siteAssembly, record);
            }

            if (!first)
            {
                return;
            }

            if (!wholeObject)
            {
                context.ReportDiagnostic(Diagnostic.Create(rule, site.ToLocation(), site.CallText, site.LoopDescription, TargetName(site)));
            }
            else if (taken.TryGetFirstProperty(out _, out var property))
            {
                var value = site.IsBuiltValue ? site.CallText : site.CallText + "." + property;
                context.ReportDiagnostic(Diagnostic.Create(rule, site.ToLocation(), value, site.LoopDescription, TargetName(site)));
            }
        }

        /// <summary>
        /// PG0004's policy: every implementation (this compilation's, read from their bodies, and the recorded ones)
        /// returns unbounded rows; one bounded, one that returns its parameter's rows or one that cannot be followed
        /// wins. The rows' parents (a foreign key pinned to one value, field 11) that every implementation shares exempt
        /// the endpoint when its response is named after one of them (one parent with its children); an entity in the
        /// endpoint file's PG0004.exempt_types is skipped, and a reference table (PG0004.reference_entities, or seeded with
        /// HasData without navigations: v1e records or this compilation's model) is reported as PG0007.
        /// </summary>
        private void JoinRows(CallSiteRecord site, IAssemblySymbol siteAssembly, IReadOnlyList<MethodSummary> records, ImmutableArray<IMethodSymbol> implementations)
        {
            string? queryText = null;
            ITypeSymbol? entity = null;
            string[]? parents = null;
            var first = !implementations.IsEmpty;
            if (!implementations.IsEmpty)
            {
                rows ??= new RowsAnalysis.CompilationData(data, data.AspNet);
                foreach (var implementation in implementations)
                {
                    var tree = implementation.Locations.Length > 0 ? implementation.Locations[0].SourceTree : null;
                    var paginationMethods = tree is null
                        ? System.Array.Empty<string>()
                        : PagingQueries.ReadList(options.AnalyzerConfigOptionsProvider.GetOptions(tree), PagingQueries.PaginationMethodsKey);
                    var verdict = rows.Summarize(implementation.OriginalDefinition, paginationMethods, depth: 1, cancellationToken);
                    if (verdict.Kind != RowsAnalysis.RowsKind.Unbounded || verdict.Finding is not { FilteredByCaller: false } finding)
                    {
                        return;
                    }

                    queryText ??= finding.QueryText;
                    entity ??= finding.Entity;
                    parents = Common(parents, ToArray(finding.Parents));
                }
            }

            foreach (var record in records)
            {
                if (record.Rows != SummaryRows.Unbounded)
                {
                    return;
                }

                queryText ??= record.QueryText;
                entity ??= record.Entity is null ? null : DocumentationCommentId.GetFirstSymbolForDeclarationId(record.Entity, Compilation) as ITypeSymbol;
                parents = Common(parents, record.Parents);
                first |= IsFirstToSee(siteAssembly, record);
            }

            if (!first || queryText is null || NamesAParent(site.ResponseTypeNames, parents) ||
                UnpaginatedEndpoints.IsListed(entity, site.ExemptTypes))
            {
                return;
            }

            var via = " (through '" + site.LoopDescription + "', implemented in another project)";
            var inMemory = site.Detail == CallSiteRecord.RowsPagedInMemory
                ? UnpaginatedCollectionEndpointAnalyzer.InMemoryClause(site.InMemoryMaterializer.Length == 0 ? "ToList" : site.InMemoryMaterializer)
                : string.Empty;
            var reason = UnpaginatedEndpoints.ReferenceTableReason(entity, site.ReferenceEntities, data, cancellationToken);
            context.ReportDiagnostic(reason is null
                ? Diagnostic.Create(rule, site.ToLocation(), site.CallText, queryText, via, inMemory)
                : Diagnostic.Create(neverLoadedRule, site.ToLocation(), site.CallText, queryText, via + inMemory, reason));
        }

        /// <summary>
        /// PG0005: the query the contract returns, as a dependent reads it Down (field 12 of every implementation,
        /// combined as the writer combines them under the interface's ID: a database query when any is one, one order
        /// only when all agree), is an unordered EF query. Ordered (<c>QO</c>), limited by the implementation itself
        /// (<c>QL</c>: judged there), unknown (<c>QX</c>), built on a parameter (<c>P</c>n) or rows in memory: no finding.
        /// </summary>
        private void JoinRowLimit(CallSiteRecord site, IAssemblySymbol siteAssembly, IReadOnlyList<MethodSummary> records, ImmutableArray<IMethodSymbol> implementations)
        {
            var query = default(RecordedQuery);
            var first = false;
            foreach (var implementation in implementations)
            {
                var returned = QueryProvenance.SummarizeReturnedQuery(implementation.OriginalDefinition, data, cancellationToken);
                first |= !returned.IsNone;
                query = RecordedQuery.Combine(query, returned);
            }

            foreach (var record in records)
            {
                first |= !record.Query.IsNone && IsFirstToSee(siteAssembly, record);
                query = RecordedQuery.Combine(query, record.Query);
            }

            if (!first || !query.IsDatabase || query.Order != QueryOrder.Unordered)
            {
                return;
            }

            var reason = RowLimitWithoutOrderByAnalyzer.Reason(orderDiscarded: site.Detail == CallSiteRecord.RowLimitOrderDiscarded);
            context.ReportDiagnostic(Diagnostic.Create(rule, site.ToLocation(), site.CallText, site.LoopDescription, reason));
        }

        private static string[] ToArray(ImmutableArray<string> values) => values.IsDefaultOrEmpty ? System.Array.Empty<string>() : System.Linq.ImmutableArrayExtensions.ToArray(values);

        /// <summary>The parents every implementation pins (null before the first).</summary>
        private static string[] Common(string[]? common, string[] parents)
        {
            if (common is null)
            {
                return parents;
            }

            var kept = new List<string>();
            foreach (var parent in common)
            {
                if (System.Array.IndexOf(parents, parent) >= 0)
                {
                    kept.Add(parent);
                }
            }

            return kept.ToArray();
        }

        /// <summary>A type the endpoint's response carries is named after one of the rows' parents (PagingQueries.IsChildOfSingleRow's test).</summary>
        private static bool NamesAParent(string[] responseTypeNames, string[]? parents)
        {
            if (parents is null)
            {
                return false;
            }

            foreach (var name in responseTypeNames)
            {
                foreach (var parent in parents)
                {
                    if (PagingQueries.EndsWithWords(name, parent))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// PG0002/PG0003's policy: the one implementation of this compilation, or every recorded one, leaves the navigation
        /// unloaded, all on lazy contexts or all not. A navigation that proxies could make lazy (virtual) and that no
        /// implementation's project made lazy is judged only by a composition root: a Program.cs can switch the context to
        /// lazy loading (AddDbContext&lt;T&gt;(o =&gt; o.UseLazyLoadingProxies())), and only the root sees that.
        /// </summary>
        private void JoinNavigation(CallSiteRecord site, IAssemblySymbol siteAssembly, IReadOnlyList<MethodSummary> records, ImmutableArray<IMethodSymbol> implementations)
        {
            var navigation = site.Detail;
            var state = NavigationState.Unknown;
            string? entityId = null;
            var first = false;
            if (implementations.Length > 1 || (implementations.Length == 1 && records.Count > 0))
            {
                return;
            }

            if (implementations.Length == 1)
            {
                var returned = data.GetNavigations().SummarizeReturned(implementations[0], cancellationToken);
                state = returned?.GetState(navigation) ?? NavigationState.Unknown;
                entityId = returned?.EntityId;
                first = true;
            }
            else
            {
                foreach (var record in records)
                {
                    var recordState = record.ReturnedEntity?.GetState(navigation) ?? NavigationState.Unknown;
                    if (recordState is not (NavigationState.LazyLoaded or NavigationState.NotLoaded) || (state != NavigationState.Unknown && state != recordState) ||
                        (entityId is not null && entityId != record.ReturnedEntity!.EntityId))
                    {
                        return;
                    }

                    state = recordState;
                    entityId = record.ReturnedEntity!.EntityId;
                    first |= IsFirstToSee(siteAssembly, record);
                }
            }

            if (entityId is null || state is not (NavigationState.LazyLoaded or NavigationState.NotLoaded))
            {
                return;
            }

            if (state == NavigationState.NotLoaded && FindNavigation(entityId, navigation) is { } property && MayBeMadeLazyElsewhere(property))
            {
                // Only the composition root sees every registration; it judges this read whoever saw both sides first.
                if (!CompositionRoot.IsCompositionRoot(Compilation))
                {
                    return;
                }

                first = true;
                if (IsMadeLazyHere(property))
                {
                    state = NavigationState.LazyLoaded;
                }
            }

            if (!first)
            {
                return;
            }

            if (state == NavigationState.LazyLoaded)
            {
                // One lazy load for one entity is a round trip, not an N+1.
                if (site.LoopDescription.Length > 0)
                {
                    context.ReportDiagnostic(Diagnostic.Create(rule, site.ToLocation(), site.CallText, site.LoopDescription, navigation, TargetName(site)));
                }

                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(neverLoadedRule, site.ToLocation(), site.CallText, navigation, TargetName(site)));
        }

        private IPropertySymbol? FindNavigation(string entityId, string navigation)
        {
            for (var type = DocumentationCommentId.GetFirstSymbolForDeclarationId(entityId, Compilation) as ITypeSymbol; type is not null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers(navigation))
                {
                    if (member is IPropertySymbol property)
                    {
                        return property;
                    }
                }
            }

            return null;
        }

        /// <summary>Lazy-loading proxies override virtual navigations: any context holding the entity may be switched to them by its registration.</summary>
        private static bool MayBeMadeLazyElsewhere(IPropertySymbol navigation) =>
            navigation.IsVirtual || navigation.IsOverride || navigation.IsAbstract;

        /// <summary>This compilation (the root) registers a context that holds the entity with lazy-loading proxies.</summary>
        private bool IsMadeLazyHere(IPropertySymbol navigation)
        {
            var model = data.GetEntityModel(cancellationToken);
            if (model.HasUnattributedLazyLoading)
            {
                return true;
            }

            foreach (var contextType in model.LazyContexts)
            {
                if (HoldsEntity(contextType, navigation.ContainingType) && model.IsLazyLoaded(navigation, contextType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The context (or a base) has a DbSet&lt;T&gt; property of the entity or of one of its base types.</summary>
        private bool HoldsEntity(ITypeSymbol contextType, ITypeSymbol entity)
        {
            for (var type = contextType; type is not null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is IPropertySymbol { Type: INamedTypeSymbol { TypeArguments.Length: 1 } set } && data.Symbols.IsDbSet(set))
                    {
                        for (var held = entity; held is not null; held = held.BaseType)
                        {
                            if (SymbolEqualityComparer.Default.Equals(set.TypeArguments[0].OriginalDefinition, held.OriginalDefinition))
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        private bool IsFirstToSee(IAssemblySymbol siteAssembly, MethodSummary record) =>
            CompositionRoot.IsFirstToSee(Compilation, siteAssembly, summaries.GetRecordingAssembly(record), summaries);

        /// <summary>The method's name from its documentation-comment ID ("M:Ns.IOrders.GetAsync(System.Int32)" gives "GetAsync").</summary>
        private static string TargetName(CallSiteRecord site)
        {
            var id = site.TargetId;
            var end = id.IndexOf('(');
            if (end < 0)
            {
                end = id.Length;
            }

            var start = id.LastIndexOf('.', end - 1) + 1;
            return id.Substring(start, end - start);
        }
    }
}
