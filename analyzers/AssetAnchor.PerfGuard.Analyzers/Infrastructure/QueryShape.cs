using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// What one EF query chain loads: its Include/ThenInclude paths (lambda, string and filtered), whether it projects
/// (Select, SelectMany, GroupBy, Join: no tracked entity comes out), whether it ignores AutoInclude, and whether its
/// start is visible (a DbSet, Set&lt;T&gt;(), FromSql, a method of the compilation whose body returns such a chain, or
/// a method of a referenced project whose record says which query it returns and what that query includes: field 12,
/// <see cref="RecordedIncludes"/>). A chain starting anywhere else (a parameter, a repository in an assembly without
/// that record) has unknown includes.
/// </summary>
internal sealed class QueryShape
{
    private const int MaxSteps = 96;

    private QueryShape()
    {
    }

    /// <summary>Include paths as navigation names, outermost first ("Units", "Occupants").</summary>
    public List<string[]> IncludePaths { get; } = new();

    public bool Projects { get; private set; }

    public bool IgnoresAutoIncludes { get; private set; }

    /// <summary>True when the start of the chain is visible, so the include list is complete.</summary>
    public bool IsRootKnown { get; private set; }

    public ITypeSymbol? ContextType { get; private set; }

    /// <summary>The analyzed method's own parameter the chain starts from (a helper over the caller's query, for field 12's <c>P</c>n); null otherwise.</summary>
    public IParameterSymbol? RootParameter { get; private set; }

    public static QueryShape Analyze(IOperation? chain, DataAccessModel data, CancellationToken cancellationToken)
    {
        var shape = new QueryShape();
        var pendingThenIncludes = new List<List<IPropertySymbol>>();
        shape.Walk(chain, data, pendingThenIncludes, 0, null, cancellationToken);
        return shape;
    }

    public bool Includes(IReadOnlyList<string> path, int length)
    {
        foreach (var include in IncludePaths)
        {
            if (include.Length == 1 && include[0] == "*")
            {
                return true;
            }

            if (include.Length < length)
            {
                continue;
            }

            var matches = true;
            for (var i = 0; i < length && matches; i++)
            {
                matches = string.Equals(include[i], path[i], StringComparison.Ordinal);
            }

            if (matches)
            {
                return true;
            }
        }

        return false;
    }

    /// <param name="caller">When walking the body of a helper (<c>q.WithDetails()</c>), the call whose arguments its parameters stand for.</param>
    private void Walk(IOperation? operation, DataAccessModel data, List<List<IPropertySymbol>> thenIncludes, int methodHops, IInvocationOperation? caller, CancellationToken cancellationToken)
    {
        var symbols = data.Symbols;
        var localHops = 0;
        for (var step = 0; operation is not null && step < MaxSteps; step++)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                case IAwaitOperation awaited:
                    // return await query.FirstOrDefaultAsync(): the body of a method that runs its parameter's query.
                    operation = OperationHelpers.AwaitedTask(awaited);
                    continue;
                case ILocalReferenceOperation local when localHops++ < 6:
                    operation = OperationHelpers.GetLocalInitializer(local);
                    continue;
                case IParameterReferenceOperation parameter when caller is not null &&
                    SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol.OriginalDefinition, caller.TargetMethod.OriginalDefinition) &&
                    !OperationHelpers.IsReassigned(parameter):
                {
                    // Back at the call site: the helper's parameter is the caller's argument.
                    operation = null;
                    foreach (var argument in caller.Arguments)
                    {
                        if (argument.Parameter?.Ordinal == parameter.Parameter.Ordinal)
                        {
                            operation = argument.Value;
                        }
                    }

                    caller = null;
                    continue;
                }

                case IParameterReferenceOperation parameter when caller is null && methodHops == 0:
                    // query = query.Include(..) under a condition: what it adds is not this chain alone.
                    RootParameter = OperationHelpers.IsReassigned(parameter) ? null : parameter.Parameter;
                    FlushThenIncludes(thenIncludes);
                    return;
                case IPropertyReferenceOperation property when symbols.IsDbSet(property.Type):
                    IsRootKnown = true;
                    ContextType = property.Instance?.Type ?? property.Property.ContainingType;
                    FlushThenIncludes(thenIncludes);
                    return;
                case IInvocationOperation invocation:
                {
                    var method = invocation.TargetMethod;
                    if (method.Name == "Set" && symbols.IsDbContext(method.ContainingType))
                    {
                        IsRootKnown = true;
                        ContextType = invocation.Instance?.Type;
                        FlushThenIncludes(thenIncludes);
                        return;
                    }

                    if (method.Name is "AsAsyncEnumerable" or "AsQueryable" && invocation.Instance is not null && symbols.IsDbSet(method.ContainingType))
                    {
                        operation = invocation.Instance;
                        continue;
                    }

                    if (method.IsExtensionMethod && invocation.Arguments.Length > 0 &&
                        (symbols.IsLinqOrEfQueryOperatorContainer(method.ContainingType) || symbols.IsEnumerableContainer(method.ContainingType)))
                    {
                        Record(invocation, thenIncludes);
                        operation = invocation.Arguments[0].Value;
                        continue;
                    }

                    // A method of this compilation that returns the chain (repository Query(), GetAll() helper).
                    if (methodHops < 2 && TryGetReturnedChain(method, data.Models, cancellationToken) is { } returned)
                    {
                        Walk(returned, data, thenIncludes, methodHops + 1, invocation, cancellationToken);
                        return;
                    }

                    // A method of a referenced project whose record says what its query includes (GetQueryableSet()),
                    // or what it adds to the query of its argument (q.WithDetails()): the argument goes on.
                    var recorded = ReadRecorded(invocation, data, cancellationToken, out var context, out var argument);
                    if (recorded is not null)
                    {
                        IgnoresAutoIncludes |= recorded.IgnoresAutoIncludes;
                        foreach (var path in recorded.Paths)
                        {
                            IncludePaths.Add(path.Split('.'));
                        }

                        FlushThenIncludes(thenIncludes);
                        if (argument is not null)
                        {
                            operation = argument;
                            continue;
                        }

                        IsRootKnown = true;
                        ContextType = context;
                    }

                    return;
                }

