using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The ways rows travel beyond locals and return statements, as real code moves them: fields and auto-properties,
/// constructors and records, ViewBag/ViewData, <c>yield return</c> and lists filled row by row, and requests sent
/// through a dispatcher to their handler. Shared by PG0004 and the summary writer through <see cref="RowsAnalysis.RowsClassifier"/>.
/// </summary>
internal static partial class RowsAnalysis
{
    internal sealed partial class RowsClassifier
    {
        private const int MaxMemberAssignments = 16;
        private Dictionary<ISymbol, Verdict>? memberVerdicts;
        private Dictionary<ISymbol, List<IOperation>>? memberValues;
        private Dictionary<ILocalSymbol, List<IInvocationOperation>>? localAdds;

        /// <summary>
        /// Rows a body hands to its response without returning them: <c>yield return</c> per row,
        /// <c>ViewBag.X = rows</c>/<c>ViewData["x"] = rows</c>, and a Razor Page property filled with
        /// <c>Add</c>/<c>AddRange</c>. The operation to classify, or null.
        /// </summary>
        public IOperation? FindHandedOverRows(IOperation operation, INamedTypeSymbol? pageModel)
        {
            switch (operation)
            {
                case IReturnOperation { Kind: OperationKind.YieldReturn } yielded:
                    return PerRowSource(yielded);
                case ISimpleAssignmentOperation assignment when IsViewBagOrViewData(assignment.Target):
                    return assignment.Value;
                case IInvocationOperation { Instance: IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property } add
                    when pageModel is not null && property.Property.DeclaredAccessibility == Accessibility.Public &&
                         SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, pageModel) &&
                         PagingQueries.IsRowCollection(property.Type, shared.Ef):
                    return AddedRows(add);
                default:
                    return null;
            }
        }

