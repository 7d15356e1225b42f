using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// What a value's rows are: bounded (paged, single row, aggregate), unbounded (every row of an EF query, and what a
/// fix needs to page them), or the rows of a parameter; followed back through wrappers, locals and called methods
/// (of this compilation, and of referenced projects through their recorded summaries). Used by PG0004 and by the
/// summary writer.
/// </summary>
internal static partial class RowsAnalysis
{
    internal enum RowsKind
    {
        Unknown,
        Bounded,
        Unbounded,
        Parameter,
    }

    internal readonly struct Verdict
    {
        public Verdict(RowsKind kind, RowsFinding? finding = null, int parameterOrdinal = -1)
        {
            Kind = kind;
            Finding = finding;
            ParameterOrdinal = parameterOrdinal;
        }

        public RowsKind Kind { get; }
        public RowsFinding? Finding { get; }
        public int ParameterOrdinal { get; }

        public static Verdict Unknown => default;
        public static Verdict Bounded => new(RowsKind.Bounded);
    }

    /// <summary>Where unbounded rows come from, and what a fix needs to page them.</summary>
    internal sealed class RowsFinding
    {
        public RowsFinding(string queryText, ITypeSymbol? entity, string? keyProperty)
        {
            QueryText = queryText;
            Entity = entity;
            KeyProperty = keyProperty;
        }

        public string QueryText { get; private set; }
        public ITypeSymbol? Entity { get; private set; }
        public string? KeyProperty { get; private set; }
        public string? MaterializedBy { get; private set; }
        public string? PagedInMemoryAfter { get; private set; }
        public string? Via { get; private set; }
        public SyntaxNode? PagingTarget { get; private set; }
        public bool Ordered { get; private set; }

        /// <summary>The rows are filtered by a predicate the caller passes in (Get(filter)): the caller decides how many.</summary>
        public bool FilteredByCaller { get; private set; }

        /// <summary>
        /// The parents whose one row the rows belong to: a Where on the way pinned a foreign key to one value
        /// (<c>l.InvoiceId == id</c>: "Invoice"), in this method or in one it calls. A response named after one of them
        /// carries one parent with its children, not every row (see <see cref="PagingQueries.IsChildOfSingleRow"/>).
        /// </summary>
        public ImmutableArray<string> Parents { get; private set; } = ImmutableArray<string>.Empty;

        /// <summary>
        /// The rows are what an interface method nothing here implements returns (its documentation-comment ID), taken
        /// as unbounded only by the summary writer's call-site pass (<see cref="CompilationData.FollowsUnseenContracts"/>):
        /// a later project that sees the implementation judges them (v1r, docs/cross-project.md).
        /// </summary>
        public string? UnseenContract { get; private set; }

        public RowsFinding WithUnseenContract(string contractId)
        {
            var copy = Copy();
            copy.UnseenContract = contractId;
            return copy;
        }

        public RowsFinding WithEntity(ITypeSymbol entity)
        {
            var copy = Copy();
            copy.Entity = entity;
            return copy;
        }

        public RowsFinding WithParents(ImmutableArray<string> parents)
        {
            if (parents.IsEmpty)
            {
                return this;
            }

            var copy = Copy();
            copy.Parents = Parents.IsEmpty ? parents : Parents.AddRange(parents);
            return copy;
        }

        /// <summary>Rows that reach the response on two paths belong to a parent only when both paths say so.</summary>
        public RowsFinding WithCommonParents(RowsFinding other)
        {
            if (Parents.IsEmpty)
            {
                return this;
            }

            var common = ImmutableArray.CreateBuilder<string>();
            foreach (var parent in Parents)
            {
                if (other.Parents.Contains(parent))
                {
                    common.Add(parent);
                }
            }

            if (common.Count == Parents.Length)
            {
                return this;
            }

            var copy = Copy();
            copy.Parents = common.ToImmutable();
            return copy;
        }

        public RowsFinding WithFilteredByCaller()
        {
            var copy = Copy();
            copy.FilteredByCaller = true;
            return copy;
        }

        private RowsFinding Copy() => (RowsFinding)MemberwiseClone();

        public RowsFinding WithMaterializedBy(string name)
        {
            var copy = Copy();
            copy.MaterializedBy = name;
            return copy;
        }

        public RowsFinding WithPagedInMemory()
        {
            var copy = Copy();
            copy.PagedInMemoryAfter = MaterializedBy;
            return copy;
        }

        public RowsFinding WithVia(string via)
        {
            var copy = Copy();
            copy.Via ??= via;
            copy.PagingTarget = null;
            return copy;
        }

