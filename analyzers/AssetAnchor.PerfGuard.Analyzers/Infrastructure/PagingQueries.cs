using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// What the pagination rules (PG0004-PG0006) share: operator vocabularies, entity keys, local-variable
/// assignments of a body, and the .editorconfig options.
/// </summary>
internal static class PagingQueries
{
    public const string PaginationMethodsKey = "PG0004.pagination_methods";
    public const string ExemptTypesKey = "PG0004.exempt_types";
    public const string ReferenceEntitiesKey = "PG0004.reference_entities";
    public const string MaxPageSizeKey = "PG0006.max_page_size";
    public const int DefaultMaxPageSize = 100;

    /// <summary>Diagnostic property: the entity key to order by ("" when none was found).</summary>
    public const string KeyPropertyName = DiagnosticProperties.KeyProperty;

    /// <summary>Diagnostic property: the configured maximum page size.</summary>
    public const string MaxPageSizeProperty = DiagnosticProperties.MaxPageSize;

    /// <summary>See <see cref="QueryOperators"/>: the one operator list.</summary>
    public static readonly ImmutableHashSet<string> Materializers = QueryOperators.Materializers;

    public static readonly ImmutableHashSet<string> SingleRowOrAggregate = QueryOperators.SingleRowOrAggregate;

    public static readonly ImmutableHashSet<string> OrderingOperators = QueryOperators.Ordering;

    /// <summary>See <see cref="OperationHelpers.Strip"/>: the one strip-wrappers helper.</summary>
    public static IOperation Strip(IOperation operation) => OperationHelpers.Strip(operation);