                default:
                    return;
            }
        }
    }

    private void Record(IInvocationOperation invocation, List<List<IPropertySymbol>> thenIncludes)
    {
        switch (invocation.TargetMethod.Name)
        {
            case "Select" or "SelectMany" or "GroupBy" or "Join" or "GroupJoin" or "Cast" or "OfType" or "Zip":
                Projects = true;
                break;
            case "IgnoreAutoIncludes":
                IgnoresAutoIncludes = true;
                break;
            case "ThenInclude":
                if (invocation.Arguments.Length > 1 && LambdaPath.GetLambda(invocation.Arguments[1].Value) is { } thenLambda &&
                    LambdaPath.GetPath(thenLambda) is { } thenPath)
                {
                    // Walking backwards: ThenIncludes come before the Include they extend.
                    thenIncludes.Insert(0, thenPath);
                }

                break;
            case "Include" when invocation.Arguments.Length > 1:
            {
                var argument = invocation.Arguments[1].Value;
                if (LambdaPath.GetLambda(argument) is { } lambda && LambdaPath.GetPath(lambda) is { } path)
                {
                    var names = new List<string>();
                    foreach (var property in path)
                    {
                        names.Add(property.Name);
                    }

                    foreach (var then in thenIncludes)
                    {
                        foreach (var property in then)
                        {
                            names.Add(property.Name);
                        }
                    }

                    IncludePaths.Add(names.ToArray());
                }
                else if (argument.ConstantValue is { HasValue: true, Value: string text })
                {
                    IncludePaths.Add(text.Split(new[] { '.' }, StringSplitOptions.RemoveEmptyEntries));
                }
                else
                {
                    // Include(someVariable): unknown path; assume it loads what we would ask for.
                    IncludePaths.Add(new[] { "*" });
                }

                thenIncludes.Clear();
                break;
            }
        }
    }

    private static void FlushThenIncludes(List<List<IPropertySymbol>> thenIncludes) => thenIncludes.Clear();

    /// <summary>
    /// The includes a referenced method's records say its query has (every record of it a database query with includes
    /// from one context, merged as <see cref="RecordedQuery.Merge"/>), with that context; or, for a helper over its
    /// parameter's query (<c>P</c>n), or for a call that materialises its parameter's query (<c>M</c>n, an entity's
    /// origin), the includes it adds and the argument whose query goes on. Null when any record
    /// is unknown, the context does not resolve here, or the method is a contract this compilation also implements or
    /// overrides (the body that runs may be one no record describes).
    /// </summary>
    private static RecordedIncludes? ReadRecorded(
        IInvocationOperation invocation, DataAccessModel data, CancellationToken cancellationToken, out ITypeSymbol? context, out IOperation? argument)
    {
        context = null;
        argument = null;
        var method = invocation.TargetMethod;
        if (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, data.Compilation.Assembly))
        {
            return null;
        }

        // A query call, or (as an entity's origin) a call that materialises its argument's query: field 12's M.
        var queryable = data.Symbols.IsQueryable(invocation.Type);
        var summaries = data.GetReferencedSummaries(cancellationToken);
        if (summaries.IsEmpty || summaries.Find(method) is not { } records || RecordedQuery.Merge(records) is not { Includes: { } includes } query ||
            queryable == (query.MaterializedOrdinal >= 0))
        {
            return null;
        }

        var original = method.ReducedFrom ?? method;
        if ((original.IsAbstract || original.IsVirtual || original.IsOverride || original.ContainingType?.TypeKind == TypeKind.Interface) &&
            data.Types.GetImplementations(original).Length > 0)
        {
            return null;
        }

        if (query.ParameterOrdinal >= 0 || query.MaterializedOrdinal >= 0)
        {
            argument = QueryProvenance.FindArgument(invocation, query.ParameterOrdinal >= 0 ? query.ParameterOrdinal : query.MaterializedOrdinal);
            return argument is null ? null : includes;
        }

        context = DocumentationCommentId.GetFirstSymbolForDeclarationId(includes.ContextId, data.Compilation) is INamedTypeSymbol named &&
            data.Symbols.IsDbContext(named)
            ? named
            : null;
        return context is null ? null : includes;
    }

    private static bool IsInNestedFunction(IOperation operation, IOperation body)
    {
        for (var parent = operation.Parent; parent is not null && !ReferenceEquals(parent, body); parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation? TryGetReturnedChain(IMethodSymbol method, SemanticModelCache models, CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var syntax = method.OriginalDefinition.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        if (syntax is not MethodDeclarationSyntax declaration || models.GetOperation(declaration, cancellationToken) is not { } body)
        {
            return null;
        }

        IOperation? returned = null;
        foreach (var descendant in body.Descendants())
        {
            if (descendant is IReturnOperation { ReturnedValue: { } value } && !IsInNestedFunction(descendant, body))
            {
                if (returned is not null)
                {
                    return null;
                }

                returned = value;
            }
        }

        return returned;
    }
}
