using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>Where an entity comes from: followed back through locals, foreach variables, LINQ-to-objects lambdas, navigations and called methods.</summary>
internal sealed partial class NavigationAnalysis
{
    private const int MaxSteps = 8;

    /// <summary>The origin of a single entity (a query's First/Single/Find, a local, a foreach element, a method's return).</summary>
    public bool TryGetEntityOrigin(IOperation? operation, int calls, CancellationToken cancellationToken, out EntityOrigin origin) =>
        TryGetEntityOrigin(operation, 0, calls, cancellationToken, out origin);

    private bool TryGetEntityOrigin(IOperation? operation, int depth, int calls, CancellationToken cancellationToken, out EntityOrigin origin)
    {
        origin = default;
        operation = OperationHelpers.Unwrap(operation);
        if (operation is null || depth > MaxSteps)
        {
            return false;
        }

        if (operation is IConditionalAccessInstanceOperation placeholder)
        {
            operation = OperationHelpers.Unwrap(OperationHelpers.GetConditionalAccessReceiver(placeholder));
        }

        var model = GetEntityModel(cancellationToken);
        switch (operation)
        {
            case ILocalReferenceOperation local:
            {
                if (OperationHelpers.GetDeclaringForEach(local) is { } forEach)
                {
                    return TryGetElementOrigin(forEach.Collection, depth + 1, calls, cancellationToken, out origin) && origin.MarkPerElement(out origin);
                }

                return TryGetEntityOrigin(OperationHelpers.GetLocalInitializer(local), depth + 1, calls, cancellationToken, out origin);
            }

            case IParameterReferenceOperation parameter:
            {
                var source = GetLambdaElementSource(parameter);
                return source is not null && TryGetElementOrigin(source, depth + 1, calls, cancellationToken, out origin) && origin.MarkPerElement(out origin);
            }

            case IPropertyReferenceOperation navigation when model.IsNavigation(navigation.Property, out var isCollection) && !isCollection:
                return TryGetEntityOrigin(navigation.Instance, depth + 1, calls, cancellationToken, out origin) && origin.Append(navigation.Property, out origin);
            case IPropertyReferenceOperation recorded when IsRecordedStep(recorded, collection: false, cancellationToken):
                return TryGetRecordedStep(recorded, depth, calls, cancellationToken, out origin);
            case IInvocationOperation invocation:
                return TryGetSingleEntityQuery(invocation, model, out origin) ||
                    TryGetReturnedOrigin(invocation, elements: false, calls, cancellationToken, out origin);
        }

        return false;
    }

    /// <summary>
    /// A navigation of an entity this compilation's model does not know, named by a referenced project's record
    /// (order.Customer when Order is another project's entity): a reference (<paramref name="collection"/> false)
    /// or a collection of entities.
    /// </summary>
    private bool IsRecordedStep(IPropertyReferenceOperation reference, bool collection, CancellationToken cancellationToken)
    {
        var property = reference.Property;
        if (reference.Instance is null || property.IsStatic || property.Type.SpecialType == SpecialType.System_String || property.Type.IsValueType ||
            !data.GetReferencedSummaries(cancellationToken).ReturnedNavigationNames.Contains(property.Name) ||
            GetEntityModel(cancellationToken).IsNavigation(property, out _))
        {
            return false;
        }

        return (Symbols.GetElementType(property.Type) is not null) == collection;
    }

    /// <summary>The step from a recorded entity to one of its navigations, when the record knows the path or a path below it.</summary>
    private bool TryGetRecordedStep(IPropertyReferenceOperation reference, int depth, int calls, CancellationToken cancellationToken, out EntityOrigin origin)
    {
        if (!TryGetEntityOrigin(reference.Instance, depth + 1, calls, cancellationToken, out origin) || origin.Recorded is not { } recorded)
        {
            return false;
        }

        var names = new string[origin.Path.Length + 1];
        for (var i = 0; i < origin.Path.Length; i++)
        {
            names[i] = origin.Path[i].Name;
        }

        names[names.Length - 1] = reference.Property.Name;
        return recorded.KnowsPathOrBelow(string.Join(".", names)) && origin.Append(reference.Property, out origin);
    }