    /// <summary>
    /// The pagination helpers people use (ToPagedList, PaginatedList.CreateAsync, Gridify ApplyPaging/GridifyAsync,
    /// ABP PageBy, Paginate...) recognised by name, plus the names configured in .editorconfig.
    /// </summary>
    public static bool IsPaginationMethod(IMethodSymbol method, string[] configured)
    {
        var name = method.Name;
        if (name.IndexOf("Page", StringComparison.Ordinal) >= 0 ||
            name.IndexOf("Paging", StringComparison.Ordinal) >= 0 ||
            name.IndexOf("Paginat", StringComparison.OrdinalIgnoreCase) >= 0 ||
            name is "Gridify" or "GridifyAsync" or "GridifyQueryable")
        {
            return true;
        }

        if (configured.Length == 0)
        {
            return false;
        }

        string? qualified = null;
        foreach (var entry in configured)
        {
            if (entry.IndexOf('.') < 0)
            {
                if (string.Equals(entry, name, StringComparison.Ordinal))
                {
                    return true;
                }

                continue;
            }

            qualified ??= method.ContainingType?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty) + "." + name;
            if (string.Equals(entry, qualified, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A pagination helper named in .editorconfig: the user's word is evidence, unlike a name pattern.</summary>
    public static bool IsConfiguredPaginationMethod(IMethodSymbol method, string[] configured)
    {
        if (configured.Length == 0)
        {
            return false;
        }

        var qualified = method.ContainingType?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty) + "." + method.Name;
        foreach (var entry in configured)
        {
            if (string.Equals(entry, method.Name, StringComparison.Ordinal) || string.Equals(entry, qualified, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>*Paged*, *Paginated*, Page&lt;T&gt;, IPagedList&lt;T&gt;, Connection&lt;T&gt; anywhere in the type or its type arguments.</summary>
    public static bool IsPagedType(ITypeSymbol? type, int depth = 0)
    {
        if (type is not INamedTypeSymbol named || depth > 6)
        {
            return false;
        }

        var name = named.Name;
        if (name.IndexOf("Paged", StringComparison.Ordinal) >= 0 ||
            name.IndexOf("Paginat", StringComparison.OrdinalIgnoreCase) >= 0 ||
            (named.IsGenericType && name is "Page" or "IPage" or "Connection" or "CursorPage" or "Slice"))
        {
            return true;
        }

        foreach (var argument in named.TypeArguments)
        {
            if (IsPagedType(argument, depth + 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The T of IQueryable&lt;T&gt;, IEnumerable&lt;T&gt;, DbSet&lt;T&gt;, List&lt;T&gt;, T[].</summary>
    public static ITypeSymbol? GetElementType(ITypeSymbol? type, EfSymbols symbols)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (named.IsGenericType && named.TypeArguments.Length == 1 &&
            (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, symbols.IEnumerableOfT) ||
             SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, symbols.IQueryableOfT) ||
             IsAsyncEnumerable(named)))
        {
            return named.TypeArguments[0];
        }

        foreach (var implemented in named.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, symbols.IEnumerableOfT))
            {
                return implemented.TypeArguments[0];
            }
        }

        return null;
    }

    // By name: IAsyncEnumerable<T> can be defined by more than one referenced assembly, and then the
    // compilation cannot resolve it by metadata name.
    private static bool IsAsyncEnumerable(INamedTypeSymbol type) =>
        type.Name == "IAsyncEnumerable" && type.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic";

    /// <summary>True for a list, array, IEnumerable, IQueryable or IAsyncEnumerable of rows (not string).</summary>
    public static bool IsRowCollection(ITypeSymbol? type, EfSymbols symbols) =>
        type is not null && type.SpecialType != SpecialType.System_String && GetElementType(type, symbols) is not null;

    /// <summary>
    /// What a method returning this type hands its caller is rows: a row collection, a result envelope of one
    /// (<c>Result&lt;List&lt;T&gt;&gt;</c>, see <see cref="IsValueEnvelope"/>), or a task of either.
    /// </summary>
    public static bool ReturnsRows(ITypeSymbol? type, EfSymbols symbols)
    {
        var result = symbols.GetTaskResultType(type) ?? type;
        return IsRowCollection(result, symbols) ||
            (IsValueEnvelope(result) && IsRowCollection(((INamedTypeSymbol)result!).TypeArguments[0], symbols));
    }

    /// <summary>
    /// What the rows summary of a method returning this type is worth computing for: rows (<see cref="ReturnsRows"/>),
    /// or a response object holding a row collection in a public property (<c>new PlanDto { Incomes = incomes }</c>, a
    /// DTO or view model), also in a task or a result envelope (<c>Result&lt;PlanDto&gt;.Success(..)</c>). In one
    /// compilation an endpoint follows any callee; the summary writers ask this so that a dependent sees the same.
    /// </summary>
    public static bool MayReturnRows(ITypeSymbol? type, EfSymbols symbols)
    {
        if (ReturnsRows(type, symbols))
        {
            return true;
        }

        var result = symbols.GetTaskResultType(type) ?? type;
        if (IsValueEnvelope(result))
        {
            result = ((INamedTypeSymbol)result!).TypeArguments[0];
        }

        for (var current = result as INamedTypeSymbol;
            current is { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None };
            current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public } property &&
                    IsRowCollection(property.Type, symbols))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A generic type built from its one type argument as it is: it declares an implicit conversion from it or a static
    /// factory taking it (<c>public static implicit operator Result&lt;T&gt;(T value)</c>, <c>Result&lt;T&gt;.Success(T value)</c>),
    /// the result types of Clean Architecture templates and of Ardalis.Result, FluentResults or ErrorOr. Such an envelope
    /// of a list carries every row of the list.
    /// </summary>
    public static bool IsValueEnvelope(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { TypeArguments.Length: 1 } named || named.SpecialType != SpecialType.None)
        {
            return false;
        }

        var definition = named.OriginalDefinition;
        foreach (var member in definition.GetMembers())
        {
            if (member is IMethodSymbol { IsStatic: true, Parameters.Length: 1 } method &&
                (method.MethodKind == MethodKind.Ordinary || method.Name == WellKnownMemberNames.ImplicitConversionName) &&
                SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, definition.TypeParameters[0]) &&
                SymbolEqualityComparer.Default.Equals(method.ReturnType.OriginalDefinition, definition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A static method that returns its one argument inside a generic type of it: <c>Result&lt;T&gt;.Success(T value)</c>,
    /// <c>Result.Ok&lt;T&gt;(T value)</c>, <c>Task.FromResult&lt;T&gt;(T result)</c>. What it returns holds the argument's rows.
    /// </summary>
    public static bool WrapsItsArgument(IMethodSymbol method)
    {
        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        return definition is { IsStatic: true, Parameters.Length: 1, ReturnType: INamedTypeSymbol { TypeArguments.Length: 1 } returned } &&
            definition.Parameters[0].Type is ITypeParameterSymbol parameter &&
            SymbolEqualityComparer.Default.Equals(returned.TypeArguments[0], parameter);
    }

    /// <summary>The key EF would use: [Key], Id, or &lt;Type&gt;Id (also on base types). Null when none is visible.</summary>
    public static string? FindKeyProperty(ITypeSymbol? entity, INamedTypeSymbol? keyAttribute)
    {
        if (entity is not INamedTypeSymbol named || named.SpecialType != SpecialType.None)
        {
            return null;
        }

        string? byConvention = null;
        for (var current = named; current is not null && current.SpecialType == SpecialType.None; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                {
                    continue;
                }

                if (keyAttribute is not null && AspNetSymbols.HasAttribute(property, keyAttribute, inherit: false))
                {
                    return property.Name;
                }

                if (byConvention is null &&
                    (string.Equals(property.Name, "Id", StringComparison.OrdinalIgnoreCase) ||
                     string.Equals(property.Name, named.Name + "Id", StringComparison.OrdinalIgnoreCase)))
                {
                    byConvention = property.Name;
                }
            }
        }

        return byConvention;
    }

    /// <summary>
    /// True for a predicate that pins the entity key: p =&gt; p.Id == id (also inside &amp;&amp;) or
    /// p =&gt; ids.Contains(p.Id).
    /// </summary>
    public static bool IsKeyLookup(IOperation predicate, string? keyProperty)
    {
        if (keyProperty is null)
        {
            return false;
        }

        if (OperationHelpers.AsLambda(predicate) is not { Body.Operations.Length: 1 } lambda ||
            lambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } body })
        {
            return false;
        }

        return PinsKey(body, keyProperty, 0);
    }

    private static bool PinsKey(IOperation condition, string keyProperty, int depth)
    {
        condition = Strip(condition);
        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                return IsKeyReference(equals.LeftOperand, keyProperty) || IsKeyReference(equals.RightOperand, keyProperty);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } conjunction when depth < 8:
                return PinsKey(conjunction.LeftOperand, keyProperty, depth + 1) || PinsKey(conjunction.RightOperand, keyProperty, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "Contains" } contains:
                foreach (var argument in contains.Arguments)
                {
                    if (IsKeyReference(argument.Value, keyProperty))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsKeyReference(IOperation operation, string keyProperty) =>
        Strip(operation) is IPropertyReferenceOperation { Instance: IParameterReferenceOperation } property &&
        property.Property.Name == keyProperty;

    /// <summary>Every value assigned to each local of a body (initializers and assignments), nested lambdas excluded.</summary>
    public static Dictionary<ILocalSymbol, List<IOperation>> CollectLocalAssignments(IOperation body)
    {
        var map = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        var stack = new Stack<IOperation>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            switch (current)
            {
                case IVariableDeclaratorOperation declarator when declarator.Initializer is not null:
                    Add(map, declarator.Symbol, declarator.Initializer.Value);
                    break;
                case IVariableDeclaratorOperation declarator when declarator.Parent is IVariableDeclarationOperation { Initializer: { } shared }:
                    Add(map, declarator.Symbol, shared.Value);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment:
                    Add(map, local.Local, assignment.Value);
                    break;
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

        static void Add(Dictionary<ILocalSymbol, List<IOperation>> map, ILocalSymbol local, IOperation value)
        {
            if (!map.TryGetValue(local, out var values))
            {
                values = new List<IOperation>();
                map.Add(local, values);
            }

            values.Add(value);
        }
    }

    /// <summary>Values assigned to members of locals (viewModel.Leases = rows), by local; nested lambdas excluded.</summary>
    public static Dictionary<ILocalSymbol, List<IOperation>> CollectMemberAssignments(IOperation body)
    {
        var map = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        var stack = new Stack<IOperation>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation owner } } assignment)
            {
                if (!map.TryGetValue(owner.Local, out var values))
                {
                    values = new List<IOperation>();
                    map.Add(owner.Local, values);
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

    /// <summary>The outermost operation of the executable body that contains <paramref name="operation"/> (method, lambda or local function).</summary>
    public static IOperation? FindEnclosingBody(IOperation operation, out IMethodSymbol? owner)
    {
        owner = null;
        IOperation? last = operation;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation function:
                    owner = function.Symbol;
                    return function.Body;
                case ILocalFunctionOperation localFunction:
                    owner = localFunction.Symbol;
                    return localFunction.Body;
                case IMethodBodyOperation or IConstructorBodyOperation:
                    return current;
            }

            last = current;
        }

        return last;
    }

    /// <summary>
    /// Distinct() over one categorical column (an enum, a bool, a string such as a language or a colour), or
    /// DistinctBy(x =&gt; categorical): a list of values, not rows. Precision first: every such report on real code was a
    /// handful of facet values. Numbers and dates are not categorical (ids and timestamps grow with the data).
    /// </summary>
    public static bool IsScalarDistinct(IInvocationOperation invocation, EfSymbols symbols)
    {
        var name = invocation.TargetMethod.Name;
        if (name == "Distinct" && invocation.Arguments.Length == 1)
        {
            return IsCategorical(GetElementType(invocation.Type, symbols));
        }

        return name == "DistinctBy" && invocation.Arguments.Length == 2 && OperationHelpers.AsLambda(invocation.Arguments[1].Value) is { } key &&
               key.Body.Operations.Length == 1 && key.Body.Operations[0] is IReturnOperation { ReturnedValue: { } value } &&
               IsCategorical(Strip(value).Type);
    }

    /// <summary>An enum, bool, char or string (or a nullable one): a column with a small set of distinct values.</summary>
    public static bool IsCategorical(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type is not null &&
               (type.TypeKind == TypeKind.Enum || type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_String);
    }

    /// <summary>An enum, a primitive, string, decimal, a date/time or Guid value, or a nullable one of those.</summary>
    public static bool IsScalar(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type is null)
        {
            return false;
        }

        if (type.TypeKind == TypeKind.Enum || type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String ||
            type.SpecialType == SpecialType.System_DateTime)
        {
            return true;
        }

        return type.ContainingNamespace?.ToDisplayString() == "System" && type.Name is "Guid" or "DateTimeOffset" or "TimeSpan" or "DateOnly" or "TimeOnly";
    }

    /// <summary>
    /// GroupBy(key).Select(g =&gt; new { g.Key, Count = g.Count() }) or GroupBy(key, (k, g) =&gt; …): one summary row per
    /// group, when the group's rows are only aggregated (Count, Sum, Max, First…) and never returned themselves.
    /// </summary>
    public static bool IsGroupAggregate(IInvocationOperation invocation)
    {
        var name = invocation.TargetMethod.Name;
        if (name == "Select" && invocation.Arguments.Length == 2 && IsOverGroups(invocation.Arguments[0].Value) &&
            OperationHelpers.AsLambda(invocation.Arguments[1].Value) is { Symbol.Parameters.Length: 1 } selector)
        {
            return OnlyAggregated(selector, selector.Symbol.Parameters[0]);
        }

        if (name == "GroupBy" && invocation.Arguments.Length >= 3)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "resultSelector" && OperationHelpers.AsLambda(argument.Value) is { Symbol.Parameters.Length: 2 } result)
                {
                    return OnlyAggregated(result, result.Symbol.Parameters[1]);
                }
            }
        }

        return false;
    }

