using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Knows which integral parameters of a method reach an EF query's Take (or a library pagination helper's size)
/// with no upper bound of the method's own, directly or through the methods it calls (to
/// <see cref="RoundTripAnalysis.MaxCallDepth"/> calls), in this compilation or in a referenced project's record.
/// One instance per compilation (<see cref="DataAccessModel.GetPageSizes"/>); one summary per (method, remaining
/// depth), computed once and shared by PG0006 and the summary writer, so a callee body is bound once however many
/// endpoints call it.
/// </summary>
/// <remarks>
/// Policy for interface and abstract methods: the parameter counts only when <b>every</b> implementation in the
/// compilation (at most 8) takes it unbounded, or, for an interface implemented in a referenced project, every
/// recorded implementation does (precision first, as PG0004: the paged implementation may be the one that runs).
/// </remarks>
internal sealed class PageSizeAnalysis
{
    private readonly DataAccessModel data;
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), ParameterSet> summaries = new(MethodKeyComparer.Instance);
    private readonly ConcurrentDictionary<(string Name, int Depth), bool> mayPageByName = new();
    private HashSet<ITypeSymbol>? validatedTypes;

    public PageSizeAnalysis(DataAccessModel data, AspNetSymbols asp)
    {
        this.data = data;
        Asp = asp;
    }

    public EfSymbols Ef => data.Symbols;

    public AspNetSymbols Asp { get; }

    /// <summary>DTO types a FluentValidation AbstractValidator&lt;T&gt; of the compilation validates (their bounds are checked there).</summary>
    public HashSet<ITypeSymbol> ValidatedTypes
    {
        get
        {
            var types = Volatile.Read(ref validatedTypes);
            if (types is not null)
            {
                return types;
            }

            types = FindValidatedTypes(data.Types);
            return Interlocked.CompareExchange(ref validatedTypes, types, null) ?? types;
        }
    }

    /// <summary>
    /// The page size of Take on an EF query, or the size argument of a library pagination helper. The names of
    /// helpers (<c>*Page*</c>, <c>PagedResult&lt;T&gt;</c>) count only for assemblies built without PerfGuard: a helper
    /// of this compilation is followed like any method (it may clamp; without a Take it is not paging), one of a
    /// summarised project is judged by its record.
    /// </summary>
    public IOperation? GetPageSize(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name == "Take" && invocation.Arguments.Length == 2 && Ef.IsLinqOrEfQueryOperatorContainer(method.ContainingType))
        {
            return QueryProvenance.IsDatabaseQuery(invocation.Arguments[0].Value, Ef) ? invocation.Arguments[1].Value : null;
        }

        if (IsInCompilation(method) || IsSummarized(method) ||
            (!PagingQueries.IsPaginationMethod(method, Array.Empty<string>()) && !PagingQueries.IsPagedType(method.ContainingType) &&
             !PagingQueries.IsPagedType(method.ReturnType)))
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            var parameterName = argument.Parameter?.Name;
            if (parameterName is not null && argument.Parameter!.Type.SpecialType == SpecialType.System_Int32 &&
                (parameterName.IndexOf("size", StringComparison.OrdinalIgnoreCase) >= 0 ||
                 parameterName.IndexOf("limit", StringComparison.OrdinalIgnoreCase) >= 0 ||
                 string.Equals(parameterName, "take", StringComparison.OrdinalIgnoreCase)))
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>A method worth asking <see cref="TakesUnbounded"/> about: one of this compilation (or an interface/abstract one) or of a summarised project, with an integral parameter.</summary>
    public IMethodSymbol? GetFollowedCallee(IMethodSymbol method)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        if (method.Parameters.Length == 0 || method.MethodKind != MethodKind.Ordinary ||
            (!IsInCompilation(method) && !method.IsAbstract && !IsSummarized(method)))
        {
            return null;
        }

        foreach (var parameter in method.Parameters)
        {
            if (IsIntegral(parameter.Type))
            {
                return method;
            }
        }

        return null;
    }

    /// <summary>True when calling the method pages an EF query with its parameter <paramref name="ordinal"/> as the size, unbounded.</summary>
    public bool TakesUnbounded(IMethodSymbol method, int ordinal, CancellationToken cancellationToken) =>
        Summarize(method, RoundTripAnalysis.MaxCallDepth, cancellationToken).Contains(ordinal);

    /// <summary>The ordinals of the parameters the method takes into Take unbounded (for the summary record); empty when none.</summary>
    public ImmutableArray<int> SummarizeMethod(IMethodSymbol method, CancellationToken cancellationToken) =>
        Summarize(method, RoundTripAnalysis.MaxCallDepth, cancellationToken).ToArray();

    public static bool IsIntegral(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 ||
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable &&
        nullable.TypeArguments[0].SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;

    private bool IsInCompilation(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, data.Compilation.Assembly);

    private bool IsSummarized(IMethodSymbol method) =>
        method.ContainingAssembly is { } assembly && !MethodSummary.IsFrameworkAssemblyName(assembly.Identity.Name) &&
        data.GetReferencedSummaries(CancellationToken.None).IsSummarized(assembly);

    private ParameterSet Summarize(IMethodSymbol method, int depth, CancellationToken cancellationToken)
    {
        if (depth <= 0)
        {
            return ParameterSet.None;
        }

        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        var key = (definition, depth);
        if (summaries.TryGetValue(key, out var cached))
        {
            return cached;
        }

        ParameterSet result;
        if (!IsInCompilation(definition))
        {
            // A referenced project: its record, whatever the depth (it was bounded when it was written).
            result = data.GetReferencedSummaries(cancellationToken).FindUnboundedPageSizes(definition);
        }
        else if (!MayPage(definition.Name, depth, cancellationToken))
        {
            // No method of that name can reach a Take within the depth left: nothing is bound.
            result = ParameterSet.None;
        }
        else if (definition.IsAbstract || definition.ContainingType?.TypeKind == TypeKind.Interface)
        {
            var implementations = data.Types.GetImplementations(definition);
            result = implementations.IsEmpty ? data.GetReferencedSummaries(cancellationToken).FindUnboundedPageSizes(definition) : ParameterSet.All;
            foreach (var implementation in implementations)
            {
                // Same depth: the interface call and its implementation are one step.
                result = result.Intersect(SummarizeBody(implementation.OriginalDefinition, depth, cancellationToken));
                if (result.IsEmpty)
                {
                    break;
                }
            }
        }
        else
        {
            result = SummarizeBody(definition, depth, cancellationToken);
        }

        return summaries.GetOrAdd(key, result);
    }

    private ParameterSet SummarizeBody(IMethodSymbol method, int depth, CancellationToken cancellationToken)
    {
        var body = GetBody(method, cancellationToken);
        if (body is null)
        {
            return ParameterSet.None;
        }

        var flow = new RequestValueFlow(body, method, isEndpoint: false, this, RequestValueFlow.AnyIntegralParameter);
        var result = ParameterSet.None;
        foreach (var operation in body.Descendants())
        {
            if (operation is not IInvocationOperation invocation)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (GetPageSize(invocation) is { } size)
            {
                result = result.Add(flow.FindRequestValue(size));
            }
            else if (depth > 1 && GetFollowedCallee(invocation.TargetMethod) is { } callee)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } parameter && IsIntegral(parameter.Type) && flow.FindRequestValue(argument.Value) is { } source &&
                        Summarize(callee, depth - 1, cancellationToken).Contains(parameter.Ordinal))
                    {
                        result = result.Add(source);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The syntax-only pre-filter that keeps the summaries cheap: can a method of this name reach a Take or a paging
    /// helper within <paramref name="depth"/> calls? Read from the declarations' syntax (the compiler's declaration
    /// table, no binding), by name, so interface methods and their implementations answer together. Binding every
    /// callee that receives an integral argument (an id, a user id) to look for a Take is what made PG0006 the most
    /// expensive rule on a large ASP.NET Core project.
    /// </summary>
    private bool MayPage(string name, int depth, CancellationToken cancellationToken)
    {
        if (depth <= 0)
        {
            return false;
        }

        var key = (name, depth);
        if (mayPageByName.TryGetValue(key, out var known))
        {
            return known;
        }

        // Every recursion goes one depth down, so a name cannot recur at the same key: no guard needed.
        var result = false;
        foreach (var symbol in data.Compilation.GetSymbolsWithName(name, SymbolFilter.Member, cancellationToken))
        {
            if (symbol is not IMethodSymbol || result)
            {
                continue;
            }

            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (node is not Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation ||
                        InvokedName.Of(invocation.Expression) is not { } invoked)
                    {
                        continue;
                    }

                    if (IsPagingName(invoked) || IsPagingName(GetReceiverName(invocation.Expression)) ||
                        (depth > 1 && !string.Equals(invoked, name, StringComparison.Ordinal) && MayPage(invoked, depth - 1, cancellationToken)))
                    {
                        result = true;
                        break;
                    }
                }

                if (result)
                {
                    break;
                }
            }
        }

        return mayPageByName.GetOrAdd(key, result);
    }

    /// <summary>The rightmost name of the receiver: <c>PaginatedList&lt;T&gt;</c> in <c>PaginatedList&lt;T&gt;.CreateAsync(..)</c>.</summary>
    private static string? GetReceiverName(Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax expression) =>
        expression is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access ? InvokedName.Of(access.Expression) : null;

    /// <summary>Take, or what <see cref="GetPageSize"/> may take by name (a pagination helper or a paged type's member).</summary>
    private static bool IsPagingName(string? text) =>
        text is not null &&
        (text.IndexOf("Take", StringComparison.Ordinal) >= 0 || text.IndexOf("Page", StringComparison.Ordinal) >= 0 ||
         text.IndexOf("Paging", StringComparison.Ordinal) >= 0 || text.IndexOf("aginat", StringComparison.Ordinal) >= 0 ||
         text.IndexOf("Gridify", StringComparison.Ordinal) >= 0);

    private IOperation? GetBody(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            switch (data.Models.GetOperation(reference.GetSyntax(cancellationToken), cancellationToken))
            {
                case IMethodBodyOperation body when (body.BlockBody ?? (IOperation?)body.ExpressionBody) is { } block:
                    return block;
                case ILocalFunctionOperation { Body: { } localBody }:
                    return localBody;
            }
        }

        return null;
    }

    private static HashSet<ITypeSymbol> FindValidatedTypes(SourceTypeIndex types)
    {
        var result = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var type in types.Types)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (current.Name == "AbstractValidator" && current.TypeArguments.Length == 1)
                {
                    result.Add(current.TypeArguments[0].OriginalDefinition);
                }
            }
        }

        return result;
    }
}

