using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
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
internal sealed partial class PageSizeAnalysis
{
    private readonly DataAccessModel data;
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), ParameterSet> summaries = new(MethodKeyComparer.Instance);
    private readonly ConcurrentDictionary<(string Name, int Depth), bool> mayPageByName = new();
    private readonly ConcurrentDictionary<IPropertySymbol, bool> unclampedProperties = new(SymbolEqualityComparer.Default);
    private ValidatorBounds? validators;

    public PageSizeAnalysis(DataAccessModel data, AspNetSymbols asp)
    {
        this.data = data;
        Asp = asp;
    }

    public EfSymbols Ef => data.Symbols;

    public AspNetSymbols Asp { get; }

    /// <summary>
    /// What the FluentValidation validators of the compilation bound from above, per validated type: only a rule with an
    /// upper bound (or one that cannot be read) counts; <c>GreaterThan(0)</c> alone does not.
    /// </summary>
    public ValidatorBounds Validators
    {
        get
        {
            var bounds = Volatile.Read(ref validators);
            if (bounds is not null)
            {
                return bounds;
            }

            bounds = ValidatorBounds.Collect(data.Types.Types);
            return Interlocked.CompareExchange(ref validators, bounds, null) ?? bounds;
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
            if (IsIntegral(parameter.Type) || MayCarryPageSize(parameter.Type))
            {
                return method;
            }
        }

        return null;
    }

    /// <summary>
    /// A parameter object that may carry a page size: a class or struct of this solution (not the framework's) with a
    /// settable integral property (<c>UserParams.PageSize</c>).
    /// </summary>
    public static bool MayCarryPageSize(ITypeSymbol type)
    {
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.SpecialType != SpecialType.None ||
            type.ContainingAssembly is not { } assembly || MethodSummary.IsFrameworkAssemblyName(assembly.Identity.Name))
        {
            return false;
        }

        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { SetMethod: not null, IsStatic: false } property && IsIntegral(property.Type))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The properties of parameter object <paramref name="ordinal"/> the method reads into Take unbounded
    /// (<c>PagedList&lt;T&gt;.CreateAsync(query, userParams.PageNumber, userParams.PageSize)</c> gives PageSize).
    /// </summary>
    public IEnumerable<string> UnboundedProperties(IMethodSymbol method, int ordinal, CancellationToken cancellationToken) =>
        Summarize(method, RoundTripAnalysis.MaxCallDepth, cancellationToken).PropertiesOf(ordinal);

    /// <summary>
    /// True when a value written to the property reaches its getter with no upper bound: an auto-property, a property of
    /// a referenced assembly (see <paramref name="judgedElsewhere"/>), or a setter that stores <c>value</c> through a field the
    /// getter returns with no clamp on the way (<c>init => _pageSize = value == 0 ? MaxPageSize : value</c>). A setter
    /// that clamps (<c>value &gt; 100 ? 100 : value</c>, Math.Min) or any other shape is taken as a bound.
    /// </summary>
    /// <param name="judgedElsewhere">
    /// True where a method's summary or record decides the property (the object is handed on whole, and the method that
    /// reads the size judged its setter, with the source when the type is its own): a property of a referenced assembly
    /// then counts as unclamped. False where the size is read here: a hand-written setter of a referenced assembly is
    /// not visible and counts as a bound (an auto-property's accessors there carry [CompilerGenerated]).
    /// </param>
    public bool IsUnclampedProperty(IPropertySymbol property, bool judgedElsewhere)
    {
        if (property.SetMethod is null)
        {
            // A get-only auto-property holds what its constructor stores (SearchBillsQuery(.., pageSize) { PageSize = pageSize; }):
            // the flow into the constructor's argument is judged where the request is built, a cap in the constructor
            // included. A computed one (a getter with a body) is not a stored value.
            return property.Locations.Length > 0 && property.Locations[0].IsInSource && IsAutoProperty(property.OriginalDefinition);
        }

        if (!judgedElsewhere && (property.Locations.Length == 0 || !property.Locations[0].IsInSource))
        {
            return IsCompilerGenerated(property.SetMethod);
        }

        if (unclampedProperties.TryGetValue(property.OriginalDefinition, out var known))
        {
            return known;
        }

        return unclampedProperties.GetOrAdd(property.OriginalDefinition, JudgeAccessors(property.OriginalDefinition));
    }

    /// <summary>
    /// The parameter a constructor of a referenced project stores unchanged into property <paramref name="name"/>, as
    /// its project recorded it (v1s, <see cref="ConstructorStoreRecord"/>); null for a constructor of this compilation
    /// or without a record.
    /// </summary>
    public IParameterSymbol? FindReferencedConstructorStore(IMethodSymbol constructor, string name)
    {
        if (IsInCompilation(constructor) || constructor.ContainingAssembly is not { } assembly || MethodSummary.IsFrameworkAssemblyName(assembly.Identity.Name))
        {
            return null;
        }

        var ordinal = data.GetReferencedSummaries(CancellationToken.None).FindConstructorStore(constructor, name);
        return ordinal >= 0 && ordinal < constructor.Parameters.Length ? constructor.Parameters[ordinal] : null;
    }

    /// <summary>An auto-property: the compiler declared its backing field.</summary>
    private static bool IsAutoProperty(IPropertySymbol property)
    {
        foreach (var member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol { AssociatedSymbol: { } associated } && SymbolEqualityComparer.Default.Equals(associated, property))
            {
                return true;
            }
        }

        return false;
    }

    private bool JudgeAccessors(IPropertySymbol property)
    {
        if (IsAutoProperty(property))
        {
            return true;
        }

        if (property.Locations.Length == 0 || !property.Locations[0].IsInSource)
        {
            return true;
        }

        if (!IsInCompilation(property.SetMethod!) || property.GetMethod is not { } getter ||
            GetSingleStatement(property.SetMethod!) is not IExpressionStatementOperation
            {
                Operation: ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Field: var field }, Value: var stored }
            } ||
            GetSingleStatement(getter) is not { } read ||
            OperationHelpers.Strip(read is IReturnOperation { ReturnedValue: { } returned } ? returned : read) is not IFieldReferenceOperation { Field: var returnedField } ||
            !SymbolEqualityComparer.Default.Equals(field, returnedField))
        {
            return false;
        }

        // The setter's value parameter is a page size like a callee's: the same flow (conditionals, ??, Math.Max pass it
        // on; Math.Min/Clamp or an upper comparison anywhere in the setter bound it).
        var setter = property.SetMethod!;
        var body = GetBody(setter, CancellationToken.None);
        return body is not null && setter.Parameters.Length == 1 &&
            new RequestValueFlow(body, setter, isEndpoint: false, this, onlyParameterOrdinal: 0).FindRequestValue(stored) is not null;
    }

    /// <summary>An accessor the compiler wrote (an auto-property's, a positional record's): it carries <c>[CompilerGenerated]</c>.</summary>
    internal static bool IsCompilerGenerated(IMethodSymbol accessor)
    {
        foreach (var attribute in accessor.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "CompilerGeneratedAttribute" } type &&
                type.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The one statement of an accessor's body (an expression body is one), or null.</summary>
    private IOperation? GetSingleStatement(IMethodSymbol accessor)
    {
        var body = GetBody(accessor, CancellationToken.None);
        if (body is IBlockOperation block)
        {
            IOperation? single = null;
            foreach (var statement in block.Operations)
            {
                // An expression body is a block of the expression and an implicit return (a getter) or the statement alone.
                if (single is not null)
                {
                    return null;
                }

                single = statement;
            }

            return single;
        }

        return body;
    }

    /// <summary>True when calling the method pages an EF query with its parameter <paramref name="ordinal"/> as the size, unbounded.</summary>
    public bool TakesUnbounded(IMethodSymbol method, int ordinal, CancellationToken cancellationToken) =>
        Summarize(method, RoundTripAnalysis.MaxCallDepth, cancellationToken).Contains(ordinal);

    /// <summary>The ordinals of the parameters the method takes into Take unbounded (for the summary record); empty when none.</summary>
    public ImmutableArray<int> SummarizeMethod(IMethodSymbol method, CancellationToken cancellationToken) =>
        Summarize(method, RoundTripAnalysis.MaxCallDepth, cancellationToken).ToArray();

    /// <summary>Field 8 of the summary record: the parameters and the parameter objects' properties the method takes into Take unbounded.</summary>
    public ParameterSet SummarizeParameters(IMethodSymbol method, CancellationToken cancellationToken) =>
        Summarize(method, RoundTripAnalysis.MaxCallDepth, cancellationToken);

    public static bool IsIntegral(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 ||
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable &&
        nullable.TypeArguments[0].SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;

    private bool IsInCompilation(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, data.Compilation.Assembly);

    /// <summary>
    /// Judged by a record: its assembly was summarised, or it has a record of its own (a paging helper of a project
    /// without EF Core, which writes no marker: its unrecorded methods keep the name heuristic).
    /// </summary>
    private bool IsSummarized(IMethodSymbol method) =>
        method.ContainingAssembly is { } assembly && !MethodSummary.IsFrameworkAssemblyName(assembly.Identity.Name) &&
        data.GetReferencedSummaries(CancellationToken.None) is var summaries &&
        (summaries.IsSummarized(assembly) || summaries.Find(method) is not null);

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

        // Sizes a called method takes into the query it returns: the bound only when this method does not page that
        // query again (Kavita's filter.LimitTo in a query builder, then PagedList.CreateAsync(.., userParams.PageSize)).
        var intoReturnedQueries = ParameterSet.None;
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
                var returnsQuery = ReturnsQuery(callee);
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is not { } parameter)
                    {
                        continue;
                    }

                    if (IsIntegral(parameter.Type))
                    {
                        if (flow.FindRequestValue(argument.Value) is { } source && Summarize(callee, depth - 1, cancellationToken).Contains(parameter.Ordinal))
                        {
                            if (returnsQuery)
                            {
                                intoReturnedQueries = intoReturnedQueries.Add(source);
                            }
                            else
                            {
                                result = result.Add(source);
                            }
                        }
                    }
                    else if (flow.FindRequestObject(argument.Value) is { } owner)
                    {
                        // The parameter object handed on whole: its properties the callee takes unbounded are this method's too.
                        foreach (var name in Summarize(callee, depth - 1, cancellationToken).PropertiesOf(parameter.Ordinal))
                        {
                            if (flow.IsPropertyGuarded(owner, name))
                            {
                                continue;
                            }

                            if (returnsQuery)
                            {
                                intoReturnedQueries = intoReturnedQueries.AddProperty(owner.Ordinal, name);
                            }
                            else
                            {
                                result = result.AddProperty(owner.Ordinal, name);
                            }
                        }
                    }
                }
            }
        }

        return intoReturnedQueries.IsEmpty || PagesItself(body, depth, cancellationToken) ? result : result.Union(intoReturnedQueries);
    }

    /// <summary>
    /// True when the body pages rows itself: a Take or pagination helper, or a call of a method that is no query builder
    /// and takes one of its integral arguments into Take (PagedList&lt;T&gt;.CreateAsync).
    /// </summary>
    private bool PagesItself(IOperation body, int depth, CancellationToken cancellationToken)
    {
        foreach (var operation in body.Descendants())
        {
            if (operation is not IInvocationOperation invocation)
            {
                continue;
            }

            if (GetPageSize(invocation) is not null)
            {
                return true;
            }

            if (depth > 1 && GetFollowedCallee(invocation.TargetMethod) is { } callee && !ReturnsQuery(callee))
            {
                var summary = Summarize(callee, depth - 1, cancellationToken);
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } parameter && IsIntegral(parameter.Type) && summary.Contains(parameter.Ordinal))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>IQueryable&lt;T&gt; (or a type implementing it), or a Task/ValueTask of one: a query the caller may still page.</summary>
    private bool ReturnsQuery(IMethodSymbol method)
    {
        var type = method.ReturnType;
        if (type is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task)
        {
            type = task.TypeArguments[0];
        }

        return Ef.IsQueryable(type);
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

    private IOperation? GetBody(IMethodSymbol method, CancellationToken cancellationToken) =>
        data.Models.GetMethodBody(method, SourceBodies.All, cancellationToken);
}

/// <summary>
/// A small set of parameter ordinals (the first 63), as a bit mask, plus properties of parameter objects ("1.PageSize":
/// the method reads parameter 1's PageSize into Take unbounded); <see cref="All"/> is the start of an intersection.
/// </summary>
internal readonly struct ParameterSet
{
    private readonly ulong bits;

    /// <summary>"ordinal.Property" keys, sorted ordinally; null when none.</summary>
    private readonly string[]? properties;
    private readonly bool all;

    private ParameterSet(ulong bits, string[]? properties = null, bool all = false)
    {
        this.bits = bits;
        this.properties = properties is { Length: > 0 } ? properties : null;
        this.all = all;
    }

    public static ParameterSet None => default;

    public static ParameterSet All => new(ulong.MaxValue, null, all: true);

    public bool IsEmpty => bits == 0 && properties is null && !all;

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

    /// <summary>True when the method reads parameter <paramref name="ordinal"/>'s property <paramref name="name"/> into Take unbounded.</summary>
    public bool ContainsProperty(int ordinal, string name) =>
        all || (properties is not null && Array.BinarySearch(properties, PropertyKey(ordinal, name), StringComparer.Ordinal) >= 0);

    /// <summary>The property names of parameter <paramref name="ordinal"/> the method reads into Take unbounded.</summary>
    public IEnumerable<string> PropertiesOf(int ordinal)
    {
        if (properties is null)
        {
            yield break;
        }

        var prefix = ordinal.ToString(CultureInfo.InvariantCulture) + ".";
        foreach (var key in properties)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return key.Substring(prefix.Length);
            }
        }
    }

    /// <summary>The first "ordinal.Property" key (keys sort ordinally as text), or false when the set holds none.</summary>
    public bool TryGetFirstProperty(out int ordinal, out string name)
    {
        ordinal = -1;
        name = string.Empty;
        if (properties is null)
        {
            return false;
        }

        var key = properties[0];
        var dot = key.IndexOf('.');
        if (dot <= 0 || !int.TryParse(key.Substring(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out ordinal))
        {
            ordinal = -1;
            return false;
        }

        name = key.Substring(dot + 1);
        return true;
    }

    public ParameterSet Add(IOperation? source) => source switch
    {
        IParameterReferenceOperation { Parameter.Ordinal: var ordinal and >= 0 and < 63 } => new ParameterSet(bits | (1UL << ordinal), properties, all),
        IPropertyReferenceOperation { Instance: { } instance, Property.Name: var name } when OperationHelpers.Strip(instance) is IParameterReferenceOperation owner =>
            AddProperty(owner.Parameter.Ordinal, name),
        _ => this,
    };

    public ParameterSet AddProperty(int ordinal, string name)
    {
        if (ordinal < 0 || ContainsProperty(ordinal, name))
        {
            return this;
        }

        var keys = new List<string>(properties ?? Array.Empty<string>()) { PropertyKey(ordinal, name) };
        keys.Sort(StringComparer.Ordinal);
        return new ParameterSet(bits, keys.ToArray(), all);
    }

    public ParameterSet Union(ParameterSet other)
    {
        if (all || other.all)
        {
            return All;
        }

        var union = new ParameterSet(bits | other.bits, properties, all: false);
        if (other.properties is not null)
        {
            foreach (var key in other.properties)
            {
                var dot = key.IndexOf('.');
                if (dot > 0 && int.TryParse(key.Substring(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal))
                {
                    union = union.AddProperty(ordinal, key.Substring(dot + 1));
                }
            }
        }

        return union;
    }

    public ParameterSet Intersect(ParameterSet other)
    {
        if (all)
        {
            return other;
        }

        if (other.all)
        {
            return this;
        }

        string[]? common = null;
        if (properties is not null && other.properties is not null)
        {
            var keys = new List<string>();
            foreach (var key in properties)
            {
                if (Array.BinarySearch(other.properties, key, StringComparer.Ordinal) >= 0)
                {
                    keys.Add(key);
                }
            }

            common = keys.ToArray();
        }

        return new ParameterSet(bits & other.bits, common);
    }

    public ImmutableArray<int> ToArray()
    {
        if (bits == 0 || all)
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

    /// <summary>
    /// Field 8 of the method record: the ordinals, then the "ordinal.Property" keys ("0,2,1.PageSize"). A reader that
    /// knows only ordinals skips the keys (they do not parse as numbers), so the addition is backward-readable.
    /// </summary>
    public string Encode()
    {
        if (all)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        foreach (var ordinal in ToArray())
        {
            parts.Add(ordinal.ToString(CultureInfo.InvariantCulture));
        }

        if (properties is not null)
        {
            parts.AddRange(properties);
        }

        return string.Join(",", parts);
    }

    /// <summary>Reads field 8; a part that is neither an ordinal nor "ordinal.Property" is skipped.</summary>
    public static ParameterSet Decode(string text)
    {
        var result = None;
        foreach (var part in text.Split(','))
        {
            var dot = part.IndexOf('.');
            if (dot < 0)
            {
                if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) && ordinal < 63)
                {
                    result = new ParameterSet(result.bits | (1UL << ordinal), result.properties);
                }
            }
            else if (int.TryParse(part.Substring(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var owner) &&
                dot + 1 < part.Length && IsIdentifier(part.Substring(dot + 1)))
            {
                result = result.AddProperty(owner, part.Substring(dot + 1));
            }
        }

        return result;
    }

    private static string PropertyKey(int ordinal, string name) => ordinal.ToString(CultureInfo.InvariantCulture) + "." + name;

    private static bool IsIdentifier(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