    /// <summary>GroupBy(key), possibly followed by operators that order or filter the groups (OrderBy(g =&gt; g.Key)).</summary>
    private static bool IsOverGroups(IOperation source)
    {
        var current = Strip(source);
        for (var i = 0; i < 8 && current is IInvocationOperation { TargetMethod.IsExtensionMethod: true, Arguments.Length: > 0 } invocation; i++)
        {
            var name = invocation.TargetMethod.Name;
            if (name == "GroupBy")
            {
                return invocation.Arguments.Length == 2;
            }

            if (!QueryOperators.Ordering.Contains(name) && name is not ("Where" or "AsEnumerable" or "AsNoTracking" or "AsSplitQuery"))
            {
                return false;
            }

            current = Strip(invocation.Arguments[0].Value);
        }

        return false;
    }

    private static bool OnlyAggregated(IAnonymousFunctionOperation lambda, IParameterSymbol group)
    {
        foreach (var operation in lambda.Body.Descendants())
        {
            if (operation is not IParameterReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Parameter, group))
            {
                continue;
            }

            if (!EndsInAggregate(reference))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>g.Key, g.Count(), g.Where(..).Sum(..), g.OrderBy(..).First(): the group's rows never leave as rows.</summary>
    private static bool EndsInAggregate(IOperation use)
    {
        var current = use;
        for (var i = 0; i < 16; i++)
        {
            var parent = OperationHelpers.GetConsumer(current);

            switch (parent)
            {
                case IPropertyReferenceOperation { Property.Name: "Key" }:
                    return true;
                case IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } invocation }:
                    if (QueryOperators.SingleRowOrAggregate.Contains(invocation.TargetMethod.Name))
                    {
                        return true;
                    }

                    if (QueryOperators.Materializers.Contains(invocation.TargetMethod.Name))
                    {
                        return false;
                    }

                    current = invocation;
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// A child collection bounded by its parent: the rows were filtered by a foreign key pinned to one value (the
    /// finding's <see cref="RowsAnalysis.RowsFinding.Parents"/>, recorded where the Where is, in this method or in a
    /// method it calls) and the response is that parent or carries it: the response type is named after it
    /// (<c>new InvoiceDto { …, Lines = lines }</c>, <c>SeriesDetailDto</c>, <c>RelatedSeriesDto</c>) or a member
    /// beside the rows is one row of it (<c>new { invoice, lines }</c>).
    /// </summary>
    public static bool IsChildOfSingleRow(RowsAnalysis.RowsFinding finding, IOperation rows, ITypeSymbol? envelope,
        IEnumerable<IOperation> siblings, EfSymbols symbols)
    {
        if (finding.Parents.IsEmpty)
        {
            return false;
        }

        if (NamesParent(envelope, finding.Parents, symbols))
        {
            return true;
        }

        foreach (var sibling in siblings)
        {
            var value = sibling is ISimpleAssignmentOperation assignment ? assignment.Value : sibling;
            if (!ReferenceEquals(value, rows) && NamesParent(Strip(value).Type, finding.Parents, symbols))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] ResponseSuffixes = { "ViewModel", "Dto", "DTO", "Model", "Details", "Detail", "Response", "Result", "Vm", "VM" };

    /// <summary>
    /// The type is named after one of the parents once its response suffixes are stripped, as often as they repeat
    /// (SeriesDetailDto: Series), exactly or as the last words of a longer name (RelatedSeries: Series).
    /// </summary>
    private static bool NamesParent(ITypeSymbol? type, ImmutableArray<string> parents, EfSymbols symbols)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAnonymousType: false } named ||
            named.SpecialType != SpecialType.None || IsRowCollection(named, symbols) || IsScalar(named))
        {
            return false;
        }

        var name = StripResponseSuffixes(named.Name);
        foreach (var parent in parents)
        {
            if (EndsWithWords(name, parent))
            {
                return true;
            }
        }

        return false;
    }

