using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Rows that are not "every row" although nothing pages them: the children of one parent (a foreign key pinned to
/// one value, recorded on the finding so it travels through locals, lists filled row by row and called methods), and
/// a top N kept in memory.
/// </summary>
internal static partial class RowsAnalysis
{
    internal sealed partial class RowsClassifier
    {
        /// <summary>
        /// The parents this operator pins: <c>Where(l =&gt; l.InvoiceId == id)</c>, or a SelectMany whose selector
        /// filters a navigation the same way (<c>SelectMany(s =&gt; s.Relations.Where(r =&gt; r.SeriesId == id))</c>).
        /// </summary>
        private static ImmutableArray<string> PinnedParents(IInvocationOperation invocation)
        {
            var name = invocation.TargetMethod.Name;
            if (name == "Where" && invocation.Arguments.Length == 2)
            {
                return PagingQueries.PinnedParents(invocation.Arguments[1].Value);
            }

            if (name != "SelectMany" || invocation.Arguments.Length < 2 ||
                OperationHelpers.Strip(invocation.Arguments[1].Value) is not { } selector ||
                OperationHelpers.AsLambda(selector) is not { Body.Operations.Length: 1 } lambda ||
                lambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } returned })
            {
                return ImmutableArray<string>.Empty;
            }

            var current = PagingQueries.Strip(returned);
            for (var i = 0; i < 8 && current is IInvocationOperation { TargetMethod.IsExtensionMethod: true, Arguments.Length: > 0 } step; i++)
            {
                if (step.TargetMethod.Name == "Where" && step.Arguments.Length == 2 &&
                    PagingQueries.PinnedParents(step.Arguments[1].Value) is { IsEmpty: false } pinned)
                {
                    return pinned;
                }

                current = PagingQueries.Strip(step.Arguments[0].Value);
            }

            return ImmutableArray<string>.Empty;
        }

        /// <summary>The parents every recorded implementation pins (a referenced project's field 11): all must agree.</summary>
        private static ImmutableArray<string> CommonParents(IReadOnlyList<MethodSummary>? implementations)
        {
            if (implementations is null || implementations.Count == 0)
            {
                return ImmutableArray<string>.Empty;
            }

            var common = ImmutableArray.CreateBuilder<string>();
            foreach (var parent in implementations[0].Parents)
            {
                var everywhere = true;
                for (var i = 1; i < implementations.Count && everywhere; i++)
                {
                    everywhere = System.Array.IndexOf(implementations[i].Parents, parent) >= 0;
                }

                if (everywhere)
                {
                    common.Add(parent);
                }
            }

            return common.ToImmutable();
        }

        /// <summary>
        /// A generic handler (<c>GetEntitiesQueryHandler&lt;TEntity&gt;</c>) knows its rows only as a type parameter, or its
        /// record names none: the dispatch's own result (<c>Task&lt;List&lt;ConfigurationEntry&gt;&gt;</c>) says which entity
        /// they are, for the message, the exempt list and PG0007's reference tables.
        /// </summary>
        private RowsFinding WithConcreteEntity(RowsFinding finding, IInvocationOperation dispatch)
        {
            if (finding.Entity is not (null or ITypeParameterSymbol))
            {
                return finding;
            }

            var result = shared.Ef.GetTaskResultType(dispatch.Type) ?? dispatch.Type;
            return PagingQueries.GetElementType(result, shared.Ef) is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } entity
                ? finding.WithEntity(entity)
                : finding;
        }

        /// <summary>
        /// <c>Take(5)</c> with a constant and no Skip before it: a top N. After the rows were loaded it still bounds
        /// what the endpoint returns; only paging (Skip, or a size from the request) in memory stays "every row".
        /// </summary>
        private static bool IsTopN(IInvocationOperation take)
        {
            if (take.Arguments.Length != 2 || !PagingQueries.Strip(take.Arguments[1].Value).ConstantValue.HasValue)
            {
                return false;
            }

            var current = PagingQueries.Strip(take.Arguments[0].Value);
            for (var i = 0; i < 16 && current is IInvocationOperation { Arguments.Length: > 0 } step; i++)
            {
                if (step.TargetMethod.Name is "Skip" or "SkipLast" or "SkipWhile")
                {
                    return false;
                }

                if (!step.TargetMethod.IsExtensionMethod)
                {
                    break;
                }

                current = PagingQueries.Strip(step.Arguments[0].Value);
            }

            return true;
        }
    }
}
