using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Follows a page size back to the request inside one body: an endpoint's bound parameter or DTO property (or, in a
/// callee, its integral parameter), through locals, arithmetic, ?? and ?: and Math.Max, and decides whether an upper
/// bound (Math.Min/Clamp, a guarding comparison, ThrowIfGreaterThan, [Range], a validator) stops it.
/// </summary>
internal sealed class RequestValueFlow
{
    /// <summary>The mode of a callee's summary: every integral parameter may carry the request's value.</summary>
    public const int AnyIntegralParameter = int.MaxValue;

    private readonly IOperation body;
    private readonly IMethodSymbol endpoint;
    private readonly bool isEndpoint;
    private readonly int onlyParameterOrdinal;
    private readonly AspNetSymbols asp;
    private readonly PageSizeAnalysis shared;
    private readonly HashSet<ILocalSymbol> visiting = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, IOperation?> localResults = new(SymbolEqualityComparer.Default);
    private Dictionary<ILocalSymbol, List<IOperation>>? locals;

    /// <param name="onlyParameterOrdinal">-1 for an endpoint (its request values); <see cref="AnyIntegralParameter"/> for a callee (any integral parameter may carry the request's value); else that one parameter.</param>
    public RequestValueFlow(IOperation body, IMethodSymbol endpoint, bool isEndpoint, PageSizeAnalysis shared, int onlyParameterOrdinal)
    {
        this.body = body;
        this.endpoint = endpoint;
        this.isEndpoint = isEndpoint;
        this.onlyParameterOrdinal = onlyParameterOrdinal;
        asp = shared.Asp;
        this.shared = shared;
    }

    /// <summary>The unbounded request value the size is computed from, or null when it is bounded or of unknown origin.</summary>
    public IOperation? FindRequestValue(IOperation operation) => FindRequestValue(operation, 0);

    private IOperation? FindRequestValue(IOperation operation, int steps)
    {
        if (steps > 32)
        {
            return null;
        }

        operation = OperationHelpers.Strip(operation);
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
        if (localResults.TryGetValue(local, out var known))
        {
            return known;
        }

        locals ??= PagingQueries.CollectLocalAssignments(body);
        if (!locals.TryGetValue(local, out var values) || !visiting.Add(local))
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

        visiting.Remove(local);
        localResults[local] = found;
        return found;
    }

    private bool IsRequestParameter(IParameterSymbol parameter)
    {
        if (!SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, endpoint) || asp.HasValidationAttribute(parameter))
        {
            return false;
        }

        if (onlyParameterOrdinal == AnyIntegralParameter)
        {
            return PageSizeAnalysis.IsIntegral(parameter.Type);
        }

        if (onlyParameterOrdinal >= 0)
        {
            return parameter.Ordinal == onlyParameterOrdinal && PageSizeAnalysis.IsIntegral(parameter.Type);
        }

        if (isEndpoint)
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
        if (asp.HasValidationAttribute(property) || !shared.IsUnclampedProperty(property, judgedElsewhere: false) ||
            shared.Validators.Bounds(property.ContainingType, property.Name) ||
            ImplementsValidatableObject(property.ContainingType))
        {
            return false;
        }

