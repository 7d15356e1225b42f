using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>Where the path after an operation inside a loop body goes, when it is certain to leave the loop.</summary>
internal enum LoopExit
{
    /// <summary>Not proven to leave: the path may reach the next iteration.</summary>
    None,

    /// <summary>Every path breaks out of this loop (the loops around it may run it again).</summary>
    Loop,

    /// <summary>Every path returns or throws out of the method: it runs at most once.</summary>
    Method,
}

/// <summary>
/// Control flow inside one loop body, read from the operation tree (no ControlFlowGraph: the rules need only a few
/// structured facts and must not build a graph per method): whether a call is on a path that always leaves the loop,
/// and whether a round trip is the exit test of a loop that has no bound of its own.
/// </summary>
internal static class LoopPaths
{
    private const int MaxDepth = 64;

    /// <summary>
    /// <see cref="LoopExit.Method"/> when every path from <paramref name="operation"/> returns or throws before the
    /// next iteration (<c>return BadRequest(await Translate(..))</c>, <c>await CommitAsync(); return 0;</c>);
    /// <see cref="LoopExit.Loop"/> when some of them break instead (a loop whose body always ends in <c>break</c> runs
    /// once); <see cref="LoopExit.None"/> when a path may continue, jump with <c>goto</c>, or be caught and retried.
    /// </summary>
    public static LoopExit GetExitAfter(IOperation operation, IOperation loopOperation)
    {
        if (loopOperation is not ILoopOperation loop)
        {
            return LoopExit.None;
        }

        if (IsInCatchingTry(operation, loop))
        {
            // A throw (or a failing round trip) may be caught inside the loop, which then goes on.
            return LoopExit.None;
        }

        var current = operation;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var parent = current.Parent;
            if (parent is null || ReferenceEquals(parent, loop))
            {
                // The end of the body: the next iteration.
                return LoopExit.None;
            }

            switch (parent)
            {
                case IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak }:
                case IThrowOperation:
                    return LoopExit.Method;
                case IAnonymousFunctionOperation or ILocalFunctionOperation or IMethodBodyOperation:
                    return LoopExit.None;
                case IBlockOperation block:
                {
                    var exit = ScanFollowing(block.Operations, IndexOf(block.Operations, current) + 1, loop, out var fallsThrough);
                    if (!fallsThrough)
                    {
                        return exit;
                    }

                    break;
                }

                case ISwitchCaseOperation section:
                {
                    var exit = ScanFollowing(section.Body, IndexOf(section.Body, current) + 1, loop, out var fallsThrough);
                    if (!fallsThrough)
                    {
                        return exit;
                    }

                    break;
                }

                case IConditionalOperation or ISwitchOperation or ILoopOperation:
                    // The rest of an if, a switch or an inner loop runs after the call: it must not continue this loop.
                    if (ContainsJumpBack(parent, loop))
                    {
                        return LoopExit.None;
                    }

                    break;
            }