    internal static string StripResponseSuffixes(string name)
    {
        for (var stripped = true; stripped;)
        {
            stripped = false;
            foreach (var suffix in ResponseSuffixes)
            {
                if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
                {
                    name = name.Substring(0, name.Length - suffix.Length);
                    stripped = true;
                    break;
                }
            }
        }

        return name;
    }

    /// <summary>"Series" ends "RelatedSeries" at a word boundary; "Series" does not end "Miniseries".</summary>
    internal static bool EndsWithWords(string name, string words)
    {
        if (words.Length == 0 || name.Length < words.Length || !name.EndsWith(words, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return name.Length == words.Length || char.IsUpper(name[name.Length - words.Length]);
    }

    /// <summary>
    /// The parents a Where predicate pins to one value: <c>l.InvoiceId == id</c> and <c>l.Invoice.Id == id</c> give
    /// "Invoice", a role-named key with its navigation (<c>r.TargetSeriesId</c>, <c>TargetSeries</c> of type
    /// <c>Series</c>) gives "TargetSeries" and "Series"; also inside <c>&amp;&amp;</c>. The value compared must not
    /// depend on a lambda's parameter (one value, not a join), and <c>ids.Contains(l.InvoiceId)</c> (many parents)
    /// pins nothing.
    /// </summary>
    public static ImmutableArray<string> PinnedParents(IOperation predicate)
    {
        if (OperationHelpers.AsLambda(predicate) is not { Body.Operations.Length: 1 } lambda ||
            lambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } condition })
        {
            return ImmutableArray<string>.Empty;
        }

        var parents = ImmutableArray.CreateBuilder<string>();
        CollectPinned(condition, parents, 0);
        return parents.ToImmutable();
    }

