using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Rules;

/// <summary>
/// PG0002 and PG0003: a navigation read on an entity that came from a query in the same method (directly, through
/// a materialised list, a foreach variable or a LINQ-to-objects lambda) when that query did not load it (no
/// Include/ThenInclude, no AutoInclude, not owned, no explicit Load or fix-up query in the method).
/// With lazy loading the read in a loop is one query per element (PG0002); without, the navigation is silently
/// null or empty (PG0003). Entities of unknown origin (parameters, fields, other assemblies) are never reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NavigationNotLoadedAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the include path from the query's entity ("Units.Occupants").</summary>
    public const string IncludePathProperty = DiagnosticProperties.IncludePath;

    /// <summary>Diagnostic property: the type names along the path ("Building,Unit,Occupant"), for lambda parameter names.</summary>
    public const string PathTypesProperty = DiagnosticProperties.PathTypes;

    /// <summary>Diagnostic property: "true" when adding the path makes the query join a second collection.</summary>
    public const string SiblingCollectionProperty = DiagnosticProperties.SiblingCollection;

    internal static readonly DiagnosticDescriptor LazyLoadInLoopRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.LazyLoadedNavigationInLoop,
        title: "Lazy-loaded navigation read inside a loop (N+1)",
        messageFormat: "'{0}' is lazy-loaded once per element of the {1} (N+1); include '{2}' in the query",
        RuleCategories.Performance,
        DiagnosticSeverity.Warning,
        description: "The context uses lazy loading and the query did not include, project or load this navigation, so reading it for each element runs one query per element.");

    internal static readonly DiagnosticDescriptor NeverLoadedRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.NavigationNeverLoaded,
        title: "Navigation read but never loaded (incomplete data)",
        messageFormat: "'{0}' is read but the query never loads it, so it is null or empty; include '{1}' in the query",
        RuleCategories.Reliability,
        DiagnosticSeverity.Warning,
        description: "Without lazy loading EF Core only fills navigations that the query includes (Include/ThenInclude, AutoInclude, owned types) or that are loaded explicitly; any other navigation is null or an empty collection.");

    private static readonly ConditionalWeakTable<IOperation, BodyFacts> FactsByBody = new();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(LazyLoadInLoopRule, NeverLoadedRule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static startContext =>
        {
            var data = DataAccessModel.GetOrCreate(startContext.Compilation);
            if (data is null)
            {
                return;
            }

            var state = new CompilationState(data, startContext.CancellationToken);
            // A syntax action filtered by navigation name, not an operation action: that would make the driver
            // bind every member of the compilation a second time just to see its few navigation reads.
            startContext.RegisterSyntaxNodeAction(
                syntaxContext => AnalyzeIdentifier(syntaxContext, state),
                SyntaxKind.IdentifierName);
        });
    }

    private static void AnalyzeIdentifier(SyntaxNodeAnalysisContext context, CompilationState state)
    {
        var identifier = (IdentifierNameSyntax)context.Node;
        if (!state.Model.NavigationNames.Contains(identifier.Identifier.ValueText))
        {
            return;
        }

        // x.Navigation and x?.Navigation are bound at the member access; a bare name (this.Navigation, property
        // patterns) at the identifier.
        SyntaxNode node = identifier.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == identifier => access,
            MemberBindingExpressionSyntax binding when binding.Name == identifier => binding,
            _ => identifier,
        };

        var operation = context.SemanticModel.GetOperation(node, context.CancellationToken);
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        if (operation is IPropertyReferenceOperation reference && ReferenceEquals(reference.Syntax, node))
        {
            AnalyzePropertyReference(context, reference, state);
        }
    }

    private static void AnalyzePropertyReference(SyntaxNodeAnalysisContext context, IPropertyReferenceOperation reference, CompilationState state)
    {
        var property = reference.Property;
        if (reference.Instance is null || property.Type.IsValueType || property.Type.SpecialType == SpecialType.System_String ||
            !state.Model.IsNavigation(property, out var isCollection) || !IsRead(reference) ||
            RoundTripAnalysis.IsInsideExpressionTree(reference, state.Symbols))
        {
            return;
        }

        if (!TryGetEntityOrigin(reference.Instance, state, 0, out var origin))
        {
            return;
        }

        var cancellationToken = context.CancellationToken;
        var shape = origin.Chain is null ? null : QueryShape.Analyze(origin.Chain, state.Symbols, state.Models, cancellationToken);
        if (shape is not null && (!shape.IsRootKnown || shape.Projects))
        {
            return;
        }

        var path = new List<IPropertySymbol>(origin.Path) { property };
        var names = new string[path.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = path[i].Name;
        }

        var lazy = state.Model.IsLazyLoaded(property, shape?.ContextType);
        if (!lazy && !IsPrefixLoaded(path, names, shape, state.Model))
        {
            // The parent navigation is itself not loaded: that read is the one reported.
            return;
        }

        if (IsStepLoaded(path, names, path.Count - 1, shape, state.Model))
        {
            return;
        }

        var facts = GetBodyFacts(reference, state);
        if (facts.ExplicitlyLoaded.Contains(property.Name) || facts.QueriedEntityTypes.Contains(GetTargetType(property, isCollection, state.Symbols)))
        {
            return;
        }

        var includePath = string.Join(".", names);
        LoopContext loop = default;
        if (lazy)
        {
            if (!origin.PerElement)
            {
                // One lazy load for one entity is a round trip, not an N+1.
                return;
            }

            loop = LoopContext.Find(reference, state.Symbols);
            if (loop.IsNone)
            {
                return;
            }
        }

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties.Add(IncludePathProperty, includePath);
        properties.Add(PathTypesProperty, GetPathTypes(origin.EntityType, path, state.Symbols));
        if (shape is not null && shape.IncludePaths.Count > 0 && ContainsCollection(path, state))
        {
            properties.Add(SiblingCollectionProperty, "true");
        }

        var additional = origin.FixAnchor is null ? null : new[] { origin.FixAnchor.GetLocation() };
        var (location, display) = GetLocationAndDisplay(reference);
        var diagnostic = lazy
            ? Diagnostic.Create(LazyLoadInLoopRule, location, additional, properties.ToImmutable(), display, loop.Description, includePath)
            : Diagnostic.Create(NeverLoadedRule, location, additional, properties.ToImmutable(), display, includePath);
        context.ReportDiagnostic(diagnostic);
    }

    /// <summary>The squiggle covers receiver and navigation: <c>p.Owner</c>, or <c>lease?.Unit</c> in a conditional access.</summary>
    private static (Location Location, string Display) GetLocationAndDisplay(IPropertyReferenceOperation reference)
    {
        var syntax = reference.Syntax;
        if (syntax is MemberBindingExpressionSyntax &&
            reference.Instance is IConditionalAccessInstanceOperation placeholder &&
            OperationHelpers.GetConditionalAccessReceiver(placeholder) is { } receiver)
        {
            var span = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(receiver.Syntax.SpanStart, syntax.Span.End);
            var text = syntax.SyntaxTree.GetText().ToString(span);
            return (Location.Create(syntax.SyntaxTree, span), text);
        }

        return (syntax.GetLocation(), syntax.ToString());
    }

    private static bool ContainsCollection(List<IPropertySymbol> path, CompilationState state)
    {
        foreach (var step in path)
        {
            if (state.Model.IsNavigation(step, out var isCollection) && isCollection)
            {
                return true;
            }
        }

        return false;
    }

    private static string GetPathTypes(ITypeSymbol entityType, List<IPropertySymbol> path, EfSymbols symbols)
    {
        var names = new List<string> { entityType.Name };
        foreach (var step in path)
        {
            var type = step.Type.SpecialType == SpecialType.None && symbols.GetElementType(step.Type) is { } element ? element : step.Type;
            names.Add(type.Name);
        }

        return string.Join(",", names);
    }

    private static ITypeSymbol? GetTargetType(IPropertySymbol property, bool isCollection, EfSymbols symbols) =>
        (isCollection ? symbols.GetElementType(property.Type) : property.Type)?.OriginalDefinition;

    private static bool IsPrefixLoaded(List<IPropertySymbol> path, string[] names, QueryShape? shape, EntityModel model)
    {
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (!IsStepLoaded(path, names, i, shape, model))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Step i is loaded when an include covers the path up to it, or it and all its parents are auto-included.</summary>
    private static bool IsStepLoaded(List<IPropertySymbol> path, string[] names, int index, QueryShape? shape, EntityModel model)
    {
        if (shape is not null && shape.Includes(names, index + 1))
        {
            return true;
        }

        if (shape is not null && shape.IgnoresAutoIncludes)
        {
            return false;
        }

        return model.IsAutoIncluded(path[index]) && (index == 0 || IsStepLoaded(path, names, index - 1, shape, model));
    }

    /// <summary>Reads only: not an assignment target, not the receiver of Add/AddRange/Insert, not nameof.</summary>
    private static bool IsRead(IPropertyReferenceOperation reference)
    {
        var parent = reference.Parent;
        if (parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference))
        {
            return false;
        }

        if (parent is IInvocationOperation invocation && ReferenceEquals(invocation.Instance, reference) &&
            invocation.TargetMethod.Name is "Add" or "AddRange" or "Insert")
        {
            return false;
        }

        if (parent is IConversionOperation { Parent: IArgumentOperation { Parent: IInvocationOperation extension } } &&
            extension.TargetMethod.IsExtensionMethod && extension.TargetMethod.Name is "Add" or "AddRange")
        {
            return false;
        }

        for (var current = parent; current is not null; current = current.Parent)
        {
            if (current is INameOfOperation)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryGetEntityOrigin(IOperation? operation, CompilationState state, int depth, out EntityOrigin origin)
    {
        origin = default;
        operation = OperationHelpers.Unwrap(operation);
        if (operation is null || depth > 8)
        {
            return false;
        }

        if (operation is IConditionalAccessInstanceOperation placeholder)
        {
            operation = OperationHelpers.Unwrap(OperationHelpers.GetConditionalAccessReceiver(placeholder));
        }

        switch (operation)
        {
            case ILocalReferenceOperation local:
            {
                if (OperationHelpers.GetDeclaringForEach(local) is { } forEach)
                {
                    return TryGetElementOrigin(forEach.Collection, state, depth + 1, out origin) && origin.MarkPerElement(out origin);
                }

                return TryGetEntityOrigin(OperationHelpers.GetLocalInitializer(local), state, depth + 1, out origin);
            }

            case IParameterReferenceOperation parameter:
            {
                var source = GetLambdaElementSource(parameter);
                return source is not null && TryGetElementOrigin(source, state, depth + 1, out origin) && origin.MarkPerElement(out origin);
            }

            case IPropertyReferenceOperation navigation when state.Model.IsNavigation(navigation.Property, out var isCollection) && !isCollection:
                return TryGetEntityOrigin(navigation.Instance, state, depth + 1, out origin) && origin.Append(navigation.Property, out origin);
            case IInvocationOperation invocation:
                return TryGetSingleEntityQuery(invocation, state, out origin);
        }

        return false;
    }

    /// <summary>First/Single/Last(OrDefault)(Async) and Find(Async) of an EF query.</summary>
    private static bool TryGetSingleEntityQuery(IInvocationOperation invocation, CompilationState state, out EntityOrigin origin)
    {
        origin = default;
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Last" or "LastOrDefault" or
                "FirstAsync" or "FirstOrDefaultAsync" or "SingleAsync" or "SingleOrDefaultAsync" or "LastAsync" or "LastOrDefaultAsync":
                if (method.IsExtensionMethod && invocation.Arguments.Length > 0 &&
                    state.Symbols.IsLinqOrEfQueryOperatorContainer(method.ContainingType) &&
                    QueryProvenance.IsDatabaseQuery(invocation.Arguments[0].Value, state.Symbols))
                {
                    var entity = state.Symbols.GetElementType(invocation.Arguments[0].Value.Type is { } t ? StripConversion(invocation.Arguments[0].Value).Type ?? t : null);
                    return entity is not null && state.Model.IsSourceEntityType(entity) &&
                        Create(invocation.Arguments[0].Value, GetAnchor(invocation), entity, out origin);
                }

                return false;
            case "Find" or "FindAsync" when state.Symbols.IsDbSet(method.ContainingType):
                // Find loads no navigation (AutoInclude aside); nothing to anchor an Include to.
                if (method.ContainingType is { TypeArguments.Length: 1 } set && state.Model.IsSourceEntityType(set.TypeArguments[0]))
                {
                    origin = new EntityOrigin(null, null, set.TypeArguments[0], ImmutableArray<IPropertySymbol>.Empty, false);
                    return true;
                }

                return false;
        }

        return false;
    }

    private static IOperation StripConversion(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static bool Create(IOperation chain, SyntaxNode? anchor, ITypeSymbol entity, out EntityOrigin origin)
    {
        origin = new EntityOrigin(chain, anchor, entity, ImmutableArray<IPropertySymbol>.Empty, false);
        return true;
    }

    /// <summary>The expression the fix appends .Include(...) to: the receiver of the executing operator.</summary>
    private static SyntaxNode? GetAnchor(IInvocationOperation executing) =>
        executing.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ? access.Expression : null;

    /// <summary>The origin of the elements of a sequence: a materialised EF query, the query itself, or a collection navigation.</summary>
    private static bool TryGetElementOrigin(IOperation? operation, CompilationState state, int depth, out EntityOrigin origin)
    {
        origin = default;
        operation = OperationHelpers.Unwrap(operation);
        if (operation is null || depth > 8)
        {
            return false;
        }

        switch (operation)
        {
            case ILocalReferenceOperation local:
                return TryGetElementOrigin(OperationHelpers.GetLocalInitializer(local), state, depth + 1, out origin);
            case IPropertyReferenceOperation navigation when state.Model.IsNavigation(navigation.Property, out var isCollection) && isCollection:
                return TryGetEntityOrigin(navigation.Instance, state, depth + 1, out origin) && origin.Append(navigation.Property, out origin);
            case IInvocationOperation invocation:
            {
                var method = invocation.TargetMethod;
                if (method.Name is "AsAsyncEnumerable" && invocation.Instance is { } set && state.Symbols.IsDbSet(set.Type) &&
                    state.Symbols.GetElementType(set.Type) is { } setEntity && state.Model.IsSourceEntityType(setEntity))
                {
                    return Create(set, GetAnchor(invocation), setEntity, out origin);
                }

                if (!method.IsExtensionMethod || invocation.Arguments.Length == 0)
                {
                    return false;
                }

                var source = invocation.Arguments[0].Value;
                switch (method.Name)
                {
                    case "ToList" or "ToArray" or "ToHashSet" or "ToListAsync" or "ToArrayAsync" or "ToHashSetAsync" or "AsEnumerable" or "AsAsyncEnumerable"
                        when state.Symbols.IsLinqOrEfQueryOperatorContainer(method.ContainingType) || state.Symbols.IsEnumerableContainer(method.ContainingType):
                        if (QueryProvenance.IsDatabaseQuery(source, state.Symbols))
                        {
                            var entity = state.Symbols.GetElementType(StripConversion(source).Type);
                            return entity is not null && state.Model.IsSourceEntityType(entity) &&
                                Create(source, GetAnchor(invocation), entity, out origin);
                        }

                        return TryGetElementOrigin(source, state, depth + 1, out origin);
                    case "Where" or "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or "Take" or "Skip" or
                        "Distinct" or "Reverse" or "TakeWhile" or "SkipWhile" or "DistinctBy"
                        when state.Symbols.IsEnumerableContainer(method.ContainingType):
                        return TryGetElementOrigin(source, state, depth + 1, out origin);
                }

                break;
            }
        }

        // foreach (var b in db.Buildings.Where(...)): the query itself is enumerated.
        if (QueryProvenance.IsDatabaseQuery(operation, state.Symbols) && state.Symbols.IsQueryable(operation.Type))
        {
            var entity = state.Symbols.GetElementType(operation.Type);
            return entity is not null && state.Model.IsSourceEntityType(entity) && Create(operation, operation.Syntax, entity, out origin);
        }

        return false;
    }

    /// <summary>For the first parameter of a lambda run by LINQ-to-objects or List.ForEach: the sequence it walks.</summary>
    private static IOperation? GetLambdaElementSource(IParameterReferenceOperation reference)
    {
        var parameter = reference.Parameter;
        if (parameter.Ordinal != 0 || parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambdaSymbol)
        {
            return null;
        }

        IOperation? current = reference.Parent;
        while (current is not null && !(current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, lambdaSymbol)))
        {
            current = current.Parent;
        }

        for (var depth = 0; current?.Parent is IConversionOperation or IDelegateCreationOperation or IParenthesizedOperation && depth < 4; depth++)
        {
            current = current!.Parent;
        }

        if (current?.Parent is not IArgumentOperation { Parent: IInvocationOperation invocation } argument)
        {
            return null;
        }

        var method = invocation.TargetMethod;
        if (method.Name == "ForEach" && invocation.Instance is not null)
        {
            return invocation.Instance;
        }

        if (method.IsExtensionMethod && invocation.Arguments.Length > 1 && method.Name != "Aggregate" &&
            !ReferenceEquals(argument, invocation.Arguments[0]) && method.ContainingType?.Name == "Enumerable")
        {
            return invocation.Arguments[0].Value;
        }

        return null;
    }

    private static BodyFacts GetBodyFacts(IOperation operation, CompilationState state)
    {
        var root = OperationHelpers.GetRoot(operation);
        return FactsByBody.GetValue(root, body => BodyFacts.Compute(body, state.Symbols));
    }

    private readonly struct EntityOrigin
    {
        public EntityOrigin(IOperation? chain, SyntaxNode? fixAnchor, ITypeSymbol entityType, ImmutableArray<IPropertySymbol> path, bool perElement)
        {
            Chain = chain;
            FixAnchor = fixAnchor;
            EntityType = entityType;
            Path = path;
            PerElement = perElement;
        }

        /// <summary>The IQueryable expression whose includes decide; null for Find.</summary>
        public IOperation? Chain { get; }

        public SyntaxNode? FixAnchor { get; }

        public ITypeSymbol EntityType { get; }

        /// <summary>Navigations already walked from the query's entity to this one.</summary>
        public ImmutableArray<IPropertySymbol> Path { get; }

        /// <summary>The entity varies per element of a loop or lambda (a foreach variable or lambda parameter).</summary>
        public bool PerElement { get; }

        public bool Append(IPropertySymbol navigation, out EntityOrigin appended)
        {
            appended = new EntityOrigin(Chain, FixAnchor, EntityType, Path.Add(navigation), PerElement);
            return true;
        }

        public bool MarkPerElement(out EntityOrigin marked)
        {
            marked = new EntityOrigin(Chain, FixAnchor, EntityType, Path, true);
            return true;
        }
    }

    /// <summary>Per method body: navigations loaded explicitly (Entry(..).Reference/Collection(..).Load) and entity types queried (fix-up).</summary>
    private sealed class BodyFacts
    {
        public HashSet<string> ExplicitlyLoaded { get; } = new(System.StringComparer.Ordinal);

        public HashSet<ITypeSymbol?> QueriedEntityTypes { get; } = new(SymbolEqualityComparer.Default);

        public static BodyFacts Compute(IOperation body, EfSymbols symbols)
        {
            var facts = new BodyFacts();
            foreach (var operation in body.Descendants())
            {
                // A navigation the method assigns (p.Owner = owner) or fills (p.Units.Add(u)) holds what the code put there.
                if (operation is IAssignmentOperation { Target: IPropertyReferenceOperation assigned })
                {
                    facts.ExplicitlyLoaded.Add(assigned.Property.Name);
                    continue;
                }

                if (operation is not IInvocationOperation invocation)
                {
                    continue;
                }

                var method = invocation.TargetMethod;
                if (method.Name is "Add" or "AddRange" or "Insert" && invocation.Instance is IPropertyReferenceOperation filled)
                {
                    facts.ExplicitlyLoaded.Add(filled.Property.Name);
                    continue;
                }

                if (method.Name is "Reference" or "Collection" or "Navigation" && invocation.Arguments.Length > 0 &&
                    symbols.IsDbContext(invocation.Instance is IInvocationOperation { TargetMethod.Name: "Entry" } entry ? entry.TargetMethod.ContainingType : null))
                {
                    var argument = invocation.Arguments[0].Value;
                    if (LambdaPath.GetLambda(argument) is { } lambda && LambdaPath.GetSingleMember(lambda) is { } member)
                    {
                        facts.ExplicitlyLoaded.Add(member.Name);
                    }
                    else if (argument.ConstantValue is { HasValue: true, Value: string name })
                    {
                        facts.ExplicitlyLoaded.Add(name);
                    }
                }
                else if (method.Name is "Find" or "FindAsync" && symbols.IsDbSet(method.ContainingType) &&
                         method.ContainingType is { TypeArguments.Length: 1 } set)
                {
                    // var owner = await db.Owners.FindAsync(p.OwnerId); then p.Owner is fixed up.
                    facts.QueriedEntityTypes.Add(set.TypeArguments[0].OriginalDefinition);
                }
                else if (method.IsExtensionMethod && invocation.Arguments.Length > 0 &&
                         method.Name is "Load" or "LoadAsync" or "ToList" or "ToListAsync" or "ToArray" or "ToArrayAsync" or "ToDictionary" or "ToDictionaryAsync" or
                             "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "FirstAsync" or "FirstOrDefaultAsync" or "SingleAsync" or "SingleOrDefaultAsync" &&
                         symbols.IsLinqOrEfQueryOperatorContainer(method.ContainingType))
                {
                    // Entities loaded by another tracking query are wired into navigations by fix-up.
                    var source = StripConversion(invocation.Arguments[0].Value);
                    var origin = QueryProvenance.GetOrigin(source, symbols);
                    if (origin.IsDatabase && origin.Root is { } root && symbols.GetElementType(root.Type) is { } element)
                    {
                        facts.QueriedEntityTypes.Add(element.OriginalDefinition);
                    }
                }
            }

            return facts;
        }
    }

    /// <summary>The shared per-compilation model, seen through this rule's questions.</summary>
    private sealed class CompilationState
    {
        private readonly DataAccessModel data;
        private readonly CancellationToken cancellationToken;

        public CompilationState(DataAccessModel data, CancellationToken cancellationToken)
        {
            this.data = data;
            this.cancellationToken = cancellationToken;
        }

        public EfSymbols Symbols => data.Symbols;

        public SemanticModelCache Models => data.Models;

        public EntityModel Model => data.GetEntityModel(cancellationToken);
    }
}
