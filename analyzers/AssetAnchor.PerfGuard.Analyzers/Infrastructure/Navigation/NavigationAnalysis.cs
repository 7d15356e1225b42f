using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Knows whether a navigation read on an entity is loaded: where the entity came from (a query of this body, or one
/// returned by a helper, service or repository of this compilation, or a referenced project's record), which
/// navigations that query includes (Include/ThenInclude, AutoInclude, owned types), which the bodies load explicitly
/// or by fix-up, and whether the context loads lazily. One instance per compilation
/// (<see cref="DataAccessModel.GetNavigations"/>); what a method returns is summarised once per (method, depth) and
/// shared by PG0002/PG0003 and the summary writer.
/// </summary>
/// <remarks>
/// Policy for calls: a method is followed (to <see cref="RoundTripAnalysis.MaxCallDepth"/> calls) into its body when
/// the call has one body: a non-virtual method of this compilation, a virtual one nothing overrides, or an interface
/// or abstract method with exactly one implementation here. With several bodies (implementations here, overrides and
/// the virtual body itself, records of implementations in referenced projects; at most 7) each is described as its
/// record would be and a navigation is unloaded only when every description says so in the same way (all never
/// loaded, or all lazy); one that cannot be described makes the call unknown. A method of a referenced project is
/// judged by its records.
/// </remarks>
internal sealed partial class NavigationAnalysis
{
    private static readonly ConditionalWeakTable<IOperation, NavigationBodyFacts> FactsByBody = new();

    private readonly DataAccessModel data;
    private readonly ConditionalWeakTable<IOperation, NavigationBodyFacts>.CreateValueCallback computeFacts;
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Calls), Returned> returned = new(MethodKeyComparer.Instance);
    private HashSet<string>? navigationNames;

    public NavigationAnalysis(DataAccessModel data)
    {
        this.data = data;
        computeFacts = body => NavigationBodyFacts.Compute(body, data.Symbols);
    }

    public EfSymbols Symbols => data.Symbols;

    public EntityModel GetEntityModel(CancellationToken cancellationToken) => data.GetEntityModel(cancellationToken);

    /// <summary>The names of every navigation of this compilation's entities and of the entities referenced projects' methods return: the syntax filter.</summary>
    public HashSet<string> GetNavigationNames(CancellationToken cancellationToken)
    {
        var names = Volatile.Read(ref navigationNames);
        if (names is not null)
        {
            return names;
        }

        var referencedNames = data.GetReferencedSummaries(cancellationToken).ReturnedNavigationNames;
        names = referencedNames.Count == 0 ? GetEntityModel(cancellationToken).NavigationNames : new HashSet<string>(GetEntityModel(cancellationToken).NavigationNames, System.StringComparer.Ordinal);
        if (referencedNames.Count > 0)
        {
            names.UnionWith(referencedNames);
        }

        return Interlocked.CompareExchange(ref navigationNames, names, null) ?? names;
    }

    /// <summary>A navigation as far as the records of referenced projects know (the entity model knows only this compilation's entities).</summary>
    public bool IsRecordedNavigationName(string name, CancellationToken cancellationToken) =>
        data.GetReferencedSummaries(cancellationToken).ReturnedNavigationNames.Contains(name);

    public NavigationBodyFacts GetBodyFacts(IOperation operation) => FactsByBody.GetValue(OperationHelpers.GetRoot(operation), computeFacts);

    /// <summary>
    /// The state of the last navigation of <paramref name="path"/> (the navigations walked from the origin's entity,
    /// then the one read). <see cref="NavigationState.Unknown"/> when the query projects, its root is unknown, or a
    /// parent navigation is itself unloaded without lazy loading (that read is the one reported).
    /// </summary>
    public NavigationState Judge(in EntityOrigin origin, IReadOnlyList<IPropertySymbol> path, IOperation? reader, CancellationToken cancellationToken, out QueryShape? shape)
    {
        shape = null;
        var property = path[path.Count - 1];
        var target = GetTargetType(property);
        if (origin.Recorded is { } recorded)
        {
            var recordedState = recorded.GetState(path.Count == 1 ? property.Name : JoinNames(path));
            return recordedState is NavigationState.LazyLoaded or NavigationState.NotLoaded && reader is not null && GetBodyFacts(reader).Loads(property, target)
                ? NavigationState.Loaded
                : recordedState;
        }

        var model = GetEntityModel(cancellationToken);
        shape = origin.Chain is null ? null : QueryShape.Analyze(origin.Chain, data, cancellationToken);
        if (shape is not null && (!shape.IsRootKnown || shape.Projects))
        {
            return NavigationState.Unknown;
        }

        var names = new string[path.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = path[i].Name;
        }

        var lazy = model.IsLazyLoaded(property, shape?.ContextType);
        if (!lazy && !IsPrefixLoaded(path, names, shape, model))
        {
            return NavigationState.Unknown;
        }

        if (IsStepLoaded(path, names, path.Count - 1, shape, model) ||
            (origin.SourceFacts?.Loads(property, target) ?? false) ||
            (reader is not null && GetBodyFacts(reader).Loads(property, target)))
        {
            return NavigationState.Loaded;
        }

        return lazy ? NavigationState.LazyLoaded : NavigationState.NotLoaded;
    }

    /// <summary>For the summary record: the tracked entity the method returns and the state of each of its navigations; null when none.</summary>
    public ReturnedEntity? SummarizeReturned(IMethodSymbol method, CancellationToken cancellationToken) =>
        Describe(GetReturned(method.OriginalDefinition, 0, cancellationToken), cancellationToken);

    /// <summary>
    /// For field 12: the deferred EF query a method returns (<paramref name="query"/>, a <c>Q</c>) with what it already
    /// includes and the context it starts from, or what a helper over its parameter's query (a <c>P</c>n) adds to it,
    /// read by <see cref="QueryShape"/> from the one value the method returns; unchanged (includes unknown) when it
    /// returns several values, projects, or its start or context cannot be named.
    /// </summary>
    public RecordedQuery AddIncludes(IMethodSymbol method, RecordedQuery query, CancellationToken cancellationToken)
    {
        if ((!query.IsDatabase && query.ParameterOrdinal < 0) || query.Includes is not null)
        {
            return query;
        }

        var body = data.Models.GetMethodBody(method.OriginalDefinition, SourceBodies.Members, cancellationToken);

        if (body is null || GetSingleReturnedValue(body) is not { } value)
        {
            return query;
        }

        var shape = QueryShape.Analyze(value, data, cancellationToken);
        string? contextId;
        if (query.IsDatabase)
        {
            contextId = shape.IsRootKnown && shape.ContextType is INamedTypeSymbol { TypeKind: TypeKind.Class } context
                ? context.OriginalDefinition.GetDocumentationCommentId()
                : null;
        }
        else
        {
            // A helper over its parameter's query: what it adds on top, the context is the caller's.
            contextId = shape.RootParameter is { } parameter && parameter.Ordinal == query.ParameterOrdinal &&
                SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, method.OriginalDefinition)
                ? string.Empty
                : null;
        }

        if (contextId is null || shape.Projects)
        {
            return query;
        }

        var paths = new List<string>(shape.IncludePaths.Count);
        foreach (var path in shape.IncludePaths)
        {
            paths.Add(string.Join(".", path));
        }

        return query.WithIncludes(RecordedIncludes.Create(contextId, paths, shape.IgnoresAutoIncludes));
    }

    /// <summary>What a method returns, as its record says it: the entity and the state of each navigation path; null when unknown.</summary>
    private ReturnedEntity? Describe(Returned found, CancellationToken cancellationToken)
    {
        if (!found.Exists || !found.Origin.Path.IsEmpty || found.Origin.EntityType.OriginalDefinition.GetDocumentationCommentId() is not { } entityId)
        {
            return null;
        }

        var origin = found.Origin;
        if (origin.Recorded is { } recorded)
        {
            return recorded;
        }

        var states = new Dictionary<string, NavigationState>(System.StringComparer.Ordinal);
        AddPathStates(origin, origin.EntityType, new List<IPropertySymbol>(), states, cancellationToken);
        return states.Count == 0 ? null : new ReturnedEntity(entityId, states);
    }

    /// <summary>
    /// The state of every navigation of <paramref name="entity"/> below <paramref name="prefix"/>, and, below each
    /// loaded one, of the loaded entity's navigations (ThenInclude chains, string includes, AutoInclude), to
    /// <see cref="ReturnedEntity.MaxPathLength"/> steps. Below an unloaded navigation nothing is recorded: the read of
    /// that navigation is the one a caller is told about.
    /// </summary>
    private void AddPathStates(
        in EntityOrigin origin, ITypeSymbol entity, List<IPropertySymbol> prefix, Dictionary<string, NavigationState> states, CancellationToken cancellationToken)
    {
        var model = GetEntityModel(cancellationToken);
        var loaded = new List<IPropertySymbol>();
        for (var type = entity as INamedTypeSymbol; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is not IPropertySymbol property || !model.IsNavigation(property, out _) || (prefix.Count > 0 && states.Count >= ReturnedEntity.MaxPaths))
                {
                    continue;
                }

                var path = new List<IPropertySymbol>(prefix) { property };
                var state = Judge(origin, path, reader: null, cancellationToken, out _);
                if (state == NavigationState.Unknown)
                {
                    continue;
                }

                var key = prefix.Count == 0 ? property.Name : JoinNames(path);
                if (!states.ContainsKey(key))
                {
                    states[key] = state;
                    if (state == NavigationState.Loaded)
                    {
                        loaded.Add(property);
                    }
                }
            }

            if (prefix.Count == 0)
            {
                // The entity's own navigations only, as before: inherited ones were never recorded at the first level.
                break;
            }
        }

        if (prefix.Count + 1 >= ReturnedEntity.MaxPathLength)
        {
            return;
        }

        foreach (var property in loaded)
        {
            if (GetTargetType(property) is { } target)
            {
                AddPathStates(origin, target, new List<IPropertySymbol>(prefix) { property }, states, cancellationToken);
            }
        }
    }

    private static string JoinNames(IReadOnlyList<IPropertySymbol> path)
    {
        var names = new string[path.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = path[i].Name;
        }

        return string.Join(".", names);
    }

    private ITypeSymbol? GetTargetType(IPropertySymbol property) =>
        (property.Type.SpecialType == SpecialType.None && Symbols.GetElementType(property.Type) is { } element ? element : property.Type).OriginalDefinition;

    private static bool IsPrefixLoaded(IReadOnlyList<IPropertySymbol> path, string[] names, QueryShape? shape, EntityModel model)
    {
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (!IsStepLoaded(path, names, i, shape, model))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Step i is loaded when an include covers the path up to it, or it and all its parents are auto-included.</summary>
    private static bool IsStepLoaded(IReadOnlyList<IPropertySymbol> path, string[] names, int index, QueryShape? shape, EntityModel model)
    {
        if (shape is not null && shape.Includes(names, index + 1))
        {
            return true;
        }

        if (shape is not null && shape.IgnoresAutoIncludes)
        {
            return false;
        }

        return model.IsAutoIncluded(path[index]) && (index == 0 || IsStepLoaded(path, names, index - 1, shape, model));
    }

    /// <summary>
    /// The entity a call returns (one, or the elements of a list), followed into the callee's body or a referenced
    /// record. An interface, abstract or virtual method with one body to run is followed into it; with several (the
    /// implementations in this compilation, the overrides and the virtual method's own body, the records of the
    /// implementations in referenced projects) what each returns is described as a record would describe it and the
    /// descriptions are merged by <see cref="ReturnedEntity.Merge"/>: a navigation is unloaded only when every one
    /// says so in the same way (all never loaded, or all lazy), and any that cannot be described makes the call unknown.
    /// </summary>
    private bool TryGetReturnedOrigin(IInvocationOperation invocation, bool elements, int calls, CancellationToken cancellationToken, out EntityOrigin origin)
    {
        origin = default;
        var method = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition;
        if (calls >= RoundTripAnalysis.MaxCallDepth || method.MethodKind != MethodKind.Ordinary ||
            GetReturnedEntityType(invocation.TargetMethod.ReturnType, elements) is not { } entityType)
        {
            return false;
        }

        var inThisCompilation = SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, data.Compilation.Assembly);
        if (!inThisCompilation && TryGetMaterializedOrigin(invocation, method, entityType, cancellationToken, out origin))
        {
            // repo.FirstOrDefaultAsync(query): the row of the argument's query, as the record (field 12's M) says.
            return true;
        }

        var isContract = method.IsAbstract || method.ContainingType?.TypeKind == TypeKind.Interface;
        if (!isContract && !method.IsVirtual)
        {
            if (inThisCompilation && TryGetOwnMaterializedOrigin(invocation, method, entityType, cancellationToken, out origin))
            {
                // A method of this compilation that runs the query passed to it: the same M the writer would record.
                return true;
            }

            return inThisCompilation ? TryFollowBody(method, calls, cancellationToken, out origin) : TryGetRecordedOrigin(method, entityType, out origin);
        }

        // GetImplementations stops at 8: with 8 there may be more, and one not seen may be the one that runs.
        var implementations = data.Types.GetImplementations(method);
        if (implementations.Length >= 8)
        {
            return false;
        }

        var records = inThisCompilation ? null : data.GetReferencedSummaries(cancellationToken).Find(method);
        var ownBody = !isContract && inThisCompilation;
        var candidates = implementations.Length + (ownBody ? 1 : 0) + (records?.Count ?? 0);
        if (candidates == 0)
        {
            // A virtual method of a referenced project that recorded nothing for it, or an interface nobody here implements.
            return !isContract && !inThisCompilation ? false : TryGetRecordedOrigin(method, entityType, out origin);
        }

        if (candidates == 1 && records is null)
        {
            // One body: followed as a direct call (the fix can then anchor an Include in it).
            return TryFollowBody(ownBody ? method : implementations[0].OriginalDefinition, calls, cancellationToken, out origin);
        }

        var described = new List<ReturnedEntity?>(candidates);
        if (ownBody)
        {
            described.Add(Describe(GetReturned(method, calls + 1, cancellationToken), cancellationToken));
        }

        foreach (var implementation in implementations)
        {
            described.Add(Describe(GetReturned(implementation.OriginalDefinition, calls + 1, cancellationToken), cancellationToken));
        }

        if (records is not null)
        {
            foreach (var record in records)
            {
                described.Add(record.ReturnedEntity);
            }
        }

        return TryCreateRecordedOrigin(described, entityType, out origin);
    }

    private bool TryFollowBody(IMethodSymbol body, int calls, CancellationToken cancellationToken, out EntityOrigin origin)
    {
        var found = GetReturned(body, calls + 1, cancellationToken);
        origin = found.Origin;
        return found.Exists;
    }

    private bool TryGetRecordedOrigin(IMethodSymbol method, ITypeSymbol entityType, out EntityOrigin origin)
    {
        origin = default;
        var records = data.GetReferencedSummaries(CancellationToken.None).Find(method);
        if (records is null)
        {
            return false;
        }

        var returnedEntities = new List<ReturnedEntity?>(records.Count);
        foreach (var record in records)
        {
            returnedEntities.Add(record.ReturnedEntity);
        }

        return TryCreateRecordedOrigin(returnedEntities, entityType, out origin);
    }

    private static bool TryCreateRecordedOrigin(IReadOnlyList<ReturnedEntity?> described, ITypeSymbol entityType, out EntityOrigin origin)
    {
        origin = default;
        if (ReturnedEntity.Merge(described) is not { } merged ||
            merged.EntityId != entityType.OriginalDefinition.GetDocumentationCommentId())
        {
            return false;
        }

        origin = new EntityOrigin(null, null, entityType, ImmutableArray<IPropertySymbol>.Empty, false, recorded: merged);
        return true;
    }

    /// <summary>The entity type of a return type (Task&lt;T&gt; unwrapped): the element type of a list for <paramref name="elements"/>, else a class that is no sequence.</summary>
    private ITypeSymbol? GetReturnedEntityType(ITypeSymbol type, bool elements)
    {
        var result = Symbols.GetTaskResultType(type) ?? type;
        if (result.SpecialType != SpecialType.None || result.TypeKind != TypeKind.Class && result.TypeKind != TypeKind.Interface && result.TypeKind != TypeKind.Array)
        {
            return null;
        }

        var element = Symbols.GetElementType(result);
        return elements ? element : element is null && result.TypeKind == TypeKind.Class ? result : null;
    }

    /// <summary>What the body of a method returns, computed once per (method, calls already followed).</summary>
    private Returned GetReturned(IMethodSymbol method, int calls, CancellationToken cancellationToken)
    {
        var key = (method, calls);
        if (returned.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var result = ComputeReturned(method, calls, cancellationToken);
        return returned.GetOrAdd(key, result);
    }

    private Returned ComputeReturned(IMethodSymbol method, int calls, CancellationToken cancellationToken)
    {
        if (GetReturnedEntityType(method.ReturnType, elements: true) is null && GetReturnedEntityType(method.ReturnType, elements: false) is null)
        {
            return default;
        }

        var body = data.Models.GetMethodBody(method, SourceBodies.Members, cancellationToken);

        if (body is null || GetSingleReturnedValue(body) is not { } value)
        {
            return default;
        }

        var elements = GetReturnedEntityType(method.ReturnType, elements: true) is not null;
        EntityOrigin origin;
        var found = elements
            ? TryGetElementOrigin(value, calls, cancellationToken, out origin)
            : TryGetEntityOrigin(value, calls, cancellationToken, out origin);
        return found ? new Returned(origin.AsReturned(GetBodyFacts(body))) : default;
    }

    /// <summary>The one value the method returns (returns of null aside); null when it returns two different things or none.</summary>
    private static IOperation? GetSingleReturnedValue(IOperation body)
    {
        IOperation? single = null;
        foreach (var operation in body.Descendants())
        {
            if (operation is not IReturnOperation { ReturnedValue: { } value } || IsInNestedFunction(operation, body) ||
                OperationHelpers.Strip(value).ConstantValue is { HasValue: true, Value: null })
            {
                continue;
            }

            if (single is not null)
            {
                return null;
            }

            single = value;
        }

        return single;
    }

    private static bool IsInNestedFunction(IOperation operation, IOperation body)
    {
        for (var current = operation.Parent; current is not null && !ReferenceEquals(current, body); current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private readonly struct Returned
    {
        public Returned(EntityOrigin origin)
        {
            Origin = origin;
            Exists = true;
        }

        public EntityOrigin Origin { get; }

        public bool Exists { get; }
    }
}