        public RowsFinding WithoutTarget()
        {
            var copy = Copy();
            copy.PagingTarget = null;
            return copy;
        }

        public RowsFinding WithTarget(SyntaxNode target, string? keyProperty)
        {
            var copy = Copy();
            copy.PagingTarget = target;
            copy.KeyProperty = keyProperty;
            return copy;
        }

        public RowsFinding WithOrdered()
        {
            var copy = Copy();
            copy.Ordered = true;
            return copy;
        }
    }

    /// <summary>Follows a value back to the query that produced it, through wrappers, locals and called methods.</summary>
    internal sealed partial class RowsClassifier
    {
        private const int MaxCallDepth = 4;
        private readonly CompilationData shared;
        private readonly IMethodSymbol? owner;
        private readonly string[] paginationMethods;
        private readonly int depth;
        private readonly CancellationToken cancellationToken;
        private readonly Dictionary<ILocalSymbol, List<IOperation>> locals;
        private readonly HashSet<ILocalSymbol> visiting = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<ILocalSymbol, Verdict> localVerdicts = new(SymbolEqualityComparer.Default);
        private readonly IOperation body;
        private Dictionary<ILocalSymbol, List<IOperation>>? memberAssignments;
        private Dictionary<IParameterSymbol, IOperation>? continuedTasks;

        public RowsClassifier(CompilationData shared, IOperation body, IMethodSymbol? owner, string[] paginationMethods, int depth, CancellationToken cancellationToken)
        {
            this.shared = shared;
            this.owner = owner;
            this.paginationMethods = paginationMethods;
            this.depth = depth;
            this.cancellationToken = cancellationToken;
            this.locals = PagingQueries.CollectLocalAssignments(body);
            this.body = body;
        }

        public Verdict Classify(IOperation operation) => Classify(operation, 0);

        private Verdict Classify(IOperation operation, int steps)
        {
            if (steps > 48)
            {
                return Verdict.Unknown;
            }

            var ef = this.shared.Ef;
            operation = PagingQueries.Strip(operation);
            switch (operation)
            {
                case IAwaitOperation awaited:
                    return Classify(OperationHelpers.AwaitedTask(awaited), steps + 1);
                case IPropertyReferenceOperation { Property.Name: "Result", Instance: IParameterReferenceOperation task } when
                    continuedTasks is not null && continuedTasks.TryGetValue(task.Parameter, out var antecedent):
                    return Classify(antecedent, steps + 1);
                case ICoalesceOperation coalesce:
                    return Combine(Classify(coalesce.Value, steps + 1), Classify(coalesce.WhenNull, steps + 1));
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return Combine(Classify(conditional.WhenTrue, steps + 1), Classify(whenFalse, steps + 1));
                case ISwitchExpressionOperation switchExpression:
                    return ClassifySwitchArms(switchExpression, steps);
                case ILocalReferenceOperation local:
                    return ClassifyLocal(local, steps);
                case IParameterReferenceOperation parameter when this.owner is not null &&
                    SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, this.owner):
                    return new Verdict(RowsKind.Parameter, parameterOrdinal: parameter.Parameter.Ordinal);
                case IPropertyReferenceOperation property when ef.IsDbSet(property.Type) ||
                    (ef.IsDbContext(property.Property.ContainingType) && ef.IsQueryable(property.Type)):
                    return Root(operation);
                case IFieldReferenceOperation field when ef.IsDbSet(field.Type):
                    return Root(operation);
                case IFieldReferenceOperation or IPropertyReferenceOperation when PagingQueries.IsRowCollection(operation.Type, ef):
                    return ClassifyMember((IMemberReferenceOperation)operation, steps);
                case IObjectCreationOperation creation:
                    return ClassifyCreation(creation, steps);
                case IAnonymousObjectCreationOperation anonymous:
                    return ClassifyInitializers(anonymous.Initializers, steps, envelope: null);
                case IInvocationOperation invocation:
                    return ClassifyInvocation(invocation, steps);
                default:
                    return Verdict.Unknown;
            }
        }

        private Verdict Root(IOperation query)
        {
            var entity = PagingQueries.GetElementType(query.Type, this.shared.Ef);
            var key = this.shared.Data.FindKey(entity, this.cancellationToken);
            var finding = new RowsFinding(query.Syntax.ToString(), entity, key);
            return new Verdict(RowsKind.Unbounded, finding.WithTarget(query.Syntax, key));
        }