/// <summary>A small set of parameter ordinals (the first 63), as a bit mask; <see cref="All"/> is the start of an intersection.</summary>
internal readonly struct ParameterSet
{
    private readonly ulong bits;

    private ParameterSet(ulong bits)
    {
        this.bits = bits;
    }

    public static ParameterSet None => default;

    public static ParameterSet All => new(ulong.MaxValue);

    public bool IsEmpty => bits == 0;

    public static ParameterSet FromOrdinals(IEnumerable<int> ordinals)
    {
        ulong bits = 0;
        foreach (var ordinal in ordinals)
        {
            if (ordinal is >= 0 and < 63)
            {
                bits |= 1UL << ordinal;
            }
        }

        return new ParameterSet(bits);
    }

    public bool Contains(int ordinal) => ordinal is >= 0 and < 63 && (bits & (1UL << ordinal)) != 0;

    public ParameterSet Add(IOperation? parameterReference) =>
        parameterReference is IParameterReferenceOperation { Parameter.Ordinal: var ordinal and >= 0 and < 63 } ? new ParameterSet(bits | (1UL << ordinal)) : this;

    public ParameterSet Intersect(ParameterSet other) => new(bits & other.bits);

    public ImmutableArray<int> ToArray()
    {
        if (bits == 0 || bits == ulong.MaxValue)
        {
            return ImmutableArray<int>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<int>();
        for (var ordinal = 0; ordinal < 63; ordinal++)
        {
            if (Contains(ordinal))
            {
                builder.Add(ordinal);
            }
        }

        return builder.ToImmutable();
    }
}
