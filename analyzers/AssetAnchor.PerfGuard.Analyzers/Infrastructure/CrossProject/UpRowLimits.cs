using System.Collections.Generic;
using System.Threading;
using AssetAnchor.PerfGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The call-site records of the UP direction for PG0005 (<c>v1o</c>): <c>repository.GetQueryableSet().Where(..).Take(50)</c>
/// where <c>GetQueryableSet</c> is an interface method nothing here implements, and nothing on the chain between the
/// call and the row limit orders, limits or runs raw SQL. Whether the query is unordered is the implementation's to
/// say (method-record field 12, written by a project built later); the first project that sees both joins them
/// (<see cref="UpJoin"/>). The walk and the exemptions are PG0005's own
/// (<see cref="UnorderedRowLimits.FindLimitOverUnseenContract"/>). Only a Skip/Take whose chain holds a call
/// named like an unseen contract method (<see cref="UnseenContractNames.MayCall"/>) is bound: first that call's symbol
/// (its statement), then the Skip/Take's operation when it is an unseen contract returning an IQueryable.
/// </summary>
internal static class UpRowLimits
{
    private const int MaxSites = 4000;

    // A query chain is rarely longer than a few dozen operators; half-typed code can be anything.
    private const int MaxChainSteps = 64;

    public static List<CallSiteRecord> Collect(DataAccessModel data, UnseenContractNames unseen, CancellationToken cancellationToken)
    {
        var sites = new List<CallSiteRecord>();
        if (unseen.IsEmpty || SummaryWriter.IsExecutable(data.Compilation) || data.Symbols.Queryable is null)
        {
            return sites;
        }

        foreach (var tree in data.Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var root = tree.GetRoot(cancellationToken);
            if (tree.FilePath.Length == 0 || !AnyRowLimitOverContract(root, unseen))
            {
                continue;
            }

            if (data.Models.Get(tree) is not { } model)
            {
                continue;
            }

            foreach (var node in root.DescendantNodes())
            {
                if (sites.Count >= MaxSites)
                {
                    return sites;
                }

                if (node is InvocationExpressionSyntax limit && ChainCallsUnseenQuery(limit, unseen, model, data, cancellationToken) &&
                    model.GetOperation(limit, cancellationToken) is IInvocationOperation invocation && ReferenceEquals(invocation.Syntax, limit) &&
                    UnorderedRowLimits.FindLimitOverUnseenContract(invocation, data.Symbols, method => SummaryWriter.IsUnseenContract(method, data)) is { } finding &&
                    finding.Root is IInvocationOperation contractCall &&
                    contractCall.TargetMethod.OriginalDefinition.GetDocumentationCommentId() is { } targetId)
                {
                    var lines = finding.Location.GetLineSpan();
                    sites.Add(new CallSiteRecord(
                        CallSiteKind.RowLimit, targetId, SummaryWriter.MapPath(data.Compilation, lines.Path), finding.Location.SourceSpan, lines.Span,
                        "'" + invocation.TargetMethod.Name + "'", finding.QueryText,
                        finding.OrderDiscarded ? CallSiteRecord.RowLimitOrderDiscarded : CallSiteRecord.RowLimitNoOrder));
                }
            }
        }

        return sites;
    }

    /// <summary>Also <see cref="SummaryPrefilter"/>'s test: a file with no such Skip/Take records no v1o.</summary>
    internal static bool AnyRowLimitOverContract(SyntaxNode root, UnseenContractNames names)
    {
        foreach (var node in root.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax limit && IsRowLimitOverContract(limit, names))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A Skip/Take whose chain holds a call named like an unseen contract method (the receiver filter applied).</summary>
    internal static bool IsRowLimitOverContract(InvocationExpressionSyntax limit, UnseenContractNames names) =>
        FindContractNamedCalls(limit, names) is { Count: > 0 };

    /// <summary>
    /// The calls named like an unseen contract method (receiver types filtered as the other writers filter them) on the
    /// chain of <c>x.Skip(..)</c>/<c>x.Take(..)</c>, read from syntax: member-access calls, parentheses, casts and <c>!</c>
    /// down to the chain's start. Null when the call is no Skip/Take or none is found. A local between the call and the
    /// limit (<c>var q = repo.GetQueryableSet(); q.Take(5)</c>) is not followed.
    /// </summary>
    private static List<InvocationExpressionSyntax>? FindContractNamedCalls(InvocationExpressionSyntax limit, UnseenContractNames names)
    {
        if (limit.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Skip" or "Take" } access)
        {
            return null;
        }

        List<InvocationExpressionSyntax>? calls = null;
        var current = access.Expression;
        for (var step = 0; step < MaxChainSteps; step++)
        {
            switch (current)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    current = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    current = cast.Expression;
                    continue;
                case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    current = suppressed.Operand;
                    continue;
                case InvocationExpressionSyntax call:
                    if (names.MayCall(call))
                    {
                        (calls ??= new List<InvocationExpressionSyntax>()).Add(call);
                    }

                    if (call.Expression is MemberAccessExpressionSyntax inner)
                    {
                        current = inner.Expression;
                        continue;
                    }

                    return calls;
                default:
                    return calls;
            }
        }

        return calls;
    }

    /// <summary>One of the chain's contract-named calls binds to an unseen contract method returning an IQueryable (its symbol only: the statement is bound, not the member).</summary>
    private static bool ChainCallsUnseenQuery(
        InvocationExpressionSyntax limit, UnseenContractNames names, SemanticModel model, DataAccessModel data, CancellationToken cancellationToken)
    {
        if (FindContractNamedCalls(limit, names) is not { } calls)
        {
            return false;
        }

        foreach (var call in calls)
        {
            if (model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method && data.Symbols.IsQueryable(method.ReturnType) &&
                SummaryWriter.IsUnseenContract(method, data))
            {
                return true;
            }
        }

        return false;
    }
}