    private static void CollectPinned(IOperation condition, ImmutableArray<string>.Builder parents, int depth)
    {
        condition = Strip(condition);
        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                if (!DependsOnLambda(equals.RightOperand))
                {
                    AddForeignKeyParents(equals.LeftOperand, parents);
                }

                if (!DependsOnLambda(equals.LeftOperand))
                {
                    AddForeignKeyParents(equals.RightOperand, parents);
                }

                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } conjunction when depth < 8:
                CollectPinned(conjunction.LeftOperand, parents, depth + 1);
                CollectPinned(conjunction.RightOperand, parents, depth + 1);
                break;
        }
    }

    private static bool DependsOnLambda(IOperation value)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            if (operation is IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>l.InvoiceId, or l.Invoice.Id / l.Invoice.InvoiceId, on the predicate's parameter.</summary>
    private static void AddForeignKeyParents(IOperation operation, ImmutableArray<string>.Builder parents)
    {
        switch (Strip(operation))
        {
            case IPropertyReferenceOperation { Instance: IParameterReferenceOperation } property when property.Property.Name.Length > 2 &&
                property.Property.Name.EndsWith("Id", StringComparison.OrdinalIgnoreCase):
                var stem = property.Property.Name.Substring(0, property.Property.Name.Length - 2);
                parents.Add(stem);
                if (FindProperty(property.Property.ContainingType, stem) is { Type: INamedTypeSymbol { TypeKind: TypeKind.Class } target } &&
                    target.Name != stem)
                {
                    parents.Add(target.Name);
                }

                break;
            case IPropertyReferenceOperation { Instance: IPropertyReferenceOperation { Instance: IParameterReferenceOperation } navigation } key
                when string.Equals(key.Property.Name, "Id", StringComparison.OrdinalIgnoreCase) ||
                     string.Equals(key.Property.Name, navigation.Property.Name + "Id", StringComparison.OrdinalIgnoreCase) ||
                     string.Equals(key.Property.Name, navigation.Property.Type.Name + "Id", StringComparison.OrdinalIgnoreCase):
                parents.Add(navigation.Property.Name);
                if (navigation.Property.Type.Name != navigation.Property.Name)
                {
                    parents.Add(navigation.Property.Type.Name);
                }

                break;
        }
    }

    private static IPropertySymbol? FindProperty(INamedTypeSymbol? type, string name)
    {
        for (var current = type; current is not null && current.SpecialType == SpecialType.None; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is IPropertySymbol property)
                {
                    return property;
                }
            }
        }

        return null;
    }

    public static string[] ReadList(AnalyzerConfigOptions options, string key) => RuleOptions.GetArray(options, key, stripGlobal: true);

    public static int ReadMaxPageSize(AnalyzerConfigOptions options) =>
        RuleOptions.GetInt32(options, MaxPageSizeKey, DefaultMaxPageSize, 1, int.MaxValue);
}