        private Verdict ClassifyLocal(ILocalReferenceOperation reference, int steps)
        {
            if (localVerdicts.TryGetValue(reference.Local, out var known))
            {
                return known;
            }

            if (!this.locals.TryGetValue(reference.Local, out var values) || !visiting.Add(reference.Local))
            {
                return Verdict.Unknown;
            }

            var result = Verdict.Unknown;
            var ordered = false;
            var filteredByCaller = false;
            foreach (var value in values)
            {
                result = Combine(result, Classify(value, steps + 1));
                ordered |= HasOrderingOperator(value);
                filteredByCaller |= HasCallerPredicate(value);
            }

            if (result.Kind == RowsKind.Unknown && PagingQueries.IsRowCollection(reference.Type, this.shared.Ef))
            {
                result = ClassifyFilledRowByRow(reference.Local, values, steps);
            }

            visiting.Remove(reference.Local);
            if (filteredByCaller && result.Kind == RowsKind.Unbounded && result.Finding is { } filtered)
            {
                result = new Verdict(RowsKind.Unbounded, filtered.WithFilteredByCaller());
            }

            if (result.Kind == RowsKind.Unbounded && result.Finding is { MaterializedBy: null } finding && this.shared.Ef.IsQueryable(reference.Type))
            {
                // Page the local itself: that is where a fix can add OrderBy/Skip/Take.
                result = new Verdict(RowsKind.Unbounded, MoveTarget(ordered ? finding.WithOrdered() : finding, reference, keepWhenKeyless: false));
            }

            // var viewModel = new LeasesViewModel(); viewModel.Leases = rows; return View(viewModel);
            if (result.Kind == RowsKind.Unknown && !PagingQueries.IsRowCollection(reference.Type, this.shared.Ef) &&
                values.Count > 0 && PagingQueries.Strip(values[0]) is IObjectCreationOperation)
            {
                memberAssignments ??= PagingQueries.CollectMemberAssignments(this.body);
                if (memberAssignments.TryGetValue(reference.Local, out var members))
                {
                    foreach (var member in members)
                    {
                        if (PagingQueries.IsRowCollection(member.Parent is ISimpleAssignmentOperation owner ? owner.Target.Type : null, this.shared.Ef))
                        {
                            var verdict = Classify(member, steps + 1);
                            if (verdict.Kind == RowsKind.Unbounded && !IsChildOfResponse(verdict, member, reference.Type, members))
                            {
                                result = verdict;
                                break;
                            }
                        }
                    }
                }
            }

            // Memoised: locals assigned from locals assigned from locals must not cost 2^n.
            localVerdicts[reference.Local] = result;
            return result;
        }

