using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Paging helpers of this compilation (PagedList&lt;T&gt;.CreateAsync(query, page, size), query.ToPagedListAsync(..)):
/// which query parameter a helper pages with Skip/Take without ordering it first, so PG0005 can check the order at
/// each caller's argument. Read from the helper's body once per helper.
/// </summary>
internal sealed class PagingHelpers
{
    private readonly DataAccessModel data;
    private readonly ConcurrentDictionary<IMethodSymbol, PagedParameter?> byMethod = new(SymbolEqualityComparer.Default);

    public PagingHelpers(DataAccessModel data)
    {
        this.data = data;
    }

    internal readonly struct PagedParameter
    {
        public PagedParameter(int ordinal, string @operator)
        {
            Ordinal = ordinal;
            Operator = @operator;
        }

        public int Ordinal { get; }

        /// <summary>"Skip", "Take" or "Skip/Take": what the helper does to the parameter.</summary>
        public string Operator { get; }
    }

    /// <summary>
    /// A syntax-only filter: a call named like a pagination helper (Page, Paging, Paginat), a method of a type named
    /// like a page (PagedList&lt;T&gt;.CreateAsync), or a name listed in PG0004.pagination_methods.
    /// </summary>
    public static bool MayBeHelperCall(InvocationExpressionSyntax syntax, AnalyzerConfigOptionsProvider options)
    {
        if (syntax.ArgumentList.Arguments.Count == 0 && syntax.Expression is not MemberAccessExpressionSyntax)
        {
            return false;
        }

        var (name, receiver) = syntax.Expression switch
        {
            MemberAccessExpressionSyntax access => (access.Name.Identifier.ValueText, access.Expression),
            SimpleNameSyntax simple => (simple.Identifier.ValueText, (ExpressionSyntax?)null),
            _ => (null, null),
        };
        if (name is null)
        {
            return false;
        }

        if (LooksPaged(name))
        {
            return true;
        }

        var receiverName = receiver switch
        {
            SimpleNameSyntax simpleReceiver => simpleReceiver.Identifier.ValueText,
            MemberAccessExpressionSyntax { Name: { } last } => last.Identifier.ValueText,
            _ => null,
        };
        if (receiverName is not null && (receiverName.IndexOf("Paged", StringComparison.Ordinal) >= 0 || receiverName.IndexOf("Paginat", StringComparison.OrdinalIgnoreCase) >= 0))
        {
            return true;
        }

        // The raw option text first: parsing the list for every call of the compilation would cost more than binding.
        return options.GetOptions(syntax.SyntaxTree).TryGetValue(PagingQueries.PaginationMethodsKey, out var configured) && configured.IndexOf(name, StringComparison.Ordinal) >= 0;
    }

    private static bool LooksPaged(string name) =>
        name.IndexOf("Page", StringComparison.Ordinal) >= 0 || name.IndexOf("Paging", StringComparison.Ordinal) >= 0 ||
        name.IndexOf("Paginat", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>The query parameter the helper's body limits with Skip/Take and never orders; null when none (or no body in sight).</summary>
    public PagedParameter? FindUnorderedPagedParameter(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (byMethod.TryGetValue(method, out var known))
        {
            return known;
        }

        var found = Find(method, cancellationToken);
        byMethod.TryAdd(method, found);
        return found;
    }

    private PagedParameter? Find(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var ef = this.data.Symbols;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration ||
                this.data.Models.GetOperation(declaration, cancellationToken) is not IMethodBodyOperation body)
            {
                continue;
            }

            Dictionary<ILocalSymbol, List<IOperation>>? locals = null;
            var ordinal = -1;
            var skip = false;
            var take = false;
            foreach (var operation in body.Descendants())
            {
                if (operation is not IInvocationOperation { TargetMethod.Name: "Skip" or "Take" } limit || limit.Arguments.Length < 2 ||
                    !SymbolEqualityComparer.Default.Equals(limit.TargetMethod.ContainingType, ef.Queryable))
                {
                    continue;
                }

                locals ??= PagingQueries.CollectLocalAssignments(body);
                var parameter = FindUnorderedParameter(limit.Arguments[0].Value, method, locals, ef);
                if (parameter < 0 || (ordinal >= 0 && parameter != ordinal))
                {
                    continue;
                }

                ordinal = parameter;
                skip |= limit.TargetMethod.Name == "Skip";
                take |= limit.TargetMethod.Name == "Take";
            }

            if (ordinal >= 0)
            {
                return new PagedParameter(ordinal, skip && take ? "Skip/Take" : skip ? "Skip" : "Take");
            }
        }

        return null;
    }

    /// <summary>Down the query spine to a parameter of <paramref name="method"/>, with no ordering operator on the way.</summary>
    private static int FindUnorderedParameter(IOperation operation, IMethodSymbol method, Dictionary<ILocalSymbol, List<IOperation>> locals, EfSymbols ef)
    {
        var current = PagingQueries.Strip(operation);
        for (var i = 0; i < 32; i++)
        {
            if (current.Type is INamedTypeSymbol { Name: "IOrderedQueryable" })
            {
                return -1;
            }

            switch (current)
            {
                case IInvocationOperation invocation when invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 &&
                                                          ef.IsLinqOrEfQueryOperatorContainer(invocation.TargetMethod.ContainingType):
                    if (PagingQueries.OrderingOperators.Contains(invocation.TargetMethod.Name))
                    {
                        return -1;
                    }

                    current = PagingQueries.Strip(invocation.Arguments[0].Value);
                    continue;
                case IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, method) &&
                                                                ef.IsQueryable(parameter.Type):
                    return parameter.Parameter.Ordinal;
                case ILocalReferenceOperation local when locals.TryGetValue(local.Local, out var values) && values.Count == 1:
                    current = PagingQueries.Strip(values[0]);
                    continue;
                default:
                    return -1;
            }
        }

        return -1;
    }
}
