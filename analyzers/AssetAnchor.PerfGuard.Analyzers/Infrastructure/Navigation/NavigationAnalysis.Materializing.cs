using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Methods that materialise the query their caller passes in and return its rows as they are
/// (<c>Task&lt;T&gt; FirstOrDefaultAsync&lt;T&gt;(IQueryable&lt;T&gt; query) =&gt; query.FirstOrDefaultAsync()</c>, a
/// repository shape of Clean Architecture solutions): field 12's <c>M</c>n. The writer records it with the includes the
/// method adds; the dependent takes the entity such a call returns as read from the query of its argument, so the
/// argument's includes, the method's, AutoInclude and the context's lazy loading decide as in one compilation.
/// </summary>
internal sealed partial class NavigationAnalysis
{
    /// <summary>
    /// Field 12 of a method that returns no IQueryable: <c>M</c>n with the includes it adds when its one returned value
    /// is First/Single/Last(OrDefault)(Async) or ToList/ToArray/ToHashSet(Async) of a chain that starts at its parameter
    /// n (not assigned again), projects nothing and holds only query operators (Where, OrderBy, Include, AsNoTracking, ..;
    /// a call of anything else leaves the start unseen), and it returns that parameter's element type (one, or a list of
    /// them). None otherwise. Binds nothing new: the body is the one the writer binds for the other fields.
    /// </summary>
    public RecordedQuery SummarizeMaterializing(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (method.IsAbstract || !HasQueryParameter(method) || Symbols.IsQueryable(method.ReturnType))
        {
            return default;
        }

        var body = data.Models.GetMethodBody(method, SourceBodies.Members, cancellationToken);

        if (body is null || OperationHelpers.Unwrap(GetSingleReturnedValue(body)) is not IInvocationOperation materializer ||
            !IsMaterializer(materializer, out var single))
        {
            return default;
        }

        var shape = QueryShape.Analyze(materializer.Arguments[0].Value, data, cancellationToken);
        if (shape.Projects || shape.RootParameter is not { } parameter ||
            !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, method))
        {
            return default;
        }

        // The rows as they are: the method returns its parameter's element type, not something made from it.
        var result = Symbols.GetTaskResultType(method.ReturnType) ?? method.ReturnType;
        var row = single ? result : Symbols.GetElementType(result);
        if (Symbols.GetElementType(parameter.Type) is not { } element || !SymbolEqualityComparer.Default.Equals(element, row))
        {
            return default;
        }

        var paths = new List<string>(shape.IncludePaths.Count);
        foreach (var path in shape.IncludePaths)
        {
            paths.Add(string.Join(".", path));
        }

        return RecordedIncludes.Create(string.Empty, paths, shape.IgnoresAutoIncludes) is { } includes
            ? RecordedQuery.Materializing(parameter.Ordinal, includes)
            : default;
    }

    private bool HasQueryParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (Symbols.IsQueryable(parameter.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An operator that runs the query and returns its rows: one (<paramref name="single"/>) or all of them in a list or array.</summary>
    private bool IsMaterializer(IInvocationOperation invocation, out bool single)
    {
        var method = invocation.TargetMethod;
        single = QueryOperators.SingleEntity.Contains(method.Name);
        return method.IsExtensionMethod && invocation.Arguments.Length > 0 &&
            (single || QueryOperators.RowCollections.Contains(method.Name)) &&
            (Symbols.IsLinqOrEfQueryOperatorContainer(method.ContainingType) || Symbols.IsEnumerableContainer(method.ContainingType));
    }

    /// <summary>
    /// A call of a non-virtual method of this compilation that materialises the query of its parameter n, as its body
    /// shows (<see cref="SummarizeMaterializing"/>): the entity comes from the call as a query chain, which
    /// <see cref="QueryShape"/> follows into the body (the method's own Includes) and on into the argument.
    /// </summary>
    private bool TryGetOwnMaterializedOrigin(IInvocationOperation invocation, IMethodSymbol method, ITypeSymbol entityType, CancellationToken cancellationToken, out EntityOrigin origin)
    {
        origin = default;
        if (!HasQueryParameter(method) ||
            SummarizeMaterializing(method, cancellationToken) is not { MaterializedOrdinal: >= 0 } query ||
            QueryProvenance.FindArgument(invocation, query.MaterializedOrdinal) is not { } argument ||
            !SymbolEqualityComparer.Default.Equals(Symbols.GetElementType(argument.Type), entityType) ||
            !GetEntityModel(cancellationToken).IsSourceEntityType(entityType))
        {
            return false;
        }

        origin = new EntityOrigin(invocation, argument.Syntax, entityType, ImmutableArray<IPropertySymbol>.Empty, false);
        return true;
    }

    /// <summary>
    /// A call of a referenced method whose records say it materialises the query of its parameter n (<c>M</c>n, every
    /// record of it, with known includes) and returns <paramref name="entityType"/> rows of it: the entity comes from the
    /// call itself as a query chain (<see cref="QueryShape"/> adds the method's includes and walks on into the argument).
    /// Not when this compilation also implements or overrides the method (the body that runs may be one no record describes).
    /// </summary>
    private bool TryGetMaterializedOrigin(IInvocationOperation invocation, IMethodSymbol method, ITypeSymbol entityType, CancellationToken cancellationToken, out EntityOrigin origin)
    {
        origin = default;
        if (data.GetReferencedSummaries(cancellationToken).Find(method) is not { } records ||
            RecordedQuery.Merge(records) is not { MaterializedOrdinal: >= 0, Includes: not null } query ||
            QueryProvenance.FindArgument(invocation, query.MaterializedOrdinal) is not { } argument ||
            !SymbolEqualityComparer.Default.Equals(Symbols.GetElementType(argument.Type), entityType) ||
            !GetEntityModel(cancellationToken).IsSourceEntityType(entityType))
        {
            return false;
        }

        if ((method.IsAbstract || method.IsVirtual || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface) &&
            data.Types.GetImplementations(method).Length > 0)
        {
            return false;
        }

        // The fix appends .Include(..) to the query passed in.
        origin = new EntityOrigin(invocation, argument.Syntax, entityType, ImmutableArray<IPropertySymbol>.Empty, false);
        return true;
    }
}