        /// <summary>new PropertiesViewModel { Properties = rows } or new { items = rows }: a response that carries every row.</summary>
        private Verdict ClassifyInitializers(IEnumerable<IOperation> initializers, int steps, ITypeSymbol? envelope = null)
        {
            var result = Verdict.Unknown;
            foreach (var initializer in initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation } assignment &&
                    PagingQueries.IsRowCollection(assignment.Target.Type, this.shared.Ef))
                {
                    var verdict = Classify(assignment.Value, steps + 1);
                    if (verdict.Kind == RowsKind.Bounded || IsChildOfResponse(verdict, assignment.Value, envelope, initializers))
                    {
                        continue;
                    }

                    result = result.Kind == RowsKind.Unbounded ? result : verdict;
                }
            }

            return result.Kind == RowsKind.Unbounded ? result : Verdict.Unknown;
        }

        /// <summary>One parent with its children: unbounded rows pinned to a parent that the response names or carries.</summary>
        private bool IsChildOfResponse(Verdict verdict, IOperation rows, ITypeSymbol? envelope, IEnumerable<IOperation> siblings) =>
            verdict.Kind == RowsKind.Unbounded && verdict.Finding is { } finding &&
            PagingQueries.IsChildOfSingleRow(finding, rows, envelope, siblings, this.shared.Ef);

        private Verdict ClassifyCreation(IObjectCreationOperation creation, int steps)
        {
            if (creation.Arguments.Length == 0)
            {
                // new PagedResult<T> { Items = all }: what was put in it decides, not the type's name.
                return creation.Initializer is { } initializer
                    ? ClassifyInitializers(initializer.Initializers, steps, creation.Type)
                    : Verdict.Unknown;
            }

            // new OkObjectResult(rows), new JsonResult(rows), new ObjectResult(rows)
            if (AspNetSymbols.InheritsFrom(creation.Type, this.shared.Asp.ObjectResult) || AspNetSymbols.InheritsFrom(creation.Type, this.shared.Asp.JsonResult))
            {
                return Classify(creation.Arguments[0].Value, steps + 1);
            }

            // new List<T>(rows)
            if (creation.Arguments.Length == 1 && PagingQueries.IsRowCollection(creation.Type, this.shared.Ef) &&
                PagingQueries.IsRowCollection(PagingQueries.Strip(creation.Arguments[0].Value).Type, this.shared.Ef))
            {
                return Classify(creation.Arguments[0].Value, steps + 1);
            }

            return ClassifyConstructorArguments(creation, steps);
        }

        private Verdict ClassifyInvocation(IInvocationOperation invocation, int steps)
        {
            var method = invocation.TargetMethod;
            var ef = this.shared.Ef;
            var name = method.Name;

            // A method of a referenced project built with PerfGuard: its recorded summary, not its name, says
            // whether it pages (a *Page* method that returns every row is unbounded; a clamp inside it is seen).
            var summaries = IsInThisCompilation(method) ? null : this.shared.Data.GetReferencedSummaries(this.cancellationToken);
            var summarized = summaries is not null && summaries.IsSummarized(method.ContainingAssembly);
            if (summaries is not null && !summaries.IsEmpty && summaries.FindRows(method) is { } recorded)
            {
                return FromSummary(recorded, invocation, summaries.Find(method));
            }

            if (!summarized && !PagingQueries.IsPaginationMethod(method, this.paginationMethods) && PagingQueries.IsPagedType(method.ReturnType))
            {
                return ClassifyPagedTypeCall(invocation);
            }

            if ((!summarized && PagingQueries.IsPaginationMethod(method, this.paginationMethods)) ||
                (summarized && PagingQueries.IsConfiguredPaginationMethod(method, this.paginationMethods)))
            {
                return Verdict.Bounded;
            }

            if (IsResultWrapper(method))
            {
                var model = FindModelArgument(invocation);
                return model is null ? Verdict.Unknown : Classify(model, steps + 1);
            }

            if (PagingQueries.WrapsItsArgument(method) && invocation.Arguments.Length == 1)
            {
                return Classify(invocation.Arguments[0].Value, steps + 1);
            }

            if (name == "Set" && method.Parameters.Length == 0 && ef.IsDbContext(method.ContainingType))
            {
                return Root(invocation);
            }

            if (ef.IsDbSet(method.ContainingType) && PagingQueries.SingleRowOrAggregate.Contains(name))
            {
                return Verdict.Bounded;
            }

            // query.ToListAsync().ContinueWith(t => Result<…>.Success(t.Result.Select(…))): what the continuation returns,
            // its task's Result standing for the rows the first task gives.
            if (name == "ContinueWith" && invocation.Instance is { } first && IsTaskOfRows(first.Type) && invocation.Arguments.Length > 0 &&
                PagingQueries.Strip(invocation.Arguments[0].Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.Parameters.Length: 1 } continuation })
            {
                (continuedTasks ??= new Dictionary<IParameterSymbol, IOperation>(SymbolEqualityComparer.Default))[continuation.Symbol.Parameters[0]] = first;
                return SummarizeReturns(continuation.Body);
            }

            var source = GetSource(invocation);
            if (source is not null && !IsInSource(method))
            {
                // Also Distinct over one scalar column and GroupBy with aggregates: values and summaries, not rows.
                if (PagingQueries.SingleRowOrAggregate.Contains(name) || PagingQueries.IsScalarDistinct(invocation, ef) || PagingQueries.IsGroupAggregate(invocation))
                {
                    return Verdict.Bounded;
                }

                if (name is "Take" or "TakeLast")
                {
                    // In memory, Skip/Take pages rows that were all loaded (still every row); a constant Take with no
                    // Skip keeps a top N: the response is bounded, the load is not PG0004's (see PG0004.md).
                    var taken = Classify(source, steps + 1);
                    return taken.Kind == RowsKind.Unbounded && taken.Finding!.MaterializedBy is not null && !IsTopN(invocation)
                        ? new Verdict(RowsKind.Unbounded, taken.Finding.WithPagedInMemory())
                        : Verdict.Bounded;
                }

                if (!PagingQueries.IsRowCollection(invocation.Type, ef) && !IsTaskOfRows(invocation.Type))
                {
                    return Verdict.Unknown;
                }

                // Where(p => p.Id == id) or Where(p => ids.Contains(p.Id)): a key lookup, not a listing.
                if (name == "Where" && invocation.Arguments.Length == 2 &&
                    PagingQueries.IsKeyLookup(invocation.Arguments[1].Value, this.shared.Data.FindKey(PagingQueries.GetElementType(source.Type, ef), this.cancellationToken)))
                {
                    return Verdict.Bounded;
                }

                var inner = Classify(source, steps + 1);
                if (inner.Kind != RowsKind.Unbounded || inner.Finding is null)
                {
                    return inner;
                }

                var finding = inner.Finding.WithParents(PinnedParents(invocation));
                if (finding.MaterializedBy is null)
                {
                    if (PagingQueries.Materializers.Contains(name) || !ef.IsQueryable(invocation.Type))
                    {
                        finding = finding.WithMaterializedBy(name);
                    }
                    else
                    {
                        if (PagingQueries.OrderingOperators.Contains(name))
                        {
                            finding = finding.WithOrdered();
                        }

                        if (IsCallerPredicate(invocation))
                        {
                            finding = finding.WithFilteredByCaller();
                        }

                        // Paging goes before a projection: same rows, and OrderBy on an entity key always translates
                        // (on a DTO built by a client method it would not).
                        if (name is not ("Select" or "ProjectTo" or "ProjectToType"))
                        {
                            finding = MoveTarget(finding, invocation, keepWhenKeyless: false);
                        }
                    }
                }

                return new Verdict(RowsKind.Unbounded, finding);
            }

            return ClassifyCall(invocation, steps);
        }

        /// <summary>A call into the same compilation: summarise the callee (or every implementation of an interface method).</summary>
        private Verdict ClassifyCall(IInvocationOperation invocation, int steps)
        {
            if (this.depth >= MaxCallDepth)
            {
                return Verdict.Unknown;
            }

            var method = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition;

            // mediator.Send(new GetPropertiesQuery()): the rows come from the request's handler in this compilation.
            if (method.Name == "Send" && method.ContainingType?.Name is "IMediator" or "ISender" or "Mediator" && invocation.Arguments.Length > 0 &&
                this.shared.FindRequestHandler(PagingQueries.Strip(invocation.Arguments[0].Value).Type) is { } handler)
            {
                method = handler;
            }
            else if (ClassifyDispatch(invocation) is { } dispatched)
            {
                return dispatched;
            }

            var summary = this.shared.Summarize(method, this.paginationMethods, this.depth + 1, this.cancellationToken);
            switch (summary.Kind)
            {
                case RowsKind.Unbounded when summary.Finding!.FilteredByCaller:
                    // repository.Get(p => p.Id == id): the filter the caller passes decides; stay silent.
                    return Verdict.Unknown;
                case RowsKind.Unbounded:
                    return new Verdict(RowsKind.Unbounded, summary.Finding!.WithVia(invocation.Syntax.ToString()));
                case RowsKind.Parameter:
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.Ordinal == summary.ParameterOrdinal)
                        {
                            return Classify(argument.Value, steps + 1);
                        }
                    }

                    return Verdict.Unknown;
                default:
                    return summary;
            }
        }

        private bool IsInThisCompilation(IMethodSymbol method) =>
            SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, this.shared.Data.Compilation.Assembly);

        private Verdict FromSummary(MethodSummary recorded, IInvocationOperation invocation, IReadOnlyList<MethodSummary>? implementations)
        {
            if (recorded.Rows == SummaryRows.Bounded)
            {
                return Verdict.Bounded;
            }

            var entity = recorded.Entity is null
                ? null
                : DocumentationCommentId.GetFirstSymbolForDeclarationId(recorded.Entity, this.shared.Data.Compilation) as ITypeSymbol;
            var finding = new RowsFinding(recorded.QueryText ?? invocation.Syntax.ToString(), entity, keyProperty: null);
            if (recorded.Ordered)
            {
                finding = finding.WithOrdered();
            }

            finding = finding.WithParents(CommonParents(implementations));

            return new Verdict(RowsKind.Unbounded, finding.WithVia(invocation.Syntax.ToString()));
        }

        private bool IsResultWrapper(IMethodSymbol method)
        {
            var asp = this.shared.Asp;
            var type = method.ContainingType;
            if (SymbolEqualityComparer.Default.Equals(type, asp.Results) || SymbolEqualityComparer.Default.Equals(type, asp.TypedResults))
            {
                return method.Name is "Ok" or "Json" or "Accepted" or "Created" or "Content";
            }

            return AspNetSymbols.InheritsFrom(type, asp.ControllerBase) && !IsInSource(method) &&
                method.Name is "Ok" or "View" or "PartialView" or "Json" or "Accepted" or "Created" or "AcceptedAtAction" or "CreatedAtAction";
        }

        private static IOperation? FindModelArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name is "value" or "model" or "data")
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private IOperation? GetSource(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.IsExtensionMethod || (method.IsStatic && method.Parameters.Length > 0 && IsEnumerableParameter(method.Parameters[0].Type)))
            {
                if (invocation.Arguments.Length > 0 && IsEnumerableParameter(method.Parameters.Length > 0 ? method.Parameters[0].Type : null))
                {
                    // Mapping helpers take the rows as their only argument too: Map<List<T>>(rows), rows.Adapt<List<T>>().
                    return invocation.Arguments[0].Value;
                }

                return null;
            }

            // Instance operators of collections (list.ToArray(), mapper.Map<List<Dto>>(rows)).
            if (method.Name is "Map" or "Adapt" && invocation.Arguments.Length > 0 && PagingQueries.IsRowCollection(PagingQueries.Strip(invocation.Arguments[invocation.Arguments.Length - 1].Value).Type, this.shared.Ef))
            {
                return invocation.Arguments[invocation.Arguments.Length - 1].Value;
            }

            // Instance operators of collections and sets: list.ToArray(), dbSet.AsQueryable(), dbSet.AsAsyncEnumerable().
            if (invocation.Instance is not null && !IsInSource(method) && PagingQueries.IsRowCollection(invocation.Instance.Type, this.shared.Ef) &&
                (PagingQueries.IsRowCollection(invocation.Type, this.shared.Ef) || IsTaskOfRows(invocation.Type)))
            {
                return invocation.Instance;
            }

            return null;
        }

        private bool IsEnumerableParameter(ITypeSymbol? type) =>
            type is not null && (PagingQueries.IsRowCollection(type, this.shared.Ef) || type.SpecialType == SpecialType.System_Object ||
                                 type is ITypeParameterSymbol || IsNonGenericSequence(type));

        /// <summary>IQueryable and IEnumerable without a type argument: AutoMapper's ProjectTo, Cast, OfType take these.</summary>
        private static bool IsNonGenericSequence(ITypeSymbol type) =>
            type is INamedTypeSymbol { IsGenericType: false, Name: "IQueryable" or "IEnumerable" } named &&
            named.ContainingNamespace?.ToDisplayString() is "System.Linq" or "System.Collections";

        private bool IsTaskOfRows(ITypeSymbol? type) =>
            type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named &&
            named.Name is "Task" or "ValueTask" && PagingQueries.IsRowCollection(named.TypeArguments[0], this.shared.Ef);

        private static bool IsInSource(IMethodSymbol method) => method.Locations.Length > 0 && method.Locations[0].IsInSource;

        /// <summary>Where(filter) with a predicate that is a parameter of the method being summarised.</summary>
        private bool IsCallerPredicate(IInvocationOperation invocation) =>
            this.owner is not null && invocation.TargetMethod.Name == "Where" && invocation.Arguments.Length == 2 &&
            PagingQueries.Strip(invocation.Arguments[1].Value) is IParameterReferenceOperation predicate &&
            SymbolEqualityComparer.Default.Equals(predicate.Parameter.ContainingSymbol, this.owner);

        private bool HasCallerPredicate(IOperation value)
        {
            var current = PagingQueries.Strip(value);
            for (var i = 0; i < 48 && current is IInvocationOperation invocation; i++)
            {
                if (IsCallerPredicate(invocation))
                {
                    return true;
                }

                if (invocation.Arguments.Length == 0 || !invocation.TargetMethod.IsExtensionMethod)
                {
                    return false;
                }

                current = PagingQueries.Strip(invocation.Arguments[0].Value);
            }

            return false;
        }

        private bool HasOrderingOperator(IOperation value)
        {
            var current = PagingQueries.Strip(value);
            for (var i = 0; i < 48 && current is IInvocationOperation invocation; i++)
            {
                if (PagingQueries.OrderingOperators.Contains(invocation.TargetMethod.Name) ||
                    (invocation.Type is INamedTypeSymbol { Name: "IOrderedQueryable" }))
                {
                    return true;
                }

                if (invocation.Arguments.Length == 0 || !invocation.TargetMethod.IsExtensionMethod)
                {
                    return false;
                }

                current = PagingQueries.Strip(invocation.Arguments[0].Value);
                if (current is IAwaitOperation awaited)
                {
                    current = PagingQueries.Strip(OperationHelpers.AwaitedTask(awaited));
                }
            }

            return false;
        }

        /// <summary>
        /// The fix pages the outermost query expression it can order. A projection without a key keeps the paging
        /// before it (same rows); any other keyless operator makes the finding unfixable rather than wrong.
        /// </summary>
        private RowsFinding MoveTarget(RowsFinding finding, IOperation node, bool keepWhenKeyless)
        {
            if (finding.PagingTarget is null)
            {
                return finding;
            }

            var key = this.shared.Data.FindKey(PagingQueries.GetElementType(node.Type, this.shared.Ef), this.cancellationToken);
            if (key is not null || finding.Ordered)
            {
                return finding.WithTarget(node.Syntax, key);
            }

            return keepWhenKeyless ? finding : finding.WithoutTarget();
        }

        private static Verdict Combine(Verdict left, Verdict right)
        {
            if (left.Kind == RowsKind.Bounded || right.Kind == RowsKind.Bounded)
            {
                return Verdict.Bounded;
            }

            if (left.Kind == RowsKind.Unbounded)
            {
                return right.Kind == RowsKind.Unbounded && left.Finding is { } first && right.Finding is { } second
                    ? new Verdict(RowsKind.Unbounded, first.WithCommonParents(second))
                    : left;
            }

            if (right.Kind == RowsKind.Unbounded)
            {
                return right;
            }

            return left.Kind == RowsKind.Parameter ? left : right;
        }

        internal static Verdict CombineAll(List<Verdict> verdicts)
        {
            var result = Verdict.Unknown;
            foreach (var verdict in verdicts)
            {
                result = Combine(result, verdict);
            }

            return result;
        }

        public Verdict SummarizeReturns(IOperation body)
        {
            var verdicts = new List<Verdict>();
            var stack = new Stack<IOperation>();
            stack.Push(body);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (current is IReturnOperation { ReturnedValue: { } value } ret && ret.Kind == OperationKind.Return)
                {
                    verdicts.Add(Classify(value));
                    continue;
                }

                if (current is IReturnOperation { Kind: OperationKind.YieldReturn } && FindHandedOverRows(current, pageModel: null) is { } perRow)
                {
                    verdicts.Add(Classify(perRow));
                    continue;
                }

                foreach (var child in current.ChildOperations)
                {
                    if (child is not IAnonymousFunctionOperation and not ILocalFunctionOperation)
                    {
                        stack.Push(child);
                    }
                }
            }

            return CombineAll(verdicts);
        }

        public static Verdict Summarize(CompilationData shared, IMethodSymbol method, IOperation body, string[] paginationMethods, int depth, CancellationToken cancellationToken) =>
            new RowsClassifier(shared, body, method, paginationMethods, depth, cancellationToken).SummarizeReturns(body);
    }

    /// <summary>Per-compilation state: symbols, method summaries, and the shared model cache and source type index.</summary>
    internal sealed partial class CompilationData
    {
        private readonly ConcurrentDictionary<IMethodSymbol, Verdict> summaries = new(SymbolEqualityComparer.Default);
        private readonly SemanticModelCache models;
        private readonly SourceTypeIndex types;
        private readonly ConcurrentDictionary<INamedTypeSymbol, IMethodSymbol?> handlers = new(SymbolEqualityComparer.Default);

        public CompilationData(DataAccessModel data, AspNetSymbols asp)
        {
            models = data.Models;
            this.types = data.Types;
            Data = data;
            Ef = data.Symbols;
            Asp = asp;
        }

        public DataAccessModel Data { get; }
        public EfSymbols Ef { get; }
        public AspNetSymbols Asp { get; }

        /// <summary>
        /// Only for the summary writer's Up call sites (UpCallSites, v1r): a call the classified body, or a method of this
        /// compilation it follows (to the same depth as any call), makes to an interface method nothing here implements counts as unbounded rows marked with
        /// <see cref="RowsFinding.UnseenContract"/>, so what the endpoint does with them (returns, wraps, counts, pages)
        /// is decided as for any other rows. The rules never set it.
        /// </summary>
        public bool FollowsUnseenContracts { get; set; }

        /// <summary>The Handle method of the IRequestHandler&lt;TRequest, …&gt; (MediatR and look-alikes) declared for the request type.</summary>
        public IMethodSymbol? FindRequestHandler(ITypeSymbol? requestType)
        {
            if (requestType is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } request || request.Locations.Length == 0 || !request.Locations[0].IsInSource)
            {
                return null;
            }

            if (handlers.TryGetValue(request, out var known))
            {
                return known;
            }

            var found = Find(request, this.types);
            handlers.TryAdd(request, found);
            return found;

            static IMethodSymbol? Find(INamedTypeSymbol key, SourceTypeIndex types)
            {
                foreach (var type in types.Types)
                {
                    foreach (var implemented in type.AllInterfaces)
                    {
                        if (implemented.Name != "IRequestHandler" || implemented.TypeArguments.Length == 0 ||
                            !SymbolEqualityComparer.Default.Equals(implemented.TypeArguments[0], key))
                        {
                            continue;
                        }

                        foreach (var member in implemented.GetMembers("Handle"))
                        {
                            if (member is IMethodSymbol contract && type.FindImplementationForInterfaceMember(contract) is IMethodSymbol handle)
                            {
                                return handle.OriginalDefinition;
                            }
                        }
                    }
                }

                return null;
            }
        }

        public Verdict Summarize(IMethodSymbol method, string[] paginationMethods, int depth, CancellationToken cancellationToken)
        {
            // Only summaries computed at the first call level are cached: deeper ones may be cut short by the depth
            // bound, which also ends recursion (a method calling itself).
            if (depth == 1 && this.summaries.TryGetValue(method, out var cached))
            {
                return cached;
            }

            Verdict result;
            if (method.IsAbstract || (method.IsVirtual && GetBody(method, cancellationToken) is null))
            {
                var verdicts = new List<Verdict>();
                foreach (var implementation in this.types.GetImplementations(method))
                {
                    var body = GetBody(implementation.OriginalDefinition, cancellationToken);
                    if (body is not null)
                    {
                        verdicts.Add(RowsClassifier.Summarize(this, implementation.OriginalDefinition, body, paginationMethods, depth, cancellationToken));
                    }
                }

                result = AllUnbounded(verdicts);
                // At any depth PG0004 follows: an endpoint may reach the contract through methods of its own project (v1r).
                if (verdicts.Count == 0 && FollowsUnseenContracts && UnseenContractRows(method) is { } unseen)
                {
                    result = unseen;
                }
            }
            else
            {
                var body = GetBody(method, cancellationToken);
                result = body is null ? Verdict.Unknown : RowsClassifier.Summarize(this, method, body, paginationMethods, depth, cancellationToken);
            }

            if (depth == 1)
            {
                this.summaries.TryAdd(method, result);
            }

            return result;
        }

        private Verdict? UnseenContractRows(IMethodSymbol method)
        {
            if (!SummaryWriter.IsUnseenContract(method, Data) || method.OriginalDefinition.GetDocumentationCommentId() is not { } id)
            {
                return null;
            }

            var returned = Ef.GetTaskResultType(method.ReturnType) ?? method.ReturnType;
            if (!PagingQueries.IsRowCollection(returned, Ef))
            {
                return null;
            }

            var finding = new RowsFinding(string.Empty, PagingQueries.GetElementType(returned, Ef), keyProperty: null).WithUnseenContract(id);

            // A list comes back loaded: a Skip/Take on it runs in memory, after the contract loaded every row.
            return new Verdict(RowsKind.Unbounded, Ef.IsQueryable(returned) ? finding : finding.WithMaterializedBy(method.Name));
        }

        /// <summary>
        /// Only when every implementation returns unbounded rows is the interface call unbounded. When every one
        /// returns the rows of the same parameter (ToListAsync(query)), the call returns the caller's argument.
        /// </summary>
        internal static Verdict AllUnbounded(List<Verdict> verdicts)
        {
            if (SameParameter(verdicts) is { } passedThrough)
            {
                return passedThrough;
            }

            Verdict? first = null;
            foreach (var verdict in verdicts)
            {
                if (verdict.Kind != RowsKind.Unbounded)
                {
                    return Verdict.Unknown;
                }

                first ??= verdict;
            }

            return first ?? Verdict.Unknown;
        }

        private static Verdict? SameParameter(List<Verdict> verdicts)
        {
            if (verdicts.Count == 0)
            {
                return null;
            }

            foreach (var verdict in verdicts)
            {
                if (verdict.Kind != RowsKind.Parameter || verdict.ParameterOrdinal != verdicts[0].ParameterOrdinal)
                {
                    return null;
                }
            }

            return verdicts[0];
        }

        public IOperation? GetBody(IMethodSymbol method, CancellationToken cancellationToken) =>
            models.GetMethodBody(method, SourceBodies.MethodDeclarations | SourceBodies.LocalFunctions, cancellationToken);
    }
}
