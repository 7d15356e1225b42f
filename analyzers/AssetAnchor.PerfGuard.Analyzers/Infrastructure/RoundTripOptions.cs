using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>The PG0001 options of one syntax tree (.editorconfig keys prefixed with the rule ID).</summary>
internal sealed class RoundTripOptions
{
    public const string QueryMethodsKey = "PG0001.query_methods";
    public const string SmallLoopBoundKey = "PG0001.small_loop_bound";
    public const string ExcludedContextsKey = "PG0001.excluded_contexts";
    public const string ExternalRepositoryHeuristicKey = "PG0001.external_repository_heuristic";

    public const int DefaultSmallLoopBound = 8;

    /// <summary>
    /// On by default: a method of another assembly of the application that itself references EF Core, returning
    /// Task&lt;TEntity&gt; (or ValueTask, or a collection of entities) for an entity type of a known DbContext, is
    /// a repository read far more often than not. The narrowing keeps HTTP clients and caches out.
    /// </summary>
    public const bool DefaultExternalRepositoryHeuristic = true;

    public static readonly RoundTripOptions Default = new(
        ImmutableHashSet<string>.Empty, DefaultSmallLoopBound, ImmutableHashSet<string>.Empty, DefaultExternalRepositoryHeuristic);

    private RoundTripOptions(ImmutableHashSet<string> queryMethods, int smallLoopBound, ImmutableHashSet<string> excludedContexts, bool externalRepositoryHeuristic)
    {
        QueryMethods = queryMethods;
        SmallLoopBound = smallLoopBound;
        ExcludedContexts = excludedContexts;
        ExternalRepositoryHeuristic = externalRepositoryHeuristic;
    }

    /// <summary>Fully qualified methods (Namespace.Type.Method) treated as one round trip per call.</summary>
    public ImmutableHashSet<string> QueryMethods { get; }

    /// <summary>Loops over constant collections or ranges of at most this many elements are not reported.</summary>
    public int SmallLoopBound { get; }

    /// <summary>Fully qualified DbContext types whose round trips are ignored.</summary>
    public ImmutableHashSet<string> ExcludedContexts { get; }

    public bool ExternalRepositoryHeuristic { get; }

    public static RoundTripOptions Read(AnalyzerOptions options, SyntaxTree tree)
    {
        var queryMethods = RuleOptions.GetList(options, tree, QueryMethodsKey);
        var bound = RuleOptions.GetInt32(options, tree, SmallLoopBoundKey, DefaultSmallLoopBound, 0, 10_000);
        var excluded = RuleOptions.GetList(options, tree, ExcludedContextsKey);
        var heuristic = RuleOptions.GetBoolean(options, tree, ExternalRepositoryHeuristicKey, DefaultExternalRepositoryHeuristic);
        if (queryMethods.IsEmpty && excluded.IsEmpty && bound == DefaultSmallLoopBound && heuristic == DefaultExternalRepositoryHeuristic)
        {
            return Default;
        }

        return new RoundTripOptions(queryMethods, bound, excluded, heuristic);
    }
}