            current = parent;
        }

        return LoopExit.None;
    }

    /// <summary>
    /// A flush of what the loop accumulated (jellyfin's migrations, <c>if (processedInPartition &gt;= Limit) { await
    /// context.SaveChangesAsync(); processedInPartition = 0; }</c>, or <c>if (pending.Count &gt;= BatchSize) { Resolve(pending);
    /// pending.Clear(); }</c>): the round trip sits in the branch of a test of a counter or of a list's <c>Count</c> against a
    /// batch size, and the branch resets it (<c>= 0</c>, <c>Clear()</c>, a new list). It runs once per batch of elements,
    /// not per element.
    /// </summary>
    public static bool IsFlushOfAccumulatedBatch(IOperation operation, IOperation loopOperation)
    {
        var current = operation;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var parent = current.Parent;
            if (parent is null || ReferenceEquals(parent, loopOperation) || parent is IAnonymousFunctionOperation)
            {
                return false;
            }

            if (parent is IConditionalOperation { Condition: IBinaryOperation { OperatorKind: BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.Equals } test } branch &&
                ReferenceEquals(current, branch.WhenTrue) && IsBatchSize(test.RightOperand) && AccumulatorOf(test.LeftOperand) is { } accumulator &&
                Resets(branch.WhenTrue, accumulator))
            {
                return true;
            }

            current = parent;
        }

        return false;
    }

    /// <summary>
    /// A batch's size: a named value (<c>Limit</c>, <c>BatchSize</c>, a setting) or a constant of at least 10. <c>Count &gt; 1</c>
    /// or <c>&gt;= 2</c> flushes every other element: as many round trips as elements, halved.
    /// </summary>
    private static bool IsBatchSize(IOperation threshold) =>
        threshold.ConstantValue is not { HasValue: true, Value: var value } || (value is int size && size >= 10);

    /// <summary>The counter (a local) or the list (a local or field whose <c>Count</c> is tested) a flush test reads.</summary>
    private static ISymbol? AccumulatorOf(IOperation tested) => tested switch
    {
        ILocalReferenceOperation local => local.Local,
        IPropertyReferenceOperation { Property.Name: "Count", Instance: ILocalReferenceOperation list } => list.Local,
        IPropertyReferenceOperation { Property.Name: "Count", Instance: IFieldReferenceOperation list } => list.Field,
        _ => null,
    };

    /// <summary><c>counter = 0</c>, <c>list.Clear()</c> or <c>list = new ..</c> inside the branch.</summary>
    private static bool Resets(IOperation branch, ISymbol accumulator)
    {
        foreach (var operation in branch.DescendantsAndSelf())
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: var target, Value: var value } when SymbolEqualityComparer.Default.Equals(OperationHelpers.HeldIn(target), accumulator) &&
                    (value.ConstantValue is { HasValue: true, Value: 0 } || OperationHelpers.Strip(value) is IObjectCreationOperation || value.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CollectionExpressionSyntax):
                case IInvocationOperation { TargetMethod.Name: "Clear", Instance: var instance } when SymbolEqualityComparer.Default.Equals(OperationHelpers.HeldIn(instance), accumulator):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// In a loop without a bound of its own (<c>while (true)</c>, <c>for (;;)</c>, <c>do .. while (true)</c>), or a loop
    /// whose own condition reads the round trip's answer: the round trip decides whether the loop ends (an
    /// <c>if</c> on it, or on the local it was stored in, leaves the loop). Such a loop probes (a free slug, a write
    /// that succeeds); its iteration count is the number of failed tries, not the size of a set that could be
    /// loaded at once.
    /// </summary>
    public static bool IsExitTestOfUnboundedLoop(IOperation operation, IOperation loopOperation)
    {
        if (loopOperation is not ILoopOperation loop || loop is IForEachLoopOperation)
        {
            return false;
        }

        var condition = loop switch
        {
            IWhileLoopOperation whileLoop => whileLoop.Condition,
            IForLoopOperation forLoop => forLoop.Condition,
            _ => null,
        };
        var unbounded = condition is null || condition.ConstantValue is { HasValue: true, Value: true };

        ILocalSymbol? result = null;
        var current = operation;
        for (var depth = 0; depth < MaxDepth && result is null; depth++)
        {
            var parent = current.Parent;
            if (parent is null || ReferenceEquals(parent, loop) || parent is IBlockOperation or IAnonymousFunctionOperation)
            {
                return false;
            }

            switch (parent)
            {
                case IConditionalOperation branch when ReferenceEquals(current, branch.Condition):
                    return unbounded && LeavesLoop(branch, loop);
                case IVariableDeclaratorOperation declarator:
                    result = declarator.Symbol;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target }:
                    result = target.Local;
                    break;
            }

            current = parent;
        }

        if (result is null)
        {
            return false;
        }

        if (condition is not null && ReadsLocal(condition, result))
        {
            return true;
        }

        if (!unbounded || loop.Body is null)
        {
            return false;
        }

        foreach (var descendant in loop.Body.Descendants())
        {
            if (descendant is IConditionalOperation { Condition: { } test } branch && ReadsLocal(test, result) && LeavesLoop(branch, loop))
            {
                return true;
            }
        }

        return false;
    }

    private static bool LeavesLoop(IConditionalOperation branch, ILoopOperation loop) =>
        ContainsExit(branch.WhenTrue, loop) || ContainsExit(branch.WhenFalse, loop);

    private static bool ContainsExit(IOperation? operation, ILoopOperation loop)
    {
        if (operation is null)
        {
            return false;
        }

        if (IsExit(operation, loop))
        {
            return true;
        }

        foreach (var descendant in operation.Descendants())
        {
            if (IsExit(descendant, loop))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsExit(IOperation operation, ILoopOperation loop) => operation switch
    {
        IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak } => true,
        IThrowOperation => true,
        IBranchOperation { BranchKind: BranchKind.Break } branch => SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel),
        _ => false,
    };

    private static bool ReadsLocal(IOperation operation, ILocalSymbol local)
    {
        if (operation is ILocalReferenceOperation self && SymbolEqualityComparer.Default.Equals(self.Local, local))
        {
            return true;
        }

        foreach (var descendant in operation.Descendants())
        {
            if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The statements after a call, in order: the first that always leaves the loop decides; a <c>continue</c> or
    /// <c>goto</c> among them means not proven. <paramref name="fallsThrough"/> is true when control reaches the end
    /// of the list (or a switch's break), so the construct around it decides.
    /// </summary>
    private static LoopExit ScanFollowing(ImmutableArray<IOperation> statements, int start, ILoopOperation loop, out bool fallsThrough)
    {
        fallsThrough = false;
        if (start <= 0)
        {
            return LoopExit.None;
        }

        var mayBreak = false;
        for (var i = start; i < statements.Length; i++)
        {
            var statement = statements[i];
            if (ContainsJumpBack(statement, loop))
            {
                return LoopExit.None;
            }

            if (statement is IBranchOperation { BranchKind: BranchKind.Break } switchBreak &&
                !SymbolEqualityComparer.Default.Equals(switchBreak.Target, loop.ExitLabel))
            {
                // The break of a switch inside the loop: control goes on after the switch.
                fallsThrough = true;
                return LoopExit.None;
            }

            var exit = AlwaysExits(statement, loop);
            if (exit != LoopExit.None)
            {
                return mayBreak ? LoopExit.Loop : exit;
            }

            mayBreak |= ContainsBreakOf(statement, loop);
        }

        fallsThrough = true;
        return LoopExit.None;
    }

    private static LoopExit AlwaysExits(IOperation statement, ILoopOperation loop)
    {
        switch (statement)
        {
            case IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak }:
            case IThrowOperation:
            case IExpressionStatementOperation { Operation: IThrowOperation }:
                return LoopExit.Method;
            case IBranchOperation { BranchKind: BranchKind.Break } branch when SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel):
                return LoopExit.Loop;
            case IBlockOperation block:
                return ScanAll(block.Operations, loop);
            case IConditionalOperation { WhenFalse: { } whenFalse } branch:
            {
                var first = AlwaysExits(branch.WhenTrue, loop);
                var second = first == LoopExit.None ? LoopExit.None : AlwaysExits(whenFalse, loop);
                if (first == LoopExit.None || second == LoopExit.None)
                {
                    return LoopExit.None;
                }

                return first == LoopExit.Loop || second == LoopExit.Loop ? LoopExit.Loop : LoopExit.Method;
            }

            default:
                return LoopExit.None;
        }
    }

    /// <summary>A whole statement list, from its first statement.</summary>
    private static LoopExit ScanAll(ImmutableArray<IOperation> statements, ILoopOperation loop)
    {
        var mayBreak = false;
        foreach (var statement in statements)
        {
            if (ContainsJumpBack(statement, loop))
            {
                return LoopExit.None;
            }

            var exit = AlwaysExits(statement, loop);
            if (exit != LoopExit.None)
            {
                return mayBreak ? LoopExit.Loop : exit;
            }

            mayBreak |= ContainsBreakOf(statement, loop);
        }

        return LoopExit.None;
    }

    /// <summary>A <c>continue</c> of this loop or any <c>goto</c>: the path may come back for another iteration.</summary>
    private static bool ContainsJumpBack(IOperation operation, ILoopOperation loop)
    {
        if (IsJumpBack(operation, loop))
        {
            return true;
        }

        foreach (var descendant in operation.Descendants())
        {
            if (IsJumpBack(descendant, loop))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsJumpBack(IOperation operation, ILoopOperation loop) => operation is IBranchOperation branch &&
        (branch.BranchKind == BranchKind.GoTo ||
         (branch.BranchKind == BranchKind.Continue && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ContinueLabel)));

    private static bool ContainsBreakOf(IOperation operation, ILoopOperation loop)
    {
        foreach (var descendant in operation.Descendants())
        {
            if (descendant is IBranchOperation { BranchKind: BranchKind.Break } branch &&
                SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInCatchingTry(IOperation operation, ILoopOperation loop)
    {
        var current = operation;
        for (var depth = 0; depth < MaxDepth && current.Parent is { } parent && !ReferenceEquals(parent, loop); depth++)
        {
            if (parent is ITryOperation { Catches.Length: > 0 } tryOperation && ReferenceEquals(current, tryOperation.Body))
            {
                return true;
            }

            current = parent;
        }

        return false;
    }

    private static int IndexOf(ImmutableArray<IOperation> operations, IOperation operation)
    {
        for (var i = 0; i < operations.Length; i++)
        {
            if (ReferenceEquals(operations[i], operation))
            {
                return i;
            }
        }

        return -1;
    }
}