        switch (OperationHelpers.Strip(reference.Instance ?? reference))
        {
            case IParameterReferenceOperation parameter:
                // query.PageSize where query is a bound DTO parameter of the endpoint; in a callee's summary, a property
                // of a parameter object the caller may have bound from the request (recorded as "ordinal.PageSize").
                return IsObjectParameter(parameter.Parameter) && !IsValidatedType(parameter.Parameter.Type, property.Name) &&
                    (isEndpoint || (onlyParameterOrdinal == AnyIntegralParameter && PageSizeAnalysis.IsIntegral(property.Type)));
            case IInstanceReferenceOperation:
                // [BindProperty] public int PageSize on the PageModel or controller.
                return isEndpoint && asp.IsBoundProperty(property);
            default:
                return false;
        }
    }

    /// <summary>
    /// The parameter object an argument hands on whole: in an endpoint, a bound model of the request (<c>[FromQuery]
    /// UserParams userParams</c>); in a callee, any parameter object of the method (its summary records which of its
    /// properties reach Take). Null for anything else (a new object, a field, a service).
    /// </summary>
    public IParameterSymbol? FindRequestObject(IOperation argument) =>
        OperationHelpers.Strip(argument) is IParameterReferenceOperation { Parameter: var parameter } &&
        (isEndpoint || onlyParameterOrdinal == AnyIntegralParameter) && IsObjectParameter(parameter) && !IsServiceParameter(parameter)
            ? parameter
            : null;

    /// <summary>
    /// The value a request object the endpoint builds gives its property <paramref name="name"/>:
    /// <c>new GetPagedQuery { PageSize = pageSize }</c> (the initializer wins, it runs last), or the constructor argument
    /// the constructor stores into it unchanged (see <see cref="FindStoredParameter"/>; a referenced project's constructor
    /// by its v1s record), in the argument itself or in a
    /// local built once and used nowhere but in this argument. Null when the argument is no such object creation, the
    /// property is not set there, or its type validates it (an attribute, a FluentValidation validator of this
    /// compilation, IValidatableObject): then it is no request value.
    /// </summary>
    public IOperation? FindBuiltPropertyValue(IOperation argument, string name)
    {
        var built = OperationHelpers.Strip(argument);
        if (built is ILocalReferenceOperation { Local: var local })
        {
            built = FindSoleBuilder(local);
        }

        if (built is not IObjectCreationOperation creation || creation.Type is not { } type || IsValidatedType(type, name))
        {
            return null;
        }

        if (creation.Initializer is { } initializer)
        {
            for (var i = initializer.Initializers.Length - 1; i >= 0; i--)
            {
                if (initializer.Initializers[i] is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target, Value: var value } &&
                    target.Property.Name == name)
                {
                    return asp.HasValidationAttribute(target.Property) ? null : value;
                }
            }
        }

        if (creation.Constructor is { } constructor &&
            (FindStoredParameter(constructor, name) ?? shared.FindReferencedConstructorStore(constructor, name)) is { } stored)
        {
            foreach (var argumentOperation in creation.Arguments)
            {
                if (SymbolEqualityComparer.Default.Equals(argumentOperation.Parameter, stored))
                {
                    return argumentOperation.ArgumentKind == ArgumentKind.Explicit ? argumentOperation.Value : null;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The object creation a local holds when it is assigned once and read once (the dispatch's argument): any other
    /// use (<c>query.PageSize = Math.Min(query.PageSize, 100)</c>, a call that may normalise it, a capture) could bound
    /// the size, so the local is then not followed.
    /// </summary>
    private IOperation? FindSoleBuilder(ILocalSymbol local)
    {
        locals ??= PagingQueries.CollectLocalAssignments(body);
        if (!locals.TryGetValue(local, out var values) || values.Count != 1 ||
            OperationHelpers.Strip(values[0]) is not IObjectCreationOperation creation)
        {
            return null;
        }

        var reads = 0;
        foreach (var operation in body.Descendants())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) && ++reads > 1)
            {
                return null;
            }
        }

        return creation;
    }

    /// <summary>
    /// The constructor parameter stored unchanged into property <paramref name="name"/>: a positional record's parameter
    /// of that name (its property synthesized, or, from another assembly, an init accessor the compiler generated), a
    /// constructor in source whose plain stores (<see cref="ConstructorStoreSyntax.FindPlainStores"/>, a block or an
    /// expression body) store it, or a primary constructor's parameter the type's own property is initialized with.
    /// </summary>
    private static IParameterSymbol? FindStoredParameter(IMethodSymbol constructor, string name)
    {
        var type = constructor.ContainingType;
        if (type.IsRecord)
        {
            foreach (var parameter in constructor.Parameters)
            {
                if (parameter.Name == name && FindProperty(type, name) is { SetMethod: { } setter } property &&
                    (property.Locations.Length > 0 && property.Locations[0].IsInSource
                        ? IsPositionalProperty(property)
                        : PageSizeAnalysis.IsCompilerGenerated(setter)))
                {
                    return parameter;
                }
            }
        }

        foreach (var reference in constructor.DeclaringSyntaxReferences)
        {
            var source = reference.GetSyntax() switch
            {
                ConstructorDeclarationSyntax declaration => ConstructorStoreSyntax.FindPlainStores(declaration) is { } stores &&
                    stores.TryGetValue(name, out var stored) ? stored : null,
                TypeDeclarationSyntax { ParameterList: not null } => FindProperty(type, name) is { } property &&
                    SymbolEqualityComparer.Default.Equals(property.ContainingType, type) ? PrimaryConstructorInitializer(property) : null,
                _ => null,
            };

            foreach (var parameter in constructor.Parameters)
            {
                if (source is not null && parameter.Name == source)
                {
                    return parameter;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The identifier a property declared in source is initialized with (<c>public int PageSize { get; } = pageSize;</c>,
    /// a primary constructor's parameter when one has that name); null for another initializer or none.
    /// </summary>
    private static string? PrimaryConstructorInitializer(IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is PropertyDeclarationSyntax declaration && ConstructorStoreSyntax.InitializerIdentifier(declaration) is { } source)
            {
                return source;
            }
        }

        return null;
    }

    private static IPropertySymbol? FindProperty(ITypeSymbol type, string name)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
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

    /// <summary>A record's property the compiler made from a positional parameter (declared by the parameter's syntax).</summary>
    private static bool IsPositionalProperty(IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not ParameterSyntax)
            {
                return false;
            }
        }

        return property.DeclaringSyntaxReferences.Length > 0;
    }

    /// <summary>
    /// True when <paramref name="owner"/>'s property <paramref name="name"/> is bounded here: validated (an attribute, a
    /// FluentValidation validator of the object's type or a base, IValidatableObject), clamped by its setter, or
    /// clamped, guarded or assigned in this body; also when the object has no such property.
    /// </summary>
    public bool IsPropertyGuarded(IParameterSymbol owner, string name)
    {
        for (var type = owner.Type; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IPropertySymbol property)
                {
                    return asp.HasValidationAttribute(property) || !shared.IsUnclampedProperty(property, judgedElsewhere: true) || IsValidatedType(owner.Type, name) ||
                        IsGuarded(property, owner);
                }
            }
        }

        return true;
    }

    /// <summary>
    /// A FluentValidation validator of the type or of a base that bounds the property from above (a validator of the
    /// derived request validates the base's PageSize too; see <see cref="ValidatorBounds"/>), or IValidatableObject.
    /// </summary>
    private bool IsValidatedType(ITypeSymbol type, string propertyName) =>
        shared.Validators.Bounds(type, propertyName) || (type is INamedTypeSymbol named && ImplementsValidatableObject(named));

    private bool IsObjectParameter(IParameterSymbol parameter) =>
        SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, endpoint) && !asp.HasValidationAttribute(parameter) &&
        parameter.Type.TypeKind is TypeKind.Class or TypeKind.Struct && !IsNullable(parameter.Type) &&
        parameter.Type.SpecialType == SpecialType.None;

    private static bool IsServiceParameter(IParameterSymbol parameter)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass?.Name is "FromServicesAttribute" or "FromKeyedServicesAttribute")
            {
                return true;
            }
        }

        return false;
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

    private static bool IsNullable(ITypeSymbol? type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

    private static bool IsNullableInt(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable &&
        nullable.TypeArguments[0].SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;

    private static ISymbol? GetRootSymbol(IOperation? instance) => instance is null ? null : OperationHelpers.Strip(instance) switch
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
        stack.Push(body);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            switch (current)
            {
                case IBinaryOperation comparison when IsUpperComparison(comparison, symbol, owner):
                    return true;
                case IIsPatternOperation isPattern when Refers(isPattern.Value, symbol, owner) && HasUpperRelationalPattern(isPattern.Pattern):
                    return true;
                case ISimpleAssignmentOperation assignment when symbol is IPropertySymbol && Refers(assignment.Target, symbol, owner):
                    // query.PageSize = 20 (or any value the body sets): no longer the request's value.
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
        operation = OperationHelpers.Strip(operation);
        return operation switch
        {
            IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, symbol),
            IPropertyReferenceOperation property => SymbolEqualityComparer.Default.Equals(property.Property, symbol) &&
                (owner is null || SymbolEqualityComparer.Default.Equals(GetRootSymbol(property.Instance), owner) || property.Instance is IInstanceReferenceOperation),
            _ => false,
        };
    }
}
