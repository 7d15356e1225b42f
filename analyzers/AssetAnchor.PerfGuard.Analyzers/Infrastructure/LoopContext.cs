using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

internal enum IterationKind
{
    None,
    ForEach,
    For,
    While,
    Do,
    PerElementLambda,
}

/// <summary>
/// The innermost construct that runs an operation once per element: a loop body, or a lambda that LINQ-to-objects,
/// List.ForEach, Array.ForEach or Parallel.ForEach(Async) runs per element (Task.WhenAll(items.Select(...)) is a
/// Select). A lambda quoted as an expression tree (an EF Select) is translated, not run, so the walk stops there.
/// </summary>
internal readonly struct LoopContext
{
    private LoopContext(IterationKind kind, IOperation? loop, IOperation? source, string description)
    {
        Kind = kind;
        Loop = loop;
        Source = source;
        Description = description;
    }

    public IterationKind Kind { get; }

    /// <summary>The loop operation, or the invocation that runs the lambda.</summary>
    public IOperation? Loop { get; }

    /// <summary>What is iterated: the foreach collection, or the lambda's source sequence.</summary>
    public IOperation? Source { get; }

    /// <summary>"foreach loop", "Select lambda", ... for messages.</summary>
    public string Description { get; }

    public bool IsNone => Kind == IterationKind.None;

    public static LoopContext Find(IOperation operation, EfSymbols symbols)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IForEachLoopOperation forEach:
                    if (ReferenceEquals(child, forEach.Collection))
                    {
                        // The loop's own source runs once per enclosing iteration, not per element of this loop.
                        continue;
                    }

                    return new LoopContext(IterationKind.ForEach, forEach, forEach.Collection, forEach.IsAsynchronous ? "await foreach loop" : "foreach loop");
                case IForLoopOperation forLoop:
                    if (ContainsReference(forLoop.Before, child))
                    {
                        continue;
                    }

                    return new LoopContext(IterationKind.For, forLoop, null, "for loop");
                case IWhileLoopOperation whileLoop:
                    if (ReferenceEquals(child, whileLoop.Condition))
                    {
                        // while (await db.Jobs.AnyAsync()) drains or polls: one check per unit of work, not N+1.
                        continue;
                    }

                    return whileLoop.ConditionIsTop
                        ? new LoopContext(IterationKind.While, whileLoop, null, "while loop")
                        : new LoopContext(IterationKind.Do, whileLoop, null, "do loop");
                case IAnonymousFunctionOperation lambda:
                    // A per-element lambda nested in a quoted one (db.Chapters.Where(c => c.Files.All(f => ids.Contains(f.Id))))
                    // is part of the same expression tree: translated into SQL or handed to a job runner, not run here.
                    var fromLambda = FromLambda(lambda, symbols);
                    return fromLambda.IsNone || RoundTripAnalysis.IsInsideExpressionTree(lambda, symbols) ? default : fromLambda;
                case ILocalFunctionOperation:
                case IMethodBodyOperation:
                case IConstructorBodyOperation:
                    return default;
            }
        }

        return default;
    }

    private static LoopContext FromLambda(IAnonymousFunctionOperation lambda, EfSymbols symbols)
    {
        IOperation current = lambda;
        for (var depth = 0; depth < 6 && current.Parent is not null; depth++)
        {
            var parent = current.Parent;
            if (parent is IConversionOperation or IDelegateCreationOperation or IParenthesizedOperation)
            {
                if (SymbolEqualityComparer.Default.Equals(parent.Type?.OriginalDefinition, symbols.Expression))
                {
                    return default;
                }

                current = parent;
                continue;
            }

            if (parent is IArgumentOperation { Parent: IInvocationOperation invocation })
            {
                return FromLambdaInvocation(invocation, symbols);
            }

            return default;
        }

        return default;
    }

    /// <summary>
    /// A method group handed to a call that runs its delegate per element (<c>ids.ForEach(Process)</c>,
    /// <c>Task.WhenAll(ids.Select(LoadAsync))</c>): the same per-element methods as for a lambda.
    /// </summary>
    public static LoopContext ForMethodGroup(IInvocationOperation invocation, EfSymbols symbols) =>
        FromLambdaInvocation(invocation, symbols, " method group");

    private static LoopContext FromLambdaInvocation(IInvocationOperation invocation, EfSymbols symbols, string kind = " lambda")
    {
        var method = invocation.TargetMethod;
        var description = method.Name + kind;
        if (symbols.IsEnumerableContainer(method.ContainingType) && invocation.Arguments.Length > 0)
        {
            return new LoopContext(IterationKind.PerElementLambda, invocation, invocation.Arguments[0].Value, description);
        }

        if (symbols.IsLinqOrEfQueryOperatorContainer(method.ContainingType))
        {
            // Queryable over in-memory data (AsQueryable()) compiles the lambda and runs it per element.
            return invocation.Arguments.Length > 0 && !QueryProvenance.IsDatabaseQuery(invocation.Arguments[0].Value, symbols)
                ? new LoopContext(IterationKind.PerElementLambda, invocation, invocation.Arguments[0].Value, description)
                : default;
        }

        if (method.Name is "ForEach" or "ForEachAsync" or "For" or "ForAsync")
        {
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Parallel) ||
                SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Array))
            {
                var source = invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null;
                return new LoopContext(IterationKind.PerElementLambda, invocation, source, description);
            }

            if (invocation.Instance is { } instance && symbols.GetElementType(instance.Type) is not null &&
                !QueryProvenance.IsDatabaseQuery(instance, symbols))
            {
                return new LoopContext(IterationKind.PerElementLambda, invocation, instance, description);
            }
        }

        return default;
    }

    private static bool ContainsReference(System.Collections.Immutable.ImmutableArray<IOperation> operations, IOperation operation)
    {
        foreach (var item in operations)
        {
            if (ReferenceEquals(item, operation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Loops that are not N+1 by construction: over a constant collection or range of at most
    /// <paramref name="smallLoopBound"/> elements; batching loops (a chunk per iteration, or a for/while/do whose body
    /// pages with Skip/Take); retry and polling loops (for/while/do with a catch, Task.Delay, Thread.Sleep or a timer).
    /// Looks at this loop alone: <see cref="Resolve"/> also looks at the loops around it and at the path of the call.
    /// </summary>
    public bool IsExempt(int smallLoopBound, EfSymbols symbols) =>
        Loop is null || IsSmallConstant(smallLoopBound, symbols) || IsBatchingRetryPollingOrMessageLoop(symbols);

    /// <summary>
    /// The loop that makes <paramref name="operation"/> (a round trip inside this loop) run once per element, or None
    /// when nothing does:
    /// <list type="bullet">
    /// <item>a call on a path that returns or throws out of the loop runs at most once: None;</item>
    /// <item>a call on a path that breaks out of the loop, or inside a small constant loop (<c>for (var d = 0; d &lt;= 7; d++)</c>),
    /// runs a bounded number of times per iteration of the loop around it: that outer loop decides (an unbounded
    /// <c>foreach (var student in all)</c> around it is still an N+1);</item>
    /// <item>batching, retry, polling and message loops: None;</item>
    /// <item>in a loop without a bound of its own (<c>while (true)</c>, <c>for (;;)</c>), a round trip whose answer decides
    /// whether the loop ends (probing for a free slug, retrying a write until it succeeds) is the loop's exit test,
    /// not one query per element: None.</item>
    /// <item>a flush of what the loop accumulated (<c>if (count &gt;= Limit) { SaveChanges(); count = 0; }</c>): None.</item>
    /// </list>
    /// </summary>
    public LoopContext Resolve(IOperation operation, int smallLoopBound, EfSymbols symbols)
    {
        var current = this;
        var inner = default(LoopContext);
        for (var depth = 0; depth < 8 && !current.IsNone && current.Loop is not null; depth++)
        {
            var exit = current.Kind == IterationKind.PerElementLambda ? LoopExit.None : LoopPaths.GetExitAfter(operation, current.Loop);
            if (exit == LoopExit.Method)
            {
                return default;
            }

            if (exit == LoopExit.Loop || current.IsSmallConstant(smallLoopBound, symbols))
            {
                inner = inner.IsNone ? current : inner;
                operation = current.Loop;
                current = Find(current.Loop, symbols);
                continue;
            }

            if (current.IsBatchingRetryPollingOrMessageLoop(symbols) || LoopPaths.IsExitTestOfUnboundedLoop(operation, current.Loop) ||
                LoopPaths.IsFlushOfAccumulatedBatch(operation, current.Loop))
            {
                return default;
            }

            return inner.IsNone
                ? current
                : new LoopContext(current.Kind, current.Loop, current.Source, current.Description + " around a " + inner.Description);
        }

        return default;
    }

    private bool IsSmallConstant(int smallLoopBound, EfSymbols symbols)
    {
        if (Loop is null)
        {
            return false;
        }

        var count = Kind == IterationKind.For ? GetConstantForCount((IForLoopOperation)Loop) : GetConstantCount(Source, symbols, 0);
        return count >= 0 && count <= smallLoopBound;
    }

    private bool IsBatchingRetryPollingOrMessageLoop(EfSymbols symbols)
    {
        if (Loop is null)
        {
            return true;
        }

        if (Kind == IterationKind.ForEach && IsBatchIteration((IForEachLoopOperation)Loop, symbols))
        {
            return true;
        }

        if (IsMessageLoop(Loop))
        {
            return true;
        }

        if (Kind == IterationKind.ForEach && IsOverRegisteredServices(Source, symbols, 0))
        {
            return true;
        }

        if (Kind is IterationKind.For or IterationKind.While or IterationKind.Do ||
            (Kind == IterationKind.ForEach && IsRange(Source)))
        {
            return IsBatchingRetryOrPolling(Loop, symbols);
        }

        return false;
    }

    /// <summary>
    /// A loop driven by arriving work (while (await reader.WaitToReadAsync()), await foreach over ReadAllAsync()):
    /// each iteration is its own unit of work, not an element of a set that could be loaded at once.
    /// </summary>
    private static bool IsMessageLoop(IOperation loop)
    {
        if (loop is IWhileLoopOperation { Condition: { } condition })
        {
            if (condition is IAwaitOperation)
            {
                return true;
            }

            foreach (var descendant in condition.Descendants())
            {
                if (descendant is IAwaitOperation)
                {
                    return true;
                }
            }
        }

        return loop is IForEachLoopOperation { IsAsynchronous: true } forEach &&
            OperationHelpers.Unwrap(forEach.Collection) is IInvocationOperation { TargetMethod.Name: "ReadAllAsync" or "GetConsumingEnumerable" };
    }

    /// <summary>
    /// foreach (var seeder in provider.GetServices&lt;ISeeder&gt;()) or over an injected IEnumerable&lt;IHandler&gt;: one
    /// iteration per registered implementation, a number the code fixes, not one per row.
    /// </summary>
    private static bool IsOverRegisteredServices(IOperation? source, EfSymbols symbols, int hops)
    {
        source = OperationHelpers.Unwrap(source);
        switch (source)
        {
            case IInvocationOperation { TargetMethod: { Name: "GetServices", ContainingType.Name: "ServiceProviderServiceExtensions" } }:
                return true;
            case IInvocationOperation { TargetMethod.Name: "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or "Where" or "ToList" or "ToArray" or "Reverse" or "AsEnumerable" or "OfType" or "Cast" or "Index" } invocation
                when hops < 6 && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, symbols.Enumerable):
                return IsOverRegisteredServices(invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null), symbols, hops + 1);
            case ILocalReferenceOperation local when hops < 6:
                return IsOverRegisteredServices(OperationHelpers.GetLocalInitializer(local), symbols, hops + 1);
            case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } parameter }:
                return IsEnumerableOfServices(parameter.Type, symbols);
            case IFieldReferenceOperation { Field: { IsReadOnly: true } field } when IsEnumerableOfServices(field.Type, symbols):
                return true;
            case IFieldReferenceOperation { Field: var field }:
                return IsCollectionOfServices(field.Type, symbols) && IsOnlyAssignedInjectedServices(field, field.ContainingType);
            case IPropertyReferenceOperation { Property: { IsIndexer: false } property }:
                return IsCollectionOfServices(property.Type, symbols) && IsOnlyAssignedInjectedServices(property, property.ContainingType);
            default:
                return false;
        }
    }

    /// <summary>A collection (array, list, read-only collection) of an interface: what a type keeps of its injected parts.</summary>
    private static bool IsCollectionOfServices(ITypeSymbol type, EfSymbols symbols) =>
        type.SpecialType != SpecialType.System_String && symbols.GetElementType(type) is { TypeKind: TypeKind.Interface };

    /// <summary>
    /// A field or property of the type (jellyfin's <c>_passwordResetProviders = passwordResetProviders.ToList()</c>,
    /// <c>_similarItemsProviders = providers.ToArray()</c> in <c>AddParts(IEnumerable&lt;ISimilarItemsProvider&gt; providers)</c>)
    /// that its own code assigns only from a collection parameter of the method doing it (through <c>ToList</c>,
    /// <c>ToArray</c>, <c>OrderBy</c>, <c>Where</c>, <c>OfType</c>), or an empty collection: the parts a container handed
    /// over, read from syntax. Any other assignment (a query, a list built here, another member) keeps the loop.
    /// </summary>
    private static bool IsOnlyAssignedInjectedServices(ISymbol member, INamedTypeSymbol? type)
    {
        if (type is null || member.DeclaringSyntaxReferences.Length == 0)
        {
            return false;
        }

        var assigned = false;
        foreach (var declaration in member.DeclaringSyntaxReferences)
        {
            var initializer = declaration.GetSyntax() switch
            {
                VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                PropertyDeclarationSyntax property => property.Initializer?.Value,
                _ => null,
            };

            if (initializer is not null && IsInjectedCollection(initializer, initializer))
            {
                assigned = true;
                continue;
            }

            if (initializer is not (null or CollectionExpressionSyntax { Elements.Count: 0 } or
                ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0, Initializer: null } or
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Empty" }, ArgumentList.Arguments.Count: 0 }))
            {
                return false;
            }
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax().DescendantNodes())
            {
                // Parts added one by one (_parts.Add(new DbPart(row))): the type fills it itself.
                if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" or "AddRange" or "Insert" or "InsertRange", Expression: var target } } &&
                    OwnMemberName.Of(target) == member.Name)
                {
                    return false;
                }

                if (node is not AssignmentExpressionSyntax { Left: var left, Right: var right } || OwnMemberName.Of(left) != member.Name)
                {
                    continue;
                }

                if (!IsInjectedCollection(right, node))
                {
                    return false;
                }

                assigned = true;
            }
        }

        return assigned;
    }

    /// <summary>
    /// <c>parts</c>, <c>parts.ToList()</c>, <c>parts.OrderBy(..).ToArray()</c> where parts is a collection parameter of the
    /// enclosing method (of the primary constructor, for a member's initializer).
    /// </summary>
    private static bool IsInjectedCollection(ExpressionSyntax value, SyntaxNode assignment)
    {
        while (value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToList" or "ToArray" or "OrderBy" or "OrderByDescending" or "Where" or "OfType" or "AsReadOnly" or "ToImmutableArray" } access })
        {
            value = access.Expression;
        }

        // The enclosing method's parameters, or a primary constructor's for a member initializer.
        if (value is not IdentifierNameSyntax { Identifier.ValueText: var source } ||
            (assignment.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>()?.ParameterList ??
             assignment.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.ParameterList) is not { } parameters)
        {
            return false;
        }

        foreach (var parameter in parameters.Parameters)
        {
            if (parameter.Identifier.ValueText == source)
            {
                return parameter.Type is ArrayTypeSyntax ||
                    parameter.Type is GenericNameSyntax { Identifier.ValueText: "IEnumerable" or "IReadOnlyCollection" or "IReadOnlyList" or "ICollection" or "IList" or "List" };
            }
        }

        return false;
    }

    /// <summary>IEnumerable&lt;T&gt; of an interface: what a container injects as "every registered T". Entities are classes.</summary>
    private static bool IsEnumerableOfServices(ITypeSymbol type, EfSymbols symbols) =>
        type is INamedTypeSymbol { Name: "IEnumerable", TypeArguments.Length: 1 } &&
        symbols.GetElementType(type) is { TypeKind: TypeKind.Interface };

    private static bool IsRange(IOperation? source) =>
        OperationHelpers.Unwrap(source) is IInvocationOperation { TargetMethod.Name: "Range" };

    /// <summary>foreach (var chunk in ids.Chunk(500)): each iteration handles a batch, not an element.</summary>
    private static bool IsBatchIteration(IForEachLoopOperation forEach, EfSymbols symbols)
    {
        if (OperationHelpers.Unwrap(forEach.Collection) is IInvocationOperation { TargetMethod.Name: "Chunk" or "Batch" or "Partition" or "Buffer" })
        {
            return true;
        }

        if (forEach.Locals.Length == 1)
        {
            // A chunk (T[], List<T>, ...) per iteration; a group (IGrouping) is one key, not a batch.
            var type = forEach.Locals[0].Type;
            return type.SpecialType != SpecialType.System_String && type.Name != "IGrouping" && symbols.GetElementType(type) is not null;
        }

        return false;
    }

    private static bool IsBatchingRetryOrPolling(IOperation loop, EfSymbols symbols)
    {
        if (PagesThroughAnOffset(loop))
        {
            return true;
        }

        foreach (var descendant in loop.Descendants())
        {
            switch (descendant)
            {
                case ITryOperation { Catches.Length: > 0 }:
                    return true;
                case IInvocationOperation invocation:
                {
                    var method = invocation.TargetMethod;
                    switch (method.Name)
                    {
                        case "Delay" when SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Task):
                        case "Sleep" when SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Thread):
                        case "WaitForNextTickAsync":
                            return true;
                        case "Skip" or "Take" or "TakeLast" or "SkipLast" when symbols.IsLinqOrEfQueryOperatorContainer(method.ContainingType):
                            return true;
                    }

                    break;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Offset paging through a method (jellyfin's page loops): the loop advances a local by more than one per iteration
    /// (<c>startIndex += results.Count</c>, <c>offset += Limit</c>, <c>for (..; ..; offset += size)</c>) and hands it on as
    /// an argument (<c>GetTrickplayItemsAsync(Limit, offset)</c>) or into a property (<c>new InternalItemsQuery {
    /// StartIndex = startIndex }</c>, <c>query.StartIndex = startIndex</c>): each iteration asks for the next page, the
    /// <c>Skip</c>/<c>Take</c> of the method it calls. A local advanced by one (<c>i += 1</c>) is an element index.
    /// </summary>
    private static bool PagesThroughAnOffset(IOperation loop)
    {
        HashSet<ILocalSymbol>? advanced = null;
        foreach (var descendant in loop.Descendants())
        {
            if (descendant is ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: ILocalReferenceOperation { Local: var local }, Value: var step } &&
                step.ConstantValue is not { HasValue: true, Value: 1 })
            {
                (advanced ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default)).Add(local);
            }
        }

        if (advanced is null)
        {
            return false;
        }

        foreach (var descendant in loop.Descendants())
        {
            var handedOn = descendant switch
            {
                // A call that returns something (a page, a task of one): a log line (void) that prints the offset pages nothing.
                IArgumentOperation { Parent: IInvocationOperation { TargetMethod.ReturnsVoid: false } } argument => argument.Value,
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation } assignment => assignment.Value,
                _ => null,
            };

            if (OperationHelpers.Unwrap(handedOn) is ILocalReferenceOperation { Local: var local } && advanced.Contains(local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>for (var i = a; i &lt; b; i++) with constant a and b: b - a; -1 when not constant.</summary>
    private static int GetConstantForCount(IForLoopOperation loop)
    {
        if (loop.Condition is not IBinaryOperation condition || condition.RightOperand.ConstantValue is not { HasValue: true } limit)
        {
            return -1;
        }

        var start = 0;
        foreach (var before in loop.Before)
        {
            if (before is IVariableDeclarationGroupOperation group)
            {
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        if (declarator.Initializer?.Value.ConstantValue is { HasValue: true, Value: int value })
                        {
                            start = value;
                        }
                        else
                        {
                            return -1;
                        }
                    }
                }
            }
        }

        if (limit.Value is not int end)
        {
            return -1;
        }

        return condition.OperatorKind switch
        {
            BinaryOperatorKind.LessThan => Math.Max(0, end - start),
            BinaryOperatorKind.LessThanOrEqual => Math.Max(0, end - start + 1),
            _ => -1,
        };
    }

    /// <summary>Element count of a constant collection (array/collection/list initializer, Enumerable.Range, enum values); -1 otherwise.</summary>
    public static int GetConstantCount(IOperation? source, EfSymbols symbols, int hops)
    {
        source = OperationHelpers.Unwrap(source);
        switch (source)
        {
            case null:
                return -1;
            case IArrayCreationOperation { Initializer: { } initializer }:
                return initializer.ElementValues.Length;
            case IObjectCreationOperation { Initializer: { } objectInitializer } when symbols.GetElementType(source.Type) is not null:
                return objectInitializer.Initializers.Length;
            case IInvocationOperation { TargetMethod.Name: "Range", Arguments.Length: 2 } range
                when SymbolEqualityComparer.Default.Equals(range.TargetMethod.ContainingType, symbols.Enumerable):
                return range.Arguments[1].Value.ConstantValue is { HasValue: true, Value: int count } ? count : -1;
            case IInvocationOperation { TargetMethod.Name: "GetValues" or "GetNames" } values
                when values.TargetMethod.ContainingType.SpecialType == SpecialType.System_Enum:
                return CountEnumMembers(values);
            case ILocalReferenceOperation local when hops < 3:
                return GetConstantCount(OperationHelpers.GetLocalInitializer(local), symbols, hops + 1);
            case IFieldReferenceOperation field when hops < 3 && (field.Field.IsReadOnly || field.Field.IsConst):
                return CountFieldInitializer(field.Field);
        }

        // Collection expressions ([a, b, c]) have no stable operation shape on the Roslyn versions we support.
        return source.Syntax is CollectionExpressionSyntax collection ? collection.Elements.Count : -1;
    }

    private static int CountEnumMembers(IInvocationOperation values)
    {
        ITypeSymbol? enumType = values.TargetMethod.TypeArguments.Length == 1 ? values.TargetMethod.TypeArguments[0] : null;
        if (enumType is null && values.Arguments.Length == 1 && values.Arguments[0].Value is ITypeOfOperation typeOf)
        {
            enumType = typeOf.TypeOperand;
        }

        if (enumType is not INamedTypeSymbol { TypeKind: TypeKind.Enum } named)
        {
            return -1;
        }

        var count = 0;
        foreach (var member in named.GetMembers())
        {
            if (member is IFieldSymbol { IsConst: true })
            {
                count++;
            }
        }

        return count;
    }

    private static int CountFieldInitializer(IFieldSymbol field)
    {
        if (field.DeclaringSyntaxReferences.Length != 1 ||
            field.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } value })
        {
            return -1;
        }

        return value switch
        {
            ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions.Count,
            ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions.Count,
            InitializerExpressionSyntax initializer => initializer.Expressions.Count,
            CollectionExpressionSyntax collection => collection.Elements.Count,
            BaseObjectCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions.Count,
            _ => -1,
        };
    }
}