    /// <summary>First/Single/Last(OrDefault)(Async) and Find(Async) of an EF query.</summary>
    private bool TryGetSingleEntityQuery(IInvocationOperation invocation, EntityModel model, out EntityOrigin origin)
    {
        origin = default;
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case var name when QueryOperators.SingleEntity.Contains(name):
                if (method.IsExtensionMethod && invocation.Arguments.Length > 0 &&
                    Symbols.IsLinqOrEfQueryOperatorContainer(method.ContainingType) &&
                    QueryProvenance.IsDatabaseQuery(invocation.Arguments[0].Value, Symbols))
                {
                    var entity = Symbols.GetElementType(OperationHelpers.Strip(invocation.Arguments[0].Value).Type);
                    return entity is not null && model.IsSourceEntityType(entity) &&
                        Create(invocation.Arguments[0].Value, GetAnchor(invocation), entity, out origin);
                }

                return false;
            case "Find" or "FindAsync" when Symbols.IsDbSet(method.ContainingType):
                // Find loads no navigation (AutoInclude aside); nothing to anchor an Include to.
                if (method.ContainingType is { TypeArguments.Length: 1 } set && model.IsSourceEntityType(set.TypeArguments[0]))
                {
                    origin = new EntityOrigin(null, null, set.TypeArguments[0], ImmutableArray<IPropertySymbol>.Empty, false);
                    return true;
                }

                return false;
        }

        return false;
    }

    private static bool Create(IOperation chain, SyntaxNode? anchor, ITypeSymbol entity, out EntityOrigin origin)
    {
        origin = new EntityOrigin(chain, anchor, entity, ImmutableArray<IPropertySymbol>.Empty, false);
        return true;
    }

    /// <summary>The expression the fix appends .Include(...) to: the receiver of the executing operator.</summary>
    private static SyntaxNode? GetAnchor(IInvocationOperation executing) =>
        executing.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ? access.Expression : null;

    /// <summary>The origin of the elements of a sequence: a materialised EF query, the query itself, a collection navigation, or a method's returned list.</summary>
    public bool TryGetElementOrigin(IOperation? operation, int calls, CancellationToken cancellationToken, out EntityOrigin origin) =>
        TryGetElementOrigin(operation, 0, calls, cancellationToken, out origin);

    private bool TryGetElementOrigin(IOperation? operation, int depth, int calls, CancellationToken cancellationToken, out EntityOrigin origin)
    {
        origin = default;
        operation = OperationHelpers.Unwrap(operation);
        if (operation is null || depth > MaxSteps)
        {
            return false;
        }

        var model = GetEntityModel(cancellationToken);
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return TryGetElementOrigin(OperationHelpers.GetLocalInitializer(local), depth + 1, calls, cancellationToken, out origin);
            case IPropertyReferenceOperation navigation when model.IsNavigation(navigation.Property, out var isCollection) && isCollection:
                return TryGetEntityOrigin(navigation.Instance, depth + 1, calls, cancellationToken, out origin) && origin.Append(navigation.Property, out origin);
            case IPropertyReferenceOperation recorded when IsRecordedStep(recorded, collection: true, cancellationToken):
                return TryGetRecordedStep(recorded, depth, calls, cancellationToken, out origin);
            case IInvocationOperation invocation:
            {
                var method = invocation.TargetMethod;
                if (method.Name is "AsAsyncEnumerable" && invocation.Instance is { } set && Symbols.IsDbSet(set.Type) &&
                    Symbols.GetElementType(set.Type) is { } setEntity && model.IsSourceEntityType(setEntity))
                {
                    return Create(set, GetAnchor(invocation), setEntity, out origin);
                }

                if (!method.IsExtensionMethod || invocation.Arguments.Length == 0)
                {
                    if (TryGetReturnedOrigin(invocation, elements: true, calls, cancellationToken, out origin))
                    {
                        return true;
                    }

                    break;
                }

                var source = invocation.Arguments[0].Value;
                switch (method.Name)
                {
                    case var rows when (QueryOperators.RowCollections.Contains(rows) || rows is "AsEnumerable" or "AsAsyncEnumerable") &&
                        (Symbols.IsLinqOrEfQueryOperatorContainer(method.ContainingType) || Symbols.IsEnumerableContainer(method.ContainingType)):
                        if (QueryProvenance.IsDatabaseQuery(source, Symbols))
                        {
                            var entity = Symbols.GetElementType(OperationHelpers.Strip(source).Type);
                            return entity is not null && model.IsSourceEntityType(entity) &&
                                Create(source, GetAnchor(invocation), entity, out origin);
                        }

                        return TryGetElementOrigin(source, depth + 1, calls, cancellationToken, out origin);
                    case var name when QueryOperators.ElementPreserving.Contains(name) && Symbols.IsEnumerableContainer(method.ContainingType):
                        return TryGetElementOrigin(source, depth + 1, calls, cancellationToken, out origin);
                }

                break;
            }
        }

        // foreach (var b in db.Buildings.Where(...)): the query itself is enumerated.
        if (QueryProvenance.IsDatabaseQuery(operation, Symbols) && Symbols.IsQueryable(operation.Type))
        {
            var entity = Symbols.GetElementType(operation.Type);
            return entity is not null && model.IsSourceEntityType(entity) && Create(operation, operation.Syntax, entity, out origin);
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
}