        private static bool IsViewBagOrViewData(IOperation target) => target switch
        {
            IDynamicMemberReferenceOperation { Instance: IPropertyReferenceOperation { Property.Name: "ViewBag" } } => true,
            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: IPropertyReferenceOperation { Property.Name: "ViewData" } } => true,
            _ => false,
        };

        /// <summary>q = sort switch { "name" => q.OrderBy(…), _ => q }: every arm counts, as for a conditional.</summary>
        private Verdict ClassifySwitchArms(ISwitchExpressionOperation switchExpression, int steps)
        {
            var result = Verdict.Unknown;
            foreach (var arm in switchExpression.Arms)
            {
                result = Combine(result, Classify(arm.Value, steps + 1));
            }

            return result;
        }

        /// <summary>list.AddRange(rows): the rows; list.Add(row) inside a foreach: the collection iterated.</summary>
        private IOperation? AddedRows(IInvocationOperation add) =>
            add.Arguments.Length != 1 ? null : add.TargetMethod.Name switch
            {
                "AddRange" => add.Arguments[0].Value,
                "Add" => PerRowSource(add),
                _ => null,
            };

        /// <summary>
        /// The collection of the foreach loop that runs <paramref name="perRow"/> once per element; null when it is
        /// not in a foreach body, or the loop can stop early (break, return, yield break: a count may bound it).
        /// </summary>
        private static IOperation? PerRowSource(IOperation perRow)
        {
            var previous = perRow;
            for (var current = perRow.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation or ILocalFunctionOperation or IMethodBodyOperation:
                        return null;
                    case IForEachLoopOperation loop when ReferenceEquals(previous, loop.Body):
                        return StopsEarly(loop) ? null : loop.Collection;
                    case ILoopOperation:
                        // for/while: an index or a condition decides how many; not followed.
                        return null;
                }

                previous = current;
            }

            return null;
        }

        private static bool StopsEarly(IForEachLoopOperation loop)
        {
            var stack = new Stack<IOperation>();
            stack.Push(loop.Body);
            while (stack.Count > 0)
            {
                switch (stack.Pop())
                {
                    case IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak }:
                    case IBranchOperation { BranchKind: BranchKind.Break } branch when SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel):
                    case IBranchOperation { BranchKind: BranchKind.GoTo }:
                        return true;
                    case var other:
                        foreach (var child in other.ChildOperations)
                        {
                            if (child is not IAnonymousFunctionOperation and not ILocalFunctionOperation)
                            {
                                stack.Push(child);
                            }
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>
        /// var result = new List&lt;Dto&gt;(); foreach (var p in rows) result.Add(Map(p)); return result;
        /// A local that starts empty and is filled row by row holds what it was filled from.
        /// </summary>
        private Verdict ClassifyFilledRowByRow(ILocalSymbol local, List<IOperation> values, int steps)
        {
            foreach (var value in values)
            {
                if (PagingQueries.Strip(value) is not IObjectCreationOperation { Arguments.Length: 0, Initializer: null })
                {
                    return Verdict.Unknown;
                }
            }

            localAdds ??= CollectLocalAdds(this.body);
            if (!localAdds.TryGetValue(local, out var adds))
            {
                return Verdict.Unknown;
            }

            var result = Verdict.Unknown;
            foreach (var add in adds)
            {
                if (AddedRows(add) is { } source)
                {
                    result = Combine(result, Classify(source, steps + 1));
                }
            }

            return result.Kind == RowsKind.Unbounded ? result : (result.Kind == RowsKind.Bounded ? Verdict.Bounded : Verdict.Unknown);
        }

        private static Dictionary<ILocalSymbol, List<IInvocationOperation>> CollectLocalAdds(IOperation body)
        {
            var map = new Dictionary<ILocalSymbol, List<IInvocationOperation>>(SymbolEqualityComparer.Default);
            var stack = new Stack<IOperation>();
            stack.Push(body);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (current is IInvocationOperation { Instance: ILocalReferenceOperation owner, TargetMethod.Name: "Add" or "AddRange" } add)
                {
                    if (!map.TryGetValue(owner.Local, out var adds))
                    {
                        adds = new List<IInvocationOperation>();
                        map.Add(owner.Local, adds);
                    }

                    adds.Add(add);
                }

                foreach (var child in current.ChildOperations)
                {
                    if (child is not IAnonymousFunctionOperation and not ILocalFunctionOperation)
                    {
                        stack.Push(child);
                    }
                }
            }

            return map;
        }

        /// <summary>
        /// return _rows; (a field or auto-property of this object): what is assigned to it, in this body first, else
        /// anywhere in its type (each assignment judged in its own method).
        /// </summary>
        private Verdict ClassifyMember(IMemberReferenceOperation reference, int steps)
        {
            var member = reference.Member;
            if (reference.Instance is not (null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }) || !IsStoredMember(member))
            {
                return Verdict.Unknown;
            }

            memberVerdicts ??= new Dictionary<ISymbol, Verdict>(SymbolEqualityComparer.Default);
            if (memberVerdicts.TryGetValue(member, out var known))
            {
                return known;
            }

            // Assigned while it is being judged (a cycle) counts as nothing known.
            memberVerdicts[member] = Verdict.Unknown;
            memberValues ??= CollectMemberValues(this.body);
            var result = Verdict.Unknown;
            if (memberValues.TryGetValue(member, out var values))
            {
                foreach (var value in values)
                {
                    result = Combine(result, Classify(value, steps + 1));
                }
            }
            else if (depth < MaxCallDepth)
            {
                result = ClassifyMemberAssignedElsewhere(member);
            }

            memberVerdicts[member] = result;
            return result;
        }

        private static bool IsStoredMember(ISymbol member)
        {
            if (member.Locations.Length == 0 || !member.Locations[0].IsInSource || member.DeclaringSyntaxReferences.Length == 0)
            {
                return false;
            }

            switch (member)
            {
                case IFieldSymbol { IsConst: false }:
                    return true;
                case IPropertySymbol { IsIndexer: false }:
                    // An auto-property holds what was assigned; a computed one is a method (not followed).
                    return member.DeclaringSyntaxReferences[0].GetSyntax() is PropertyDeclarationSyntax { ExpressionBody: null } declaration &&
                           declaration.AccessorList is { } accessors && AllAccessorsAuto(accessors);
                default:
                    return false;
            }

            static bool AllAccessorsAuto(AccessorListSyntax accessors)
            {
                foreach (var accessor in accessors.Accessors)
                {
                    if (accessor.Body is not null || accessor.ExpressionBody is not null)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        private static Dictionary<ISymbol, List<IOperation>> CollectMemberValues(IOperation body)
        {
            var map = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            var stack = new Stack<IOperation>();
            stack.Push(body);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (current is ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } target } assignment &&
                    target is IFieldReferenceOperation or IPropertyReferenceOperation)
                {
                    if (!map.TryGetValue(target.Member, out var values))
                    {
                        values = new List<IOperation>();
                        map.Add(target.Member, values);
                    }

                    values.Add(assignment.Value);
                }

                foreach (var child in current.ChildOperations)
                {
                    if (child is not IAnonymousFunctionOperation and not ILocalFunctionOperation)
                    {
                        stack.Push(child);
                    }
                }
            }

            return map;
        }

        /// <summary>The member's assignments in the other methods of its type, found by name in syntax and bound one by one.</summary>
        private Verdict ClassifyMemberAssignedElsewhere(ISymbol member)
        {
            var result = Verdict.Unknown;
            var seen = 0;
            foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                var model = shared.Data.Models.Get(declaration.SyntaxTree);
                if (model is null)
                {
                    continue;
                }

                foreach (var node in declaration.DescendantNodes())
                {
                    if (node is not AssignmentExpressionSyntax assignmentSyntax || OwnMemberName.Of(assignmentSyntax.Left) != member.Name)
                    {
                        continue;
                    }

                    if (++seen > MaxMemberAssignments)
                    {
                        return Verdict.Unknown;
                    }

                    if (model.GetOperation(assignmentSyntax, cancellationToken) is not ISimpleAssignmentOperation
                        {
                            Target: IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } target,
                        } assignment ||
                        !SymbolEqualityComparer.Default.Equals(target.Member, member) ||
                        PagingQueries.FindEnclosingBody(assignment, out var owner) is not { } body)
                    {
                        continue;
                    }

                    var classifier = new RowsClassifier(shared, body, owner, paginationMethods, depth + 1, cancellationToken);
                    result = Combine(result, classifier.Classify(assignment.Value));
                }
            }

            return result.Kind == RowsKind.Parameter ? Verdict.Unknown : result;
        }

        /// <summary>
        /// new TenantsResponse(rows), new Envelope&lt;T&gt;(rows, …): a type of this compilation constructed with the rows
        /// carries them, whatever its name, unless its constructor pages what it is given.
        /// </summary>
        private Verdict ClassifyConstructorArguments(IObjectCreationOperation creation, int steps)
        {
            if (creation.Constructor is { } referenced && !IsInSource(referenced) && IsRowsWrapperConstructor(referenced) &&
                !PagingQueries.IsRowCollection(creation.Type, shared.Ef))
            {
                // Its body is not visible; one argument, the rows of its type argument, is all it is given to hold.
                var wrapped = Classify(creation.Arguments[0].Value, steps + 1);
                return wrapped.Kind == RowsKind.Unbounded && IsChildOfResponse(wrapped, creation.Arguments[0].Value, creation.Type, ArgumentValues(creation))
                    ? Verdict.Unknown
                    : wrapped;
            }

            if (creation.Constructor is not { } constructor || !IsInSource(constructor) ||
                PagingQueries.IsRowCollection(creation.Type, shared.Ef) || ConstructorPages(constructor))
            {
                return Verdict.Unknown;
            }

            foreach (var argument in creation.Arguments)
            {
                if (!PagingQueries.IsRowCollection(PagingQueries.Strip(argument.Value).Type, shared.Ef))
                {
                    continue;
                }

                var verdict = Classify(argument.Value, steps + 1);
                if (verdict.Kind == RowsKind.Unbounded && !IsChildOfResponse(verdict, argument.Value, creation.Type, ArgumentValues(creation)))
                {
                    return verdict;
                }
            }

            return creation.Initializer is { } initializer ? ClassifyInitializers(initializer.Initializers, steps) : Verdict.Unknown;
        }

        /// <summary>
        /// A constructor of a referenced generic type whose one parameter is a collection of the type's one type argument
        /// (jellyfin's <c>new QueryResult&lt;T&gt;(IReadOnlyList&lt;T&gt; items)</c> of MediaBrowser.Model): a wrapper of the
        /// rows it is given. A page or a size beside them (<c>new PagedList&lt;T&gt;(source, page, size)</c>) may page them:
        /// not followed. The framework's types are not application wrappers.
        /// </summary>
        private bool IsRowsWrapperConstructor(IMethodSymbol constructor)
        {
            var definition = constructor.OriginalDefinition;
            return definition.Parameters.Length == 1 &&
                definition.ContainingType is { TypeParameters.Length: 1 } type &&
                type.ContainingAssembly is { } assembly && !MethodSummary.IsFrameworkAssemblyName(assembly.Identity.Name) &&
                shared.Ef.GetElementType(definition.Parameters[0].Type) is ITypeParameterSymbol element &&
                SymbolEqualityComparer.Default.Equals(element, type.TypeParameters[0]);
        }

        private static IEnumerable<IOperation> ArgumentValues(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                yield return argument.Value;
            }
        }

        /// <summary>A constructor (or, for a primary constructor, its type) that calls Skip/Take or a paging helper: trust it.</summary>
        private bool ConstructorPages(IMethodSymbol constructor)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax invocation && IsPagingName(InvokedName.Of(invocation.Expression)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool IsPagingName(string? name)
        {
            if (name is null)
            {
                return false;
            }

            if (name is "Skip" or "Take" or "TakeLast" or "Gridify" or "GridifyAsync" or "GridifyQueryable" ||
                name.IndexOf("Page", StringComparison.Ordinal) >= 0 || name.IndexOf("Paging", StringComparison.Ordinal) >= 0 ||
                name.IndexOf("Paginat", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }

            foreach (var configured in paginationMethods)
            {
                if (configured == name || configured.EndsWith("." + name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A method of this compilation whose only paging evidence is its return type's name (PagedResult&lt;T&gt;):
        /// its body decides. Unbounded when it wraps every row; otherwise bounded, as the name promised.
        /// </summary>
        private Verdict ClassifyPagedTypeCall(IInvocationOperation invocation)
        {
            var method = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition;
            if (depth >= MaxCallDepth || !IsInThisCompilation(method) || PagingQueries.IsPaginationMethod(method, paginationMethods))
            {
                return Verdict.Bounded;
            }

            var summary = shared.Summarize(method, paginationMethods, depth + 1, cancellationToken);
            return summary.Kind == RowsKind.Unbounded && summary.Finding is { FilteredByCaller: false } finding
                ? new Verdict(RowsKind.Unbounded, finding.WithVia(invocation.Syntax.ToString()))
                : Verdict.Bounded;
        }

        /// <summary>
        /// dispatcher.DispatchAsync(new GetDocumentsQuery()): the request's type implements the interface the
        /// dispatch method takes (IQuery&lt;T&gt;), and a type of this compilation implements a *Handler interface whose
        /// first type argument is that request. Every such handler must return unbounded rows.
        /// </summary>
        private Verdict? ClassifyDispatch(IInvocationOperation invocation)
        {
            if (invocation.Arguments.Length == 0 || invocation.Arguments[0].Parameter?.Type is not INamedTypeSymbol { TypeKind: TypeKind.Interface } contract ||
                PagingQueries.Strip(invocation.Arguments[0].Value).Type is not INamedTypeSymbol request ||
                !Implements(request, contract))
            {
                return null;
            }

            var handlers = shared.FindDispatchHandlers(request);
            if (handlers.Count == 0)
            {
                // The handlers sit in a referenced project: what its handler records say the dispatch returns.
                return ClassifyRecordedDispatch(invocation);
            }

            var verdicts = new List<Verdict>(handlers.Count);
            foreach (var handler in handlers)
            {
                var summary = shared.Summarize(handler, paginationMethods, depth + 1, cancellationToken);
                if (summary.Kind == RowsKind.Bounded)
                {
                    return Verdict.Bounded;
                }

                verdicts.Add(summary.Kind == RowsKind.Unbounded && summary.Finding is { FilteredByCaller: false } finding
                    ? new Verdict(RowsKind.Unbounded, WithConcreteEntity(finding, invocation).WithVia(invocation.Syntax.ToString()))
                    : Verdict.Unknown);
            }

            return CompilationData.AllUnbounded(verdicts);

            static bool Implements(INamedTypeSymbol type, INamedTypeSymbol contract)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract.OriginalDefinition))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>
        /// A dispatch whose handler sits in a referenced project (helper `handlers`, docs/cross-project.md, Handlers):
        /// the rows its handler records give, completed with the records of the interfaces' implementations.
        /// </summary>
        private Verdict? ClassifyRecordedDispatch(IInvocationOperation invocation)
        {
            var summaries = shared.Data.GetReferencedSummaries(cancellationToken);
            if (HandlerFacts.FindRecordedHandlers(summaries, invocation) is not { Count: > 0 } handlers)
            {
                return null;
            }

            var rows = HandlerFacts.FindRows(summaries, handlers);
            if (rows.Kind == SummaryRows.Bounded)
            {
                return Verdict.Bounded;
            }

            if (rows.Kind != SummaryRows.Unbounded)
            {
                return null;
            }

            var entity = rows.Entity is null ? null : DocumentationCommentId.GetFirstSymbolForDeclarationId(rows.Entity, shared.Data.Compilation) as ITypeSymbol;
            var finding = new RowsFinding(rows.QueryText ?? invocation.Syntax.ToString(), entity, keyProperty: null);
            return new Verdict(RowsKind.Unbounded, WithConcreteEntity(rows.Ordered ? finding.WithOrdered() : finding, invocation).WithVia(invocation.Syntax.ToString()));
        }
    }

    internal sealed partial class CompilationData
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, List<IMethodSymbol>> dispatchHandlers = new(SymbolEqualityComparer.Default);

        /// <summary>
        /// The handle methods of the types of this compilation that implement a generic interface named *Handler whose
        /// first type argument is <paramref name="request"/> (IQueryHandler&lt;TQuery, TResult&gt;, ICommandHandler&lt;T&gt;,
        /// IRequestHandler&lt;TRequest, TResponse&gt;): the interface method that takes the request.
        /// </summary>
        public List<IMethodSymbol> FindDispatchHandlers(INamedTypeSymbol request)
        {
            if (request.TypeKind is not (TypeKind.Class or TypeKind.Struct) || request.Locations.Length == 0 || !request.Locations[0].IsInSource)
            {
                return new List<IMethodSymbol>();
            }

            if (dispatchHandlers.TryGetValue(request, out var known))
            {
                return known;
            }

            var found = new List<IMethodSymbol>();
            foreach (var type in Data.Types.Types)
            {
                if (type.IsAbstract)
                {
                    continue;
                }

                foreach (var implemented in type.AllInterfaces)
                {
                    if (!implemented.IsGenericType || !implemented.Name.EndsWith("Handler", StringComparison.Ordinal) ||
                        !SymbolEqualityComparer.Default.Equals(implemented.TypeArguments[0], request))
                    {
                        continue;
                    }

                    foreach (var member in implemented.GetMembers())
                    {
                        if (member is IMethodSymbol { Parameters.Length: > 0 } contract &&
                            SymbolEqualityComparer.Default.Equals(contract.Parameters[0].Type, request) &&
                            type.FindImplementationForInterfaceMember(contract) is IMethodSymbol handle)
                        {
                            found.Add(handle.OriginalDefinition);
                        }
                    }
                }
            }

            dispatchHandlers.TryAdd(request, found);
            return found;
        }
    }
}
