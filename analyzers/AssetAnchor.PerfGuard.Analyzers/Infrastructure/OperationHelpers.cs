using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>Small, allocation-light helpers over IOperation trees shared by the rules.</summary>
internal static class OperationHelpers
{
    /// <summary>
    /// The one strip-wrappers helper: conversions, parentheses and query-expression translations
    /// (<c>from p in db.Properties select p</c> is its method calls), and with <paramref name="throughAwait"/> awaits and
    /// ConfigureAwait too. Never null for a non-null operation.
    /// </summary>
    public static IOperation Strip(IOperation operation, bool throughAwait = false)
    {
        for (var depth = 0; depth < 32; depth++)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                case ITranslatedQueryOperation query:
                    operation = query.Operation;
                    break;
                case IAwaitOperation awaited when throughAwait:
                    operation = awaited.Operation;
                    break;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } awaitable } when throughAwait:
                    operation = awaitable;
                    break;
                default:
                    return operation;
            }
        }

        return operation;
    }

    /// <summary>The field, property or local an operation reads (<c>_pending</c>, <c>Queries</c>, <c>batch</c>); null for anything else.</summary>
    public static ISymbol? HeldIn(IOperation? operation) => operation switch
    {
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        ILocalReferenceOperation local => local.Local,
        _ => null,
    };

    /// <summary>What an await waits for: <c>task</c> in <c>await task.ConfigureAwait(false)</c> as in <c>await task</c>.</summary>
    public static IOperation AwaitedTask(IAwaitOperation awaited) =>
        awaited.Operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } task } ? task : awaited.Operation;

    /// <summary>Strips conversions, parentheses, query translations and awaits (<see cref="Strip"/> through awaits).</summary>
    public static IOperation? Unwrap(IOperation? operation) => operation is null ? null : Strip(operation, throughAwait: true);

    /// <summary>The lambda behind a delegate argument (through conversions, delegate creations and parentheses), or null.</summary>
    public static IAnonymousFunctionOperation? AsLambda(IOperation value)
    {
        var current = value;
        while (current is IConversionOperation or IDelegateCreationOperation or IParenthesizedOperation)
        {
            current = current switch
            {
                IConversionOperation conversion => conversion.Operand,
                IDelegateCreationOperation creation => creation.Target,
                _ => ((IParenthesizedOperation)current).Operand,
            };
        }

        return current as IAnonymousFunctionOperation;
    }

    /// <summary>
    /// The initializer of a local declared with one (<c>var q = ...</c>) in the same tree; null for foreach
    /// variables, out variables, locals without initializer, and locals assigned again later in their method.
    /// </summary>
    public static IOperation? GetLocalInitializer(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        var model = reference.SemanticModel;
        if (model is null || local.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var syntaxReference = local.DeclaringSyntaxReferences[0];
        if (syntaxReference.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        if (syntaxReference.GetSyntax() is not VariableDeclaratorSyntax { Initializer: not null } declarator)
        {
            return null;
        }

        if (model.GetOperation(declarator) is not IVariableDeclaratorOperation { Initializer: not null } operation)
        {
            return null;
        }

        return IsReassigned(local, operation) ? null : operation.Initializer.Value;
    }

    /// <summary>The foreach loop that declares a local as its iteration variable, if the reference is inside it.</summary>
    public static IForEachLoopOperation? GetDeclaringForEach(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        for (var parent = reference.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IForEachLoopOperation forEach)
            {
                foreach (var declared in forEach.Locals)
                {
                    if (SymbolEqualityComparer.Default.Equals(declared, local))
                    {
                        return forEach;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>For <c>x?.Nav</c>: the operation <c>x</c> that the conditional-access placeholder stands for.</summary>
    public static IOperation? GetConditionalAccessReceiver(IConditionalAccessInstanceOperation instance)
    {
        IOperation child = instance;
        for (var parent = instance.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalAccessOperation access && ReferenceEquals(access.WhenNotNull, child))
            {
                return access.Operation;
            }
        }

        return null;
    }

    /// <summary>The root of the operation tree the operation belongs to (method body, field initializer, ...).</summary>
    /// <summary>The first parent that is not a conversion or parentheses: the operation that consumes this value.</summary>
    public static IOperation? GetConsumer(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent;
    }

    public static IOperation GetRoot(IOperation operation)
    {
        var current = operation;
        while (current.Parent is not null)
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>
    /// The locals of a body that are assigned after their declaration (or passed by ref/out), computed once per body:
    /// walking the whole body for every local read made large methods quadratic (PG0002/PG0003 spent minutes on
    /// one real 800-file project).
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IOperation, System.Collections.Generic.HashSet<ISymbol>> ReassignedByBody = new();

    private static bool IsReassigned(ILocalSymbol local, IOperation declarator) =>
        ReassignedByBody.GetValue(GetRoot(declarator), CollectReassigned).Contains(local);

    /// <summary>
    /// True when the method assigns its parameter (<c>query = query.Include(..)</c> under a condition): the value at a
    /// return is then not the caller's argument.
    /// </summary>
    public static bool IsReassigned(IParameterReferenceOperation reference) =>
        ReassignedByBody.GetValue(GetRoot(reference), CollectReassigned).Contains(reference.Parameter);

    private static System.Collections.Generic.HashSet<ISymbol> CollectReassigned(IOperation root)
    {
        var reassigned = new System.Collections.Generic.HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var descendant in root.Descendants())
        {
            switch (descendant)
            {
                case IAssignmentOperation { Target: ILocalReferenceOperation target }:
                    reassigned.Add(target.Local);
                    break;
                case IAssignmentOperation { Target: IParameterReferenceOperation target }:
                    reassigned.Add(target.Parameter);
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation argument }:
                    reassigned.Add(argument.Local);
                    break;
            }
        }

        return reassigned;
    }
}
