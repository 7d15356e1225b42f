using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Rules;

/// <summary>
/// PG0006: Take(pageSize) (or a pagination helper's page size) where the size comes straight from the request
/// (an endpoint parameter or a bound model property) with no clamp, guard or validation attribute.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnboundedPageSizeFromRequestAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.UnboundedPageSizeFromRequest,
        title: "Page size taken from the request without an upper bound",
        messageFormat: "The page size '{0}' comes from the request with no upper bound, so a caller can ask for every row; clamp it with Math.Clamp({0}, 1, {1})",
        RuleCategories.Performance,
        DiagnosticSeverity.Warning,
        description: "A page size read from the query string without Math.Min/Math.Clamp, a guarding if or a [Range] attribute lets any caller turn a paged endpoint into an unpaginated one (pageSize=1000000).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static startContext =>
        {
            var data = DataAccessModel.GetOrCreate(startContext.Compilation);
            var asp = data is null ? null : AspNetSymbols.TryCreate(startContext.Compilation);
            if (data is null || asp is null)
            {
                return;
            }

            var shared = new CompilationData(data, asp);
            // A syntax action filtered cheaply, not an operation action: that would make the driver bind every member
            // of the compilation a second time. Only invocations that can be reported are bound (see MayReport).
            startContext.RegisterSyntaxNodeAction(context => AnalyzeInvocationSyntax(context, shared), SyntaxKind.InvocationExpression);
        });
    }

    private static void AnalyzeInvocationSyntax(SyntaxNodeAnalysisContext context, CompilationData shared)
    {
        var syntax = (InvocationExpressionSyntax)context.Node;
        if (MayReport(syntax, context.SemanticModel, shared.Asp, context.CancellationToken) &&
            context.SemanticModel.GetOperation(syntax, context.CancellationToken) is IInvocationOperation invocation &&
            ReferenceEquals(invocation.Syntax, syntax))
        {
            AnalyzeInvocation(context, invocation, shared);
        }
    }

    /// <summary>
    /// Cheap syntax filter. A report needs either an endpoint as the innermost enclosing function (a controller action or
    /// page handler, or a lambda passed to a Map* call), or, elsewhere, a size taken from a parameter of that function
    /// bound by an explicit attribute ([FromQuery]/[FromRoute]).
    /// </summary>
    private static bool MayReport(InvocationExpressionSyntax syntax, SemanticModel model, AspNetSymbols asp, System.Threading.CancellationToken cancellationToken)
    {
        for (SyntaxNode? node = syntax.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case AnonymousFunctionExpressionSyntax function:
                    return IsMapArgument(function) || HasAttributedParameter(function switch
                    {
                        ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList,
                        AnonymousMethodExpressionSyntax anonymous => anonymous.ParameterList,
                        _ => null,
                    });
                case LocalFunctionStatementSyntax localFunction:
                    return HasAttributedParameter(localFunction.ParameterList);
                case MethodDeclarationSyntax method:
                    return HasAttributedParameter(method.ParameterList) ||
                        (model.GetDeclaredSymbol(method, cancellationToken) is IMethodSymbol symbol &&
                         (asp.IsControllerAction(symbol) || asp.IsPageHandler(symbol)));
                case BaseMethodDeclarationSyntax other:
                    return HasAttributedParameter(other.ParameterList);
                case AccessorDeclarationSyntax or MemberDeclarationSyntax or CompilationUnitSyntax:
                    // Property accessors, field initializers, top-level statements: no request parameter of their own.
                    return false;
            }
        }

        return false;
    }

    private static bool IsMapArgument(AnonymousFunctionExpressionSyntax function)
    {
        SyntaxNode? node = function.Parent;
        while (node is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            node = node.Parent;
        }

        return node is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax map } } &&
            (map.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => null,
            }) is "MapGet" or "MapPost" or "MapPut" or "MapDelete" or "MapPatch" or "MapMethods" or "Map";
    }

    private static bool HasAttributedParameter(BaseParameterListSyntax? parameters)
    {
        if (parameters is null)
        {
            return false;
        }

        foreach (var parameter in parameters.Parameters)
        {
            if (parameter.AttributeLists.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, CompilationData shared)
    {
        var size = GetPageSize(invocation, shared.Ef);
        var callee = size is null ? GetFollowedCallee(invocation.TargetMethod) : null;
        if ((size is null && callee is null) || size?.ConstantValue.HasValue == true)
        {
            return;
        }

        var body = PagingQueries.FindEnclosingBody(invocation, out var lambda);
        var endpoint = lambda ?? context.ContainingSymbol as IMethodSymbol;
        if (body is null || endpoint is null)
        {
            return;
        }

        var isEndpoint = lambda is null
            ? shared.Asp.IsControllerAction(endpoint) || shared.Asp.IsPageHandler(endpoint)
            : IsMinimalApiHandler(body, shared.Asp);
        if (size is null && !isEndpoint)
        {
            return;
        }

        var state = new FlowState(body, endpoint, isEndpoint, shared, onlyParameterOrdinal: -1);
        if (size is not null)
        {
            if (state.FindRequestValue(size, 0) is { } request)
            {
                Report(context, size, request);
            }

            return;
        }

        // The endpoint hands the request's value to a service that pages with it: report where it leaves the request.
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && IsIntegral(parameter.Type) && state.FindRequestValue(argument.Value, 0) is { } request &&
                shared.TakesUnbounded(callee!, parameter.Ordinal, depth: 0, context.CancellationToken))
            {
                Report(context, argument.Value, request);
            }
        }
    }

    private static void Report(SyntaxNodeAnalysisContext context, IOperation size, IOperation request)
    {
        var max = PagingQueries.ReadMaxPageSize(context.Options.AnalyzerConfigOptionsProvider.GetOptions(size.Syntax.SyntaxTree));
        var properties = ImmutableDictionary<string, string?>.Empty.Add(PagingQueries.MaxPageSizeProperty, max.ToString(CultureInfo.InvariantCulture));
        context.ReportDiagnostic(Diagnostic.Create(Rule, size.Syntax.GetLocation(), properties, request.Syntax.ToString(), max));
    }

    /// <summary>The page size of Take on an EF query, or the size argument of a pagination helper.</summary>
    private static IOperation? GetPageSize(IInvocationOperation invocation, EfSymbols ef)
    {
        var method = invocation.TargetMethod;
        if (method.Name == "Take" && invocation.Arguments.Length == 2 && ef.IsLinqOrEfQueryOperatorContainer(method.ContainingType))
        {
            return QueryProvenance.IsDatabaseQuery(invocation.Arguments[0].Value, ef) ? invocation.Arguments[1].Value : null;
        }

        // A helper of this compilation is followed like any service (it may clamp); only library helpers are taken by name.
        var inSource = method.Locations.Length > 0 && method.Locations[0].IsInSource;
        if (inSource || (!PagingQueries.IsPaginationMethod(method, Array.Empty<string>()) && !PagingQueries.IsPagedType(method.ContainingType) &&
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

    /// <summary>A method of this compilation (or an interface/abstract method with implementations here) with an integral parameter.</summary>
    private static IMethodSymbol? GetFollowedCallee(IMethodSymbol method)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        if (method.Parameters.Length == 0 || method.MethodKind != MethodKind.Ordinary)
        {
            return null;
        }

        var inSource = method.Locations.Length > 0 && method.Locations[0].IsInSource;
        if (!inSource && !method.IsAbstract)
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

    private static bool IsIntegral(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 ||
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable &&
        nullable.TypeArguments[0].SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;

    private static bool IsMinimalApiHandler(IOperation lambdaBody, AspNetSymbols asp)
    {
        var parent = lambdaBody.Parent;
        while (parent is IAnonymousFunctionOperation or IDelegateCreationOperation or IConversionOperation or IArgumentOperation)
        {
            parent = parent.Parent;
        }

        return parent is IInvocationOperation map && asp.IsMinimalApiMap(map.TargetMethod);
    }

    /// <summary>DTO types a FluentValidation AbstractValidator&lt;T&gt; of the compilation validates (their bounds are checked there).</summary>
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

    /// <summary>Per-compilation state: symbols, validated DTO types and callee summaries.</summary>
    private sealed class CompilationData
    {
        private const int MaxCallDepth = 3;
        private readonly SemanticModelCache _models;
        private readonly SourceTypeIndex _types;
        private readonly Lazy<HashSet<ITypeSymbol>> _validated;
        private readonly ConcurrentDictionary<(IMethodSymbol Method, int Ordinal), bool> _summaries = new();

        public CompilationData(DataAccessModel data, AspNetSymbols asp)
        {
            Ef = data.Symbols;
            Asp = asp;
            _models = data.Models;
            _types = data.Types;
            _validated = new Lazy<HashSet<ITypeSymbol>>(() => FindValidatedTypes(_types), isThreadSafe: true);
        }

        public EfSymbols Ef { get; }
        public AspNetSymbols Asp { get; }
        public HashSet<ITypeSymbol> ValidatedTypes => _validated.Value;

        /// <summary>
        /// True when the method (every implementation of it) pages an EF query with its parameter
        /// <paramref name="ordinal"/> as the size, with no bound of its own, directly or through methods it calls.
        /// </summary>
        public bool TakesUnbounded(IMethodSymbol method, int ordinal, int depth, System.Threading.CancellationToken cancellationToken)
        {
            if (depth == 0 && _summaries.TryGetValue((method, ordinal), out var cached))
            {
                return cached;
            }

            var implementations = method.IsAbstract ? _types.GetImplementations(method) : ImmutableArray.Create(method);
            var result = !implementations.IsEmpty;
            foreach (var implementation in implementations)
            {
                if (!TakesUnboundedInBody(implementation.OriginalDefinition, ordinal, depth, cancellationToken))
                {
                    result = false;
                    break;
                }
            }

            if (depth == 0)
            {
                _summaries.TryAdd((method, ordinal), result);
            }

            return result;
        }

        private bool TakesUnboundedInBody(IMethodSymbol method, int ordinal, int depth, System.Threading.CancellationToken cancellationToken)
        {
            var body = GetBody(method, cancellationToken);
            if (body is null || ordinal >= method.Parameters.Length)
            {
                return false;
            }

            var state = new FlowState(body, method, isEndpoint: false, this, ordinal);
            var stack = new Stack<IOperation>();
            stack.Push(body);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (current is IInvocationOperation invocation)
                {
                    if (GetPageSize(invocation, Ef) is { } size)
                    {
                        if (state.FindRequestValue(size, 0) is not null)
                        {
                            return true;
                        }
                    }
                    else if (depth + 1 < MaxCallDepth && GetFollowedCallee(invocation.TargetMethod) is { } callee)
                    {
                        foreach (var argument in invocation.Arguments)
                        {
                            if (argument.Parameter is { } parameter && IsIntegral(parameter.Type) && state.FindRequestValue(argument.Value, 0) is not null &&
                                TakesUnbounded(callee, parameter.Ordinal, depth + 1, cancellationToken))
                            {
                                return true;
                            }
                        }
                    }
                }

                foreach (var child in current.ChildOperations)
                {
                    stack.Push(child);
                }
            }

            return false;
        }

        private IOperation? GetBody(IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                switch (_models.GetOperation(reference.GetSyntax(cancellationToken), cancellationToken))
                {
                    case IMethodBodyOperation body when (body.BlockBody ?? (IOperation?)body.ExpressionBody) is { } block:
                        return block;
                    case ILocalFunctionOperation { Body: { } localBody }:
                        return localBody;
                }
            }

            return null;
        }
    }

    private sealed class FlowState
    {
        private readonly IOperation _body;
        private readonly IMethodSymbol _endpoint;
        private readonly bool _isEndpoint;
        private readonly int _onlyParameterOrdinal;
        private readonly AspNetSymbols _asp;
        private readonly CompilationData _shared;
        private readonly HashSet<ILocalSymbol> _visiting = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<ILocalSymbol, IOperation?> _localResults = new(SymbolEqualityComparer.Default);
        private Dictionary<ILocalSymbol, List<IOperation>>? _locals;

        /// <param name="onlyParameterOrdinal">-1 for an endpoint (its request values); else the one parameter of a callee that carries the request's value.</param>
        public FlowState(IOperation body, IMethodSymbol endpoint, bool isEndpoint, CompilationData shared, int onlyParameterOrdinal)
        {
            _body = body;
            _endpoint = endpoint;
            _isEndpoint = isEndpoint;
            _onlyParameterOrdinal = onlyParameterOrdinal;
            _asp = shared.Asp;
            _shared = shared;
        }

        /// <summary>The unbounded request value the size is computed from, or null when it is bounded or of unknown origin.</summary>
        public IOperation? FindRequestValue(IOperation operation, int steps)
        {
            if (steps > 32)
            {
                return null;
            }

            operation = PagingQueries.Strip(operation);
            switch (operation)
            {
                case IParameterReferenceOperation parameter:
                    return IsRequestParameter(parameter.Parameter) && !IsGuarded(parameter.Parameter, parameter.Parameter) ? operation : null;
                case IPropertyReferenceOperation { Property.Name: "Value", Instance: { } nullable } when IsNullable(nullable.Type):
                    return FindRequestValue(nullable, steps + 1);
                case IInvocationOperation { TargetMethod.Name: "GetValueOrDefault", Instance: { } nullable } when IsNullable(nullable.Type):
                    return FindRequestValue(nullable, steps + 1);
                case IPropertyReferenceOperation property:
                    return IsRequestProperty(property) && !IsGuarded(property.Property, GetRootSymbol(property.Instance)) ? operation : null;
                case ILocalReferenceOperation local:
                    return FindInLocal(local.Local, steps);
                case IBinaryOperation binary when binary.OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.Multiply:
                    return FindRequestValue(binary.LeftOperand, steps + 1) ?? FindRequestValue(binary.RightOperand, steps + 1);
                case ICoalesceOperation coalesce:
                    return FindRequestValue(coalesce.Value, steps + 1);
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    // pageSize > 0 ? pageSize : 20 still lets 1000000 through; an upper comparison is caught by IsGuarded.
                    return FindRequestValue(conditional.WhenTrue, steps + 1) ?? FindRequestValue(whenFalse, steps + 1);
                case IInvocationOperation { TargetMethod.Name: "Max", Arguments.Length: 2 } max when max.TargetMethod.ContainingType?.Name == "Math":
                    // Math.Max(pageSize, 1) is a lower bound only.
                    return FindRequestValue(max.Arguments[0].Value, steps + 1) ?? FindRequestValue(max.Arguments[1].Value, steps + 1);
                default:
                    // Math.Min/Clamp, literals, constants and calls we do not follow: bounded or of unknown origin.
                    return null;
            }
        }

        private IOperation? FindInLocal(ILocalSymbol local, int steps)
        {
            if (_localResults.TryGetValue(local, out var known))
            {
                return known;
            }

            _locals ??= PagingQueries.CollectLocalAssignments(_body);
            if (!_locals.TryGetValue(local, out var values) || !_visiting.Add(local))
            {
                return null;
            }

            IOperation? found = null;
            foreach (var value in values)
            {
                var candidate = FindRequestValue(value, steps + 1);
                if (candidate is null)
                {
                    // One bounded assignment (size = Math.Min(size, 100)) bounds the local.
                    found = null;
                    break;
                }

                found ??= candidate;
            }

            _visiting.Remove(local);
            _localResults[local] = found;
            return found;
        }

        private bool IsRequestParameter(IParameterSymbol parameter)
        {
            if (!SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _endpoint) || _asp.HasValidationAttribute(parameter))
            {
                return false;
            }

            if (_onlyParameterOrdinal >= 0)
            {
                return parameter.Ordinal == _onlyParameterOrdinal && IsIntegral(parameter.Type);
            }

            if (_isEndpoint)
            {
                return parameter.Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 || IsNullableInt(parameter.Type);
            }

            // A method-group handler elsewhere: trust explicit binding attributes only.
            foreach (var attribute in parameter.GetAttributes())
            {
                if (attribute.AttributeClass?.Name is "FromQueryAttribute" or "FromRouteAttribute")
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsRequestProperty(IPropertyReferenceOperation reference)
        {
            var property = reference.Property;
            if (_asp.HasValidationAttribute(property) || !IsAutoProperty(property) ||
                _shared.ValidatedTypes.Contains(property.ContainingType.OriginalDefinition) ||
                ImplementsValidatableObject(property.ContainingType))
            {
                return false;
            }

            switch (PagingQueries.Strip(reference.Instance ?? reference))
            {
                case IParameterReferenceOperation parameter:
                    // query.PageSize where query is a bound DTO parameter of the endpoint.
                    return _isEndpoint && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, _endpoint) &&
                        !_asp.HasValidationAttribute(parameter.Parameter) && parameter.Parameter.Type.TypeKind is TypeKind.Class or TypeKind.Struct &&
                        !IsNullable(parameter.Parameter.Type);
                case IInstanceReferenceOperation:
                    // [BindProperty] public int PageSize on the PageModel or controller.
                    return _isEndpoint && _asp.IsBoundProperty(property);
                default:
                    return false;
            }
        }

        private static bool ImplementsValidatableObject(INamedTypeSymbol type)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.Name == "IValidatableObject")
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsAutoProperty(IPropertySymbol property)
        {
            if (property.SetMethod is null)
            {
                return false;
            }

            // A setter with a body may clamp; an auto-property has an implicit backing field.
            foreach (var member in property.ContainingType.GetMembers())
            {
                if (member is IFieldSymbol { AssociatedSymbol: { } associated } && SymbolEqualityComparer.Default.Equals(associated, property))
                {
                    return true;
                }
            }

            return property.Locations.Length == 0 || !property.Locations[0].IsInSource;
        }

        private static bool IsNullable(ITypeSymbol? type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

        private static bool IsNullableInt(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable &&
            nullable.TypeArguments[0].SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;

        private static ISymbol? GetRootSymbol(IOperation? instance) => instance is null ? null : PagingQueries.Strip(instance) switch
        {
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };

        /// <summary>
        /// Any sign of an upper bound in the body: a comparison that caps the value (if (pageSize &gt; 100) ..., return
        /// BadRequest; pageSize is &gt; 100), or a clamp/guard call that receives it (Math.Min, Math.Clamp,
        /// ThrowIfGreaterThan, Guard.Against.OutOfRange). A lower-bound check alone (pageSize &lt;= 0) is not a bound.
        /// </summary>
        private bool IsGuarded(ISymbol symbol, ISymbol? owner)
        {
            var stack = new Stack<IOperation>();
            stack.Push(_body);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                switch (current)
                {
                    case IBinaryOperation comparison when IsUpperComparison(comparison, symbol, owner):
                        return true;
                    case IIsPatternOperation isPattern when Refers(isPattern.Value, symbol, owner) && HasUpperRelationalPattern(isPattern.Pattern):
                        return true;
                    case IInvocationOperation invocation when IsGuardCall(invocation.TargetMethod.Name):
                        foreach (var argument in invocation.Arguments)
                        {
                            if (Refers(argument.Value, symbol, owner))
                            {
                                return true;
                            }
                        }

                        break;
                }

                foreach (var child in current.ChildOperations)
                {
                    stack.Push(child);
                }
            }

            return false;
        }

        private static bool IsUpperComparison(IBinaryOperation comparison, ISymbol symbol, ISymbol? owner)
        {
            switch (comparison.OperatorKind)
            {
                case BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual:
                    return Refers(comparison.LeftOperand, symbol, owner) && !IsSmallConstant(comparison.RightOperand);
                case BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual:
                    return Refers(comparison.RightOperand, symbol, owner) && !IsSmallConstant(comparison.LeftOperand);
                default:
                    return false;
            }
        }

        private static bool HasUpperRelationalPattern(IPatternOperation pattern)
        {
            var stack = new Stack<IOperation>();
            stack.Push(pattern);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (current is IRelationalPatternOperation { OperatorKind: BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual } relational &&
                    !IsSmallConstant(relational.Value))
                {
                    return true;
                }

                foreach (var child in current.ChildOperations)
                {
                    stack.Push(child);
                }
            }

            return false;
        }

        /// <summary>0 or 1: the other side of a "must be positive" check.</summary>
        private static bool IsSmallConstant(IOperation operation) =>
            operation.ConstantValue is { HasValue: true, Value: { } value } &&
            value is int or long or short or byte && Convert.ToInt64(value, CultureInfo.InvariantCulture) <= 1;

        private static bool IsGuardCall(string name) =>
            name.StartsWith("ThrowIfGreaterThan", StringComparison.Ordinal) || name is "Min" or "Clamp" ||
            name.IndexOf("Range", StringComparison.Ordinal) >= 0;

        private static bool Refers(IOperation operation, ISymbol symbol, ISymbol? owner)
        {
            operation = PagingQueries.Strip(operation);
            return operation switch
            {
                IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, symbol),
                IPropertyReferenceOperation property => SymbolEqualityComparer.Default.Equals(property.Property, symbol) &&
                    (owner is null || SymbolEqualityComparer.Default.Equals(GetRootSymbol(property.Instance), owner) || property.Instance is IInstanceReferenceOperation),
                _ => false,
            };
        }
    }
}
