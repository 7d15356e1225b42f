using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Rules;

/// <summary>
/// PG0001: an EF Core round trip (query execution, Find, Load, SaveChanges, ExecuteUpdate/Delete, raw SQL)
/// executed once per iteration of a loop or of a per-element lambda, directly or through methods of the
/// compilation (helpers, local functions, lambdas, services and repositories behind interfaces).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DatabaseRoundTripInLoopAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property set when the round trip is a SaveChanges the code fix can move after the loop.</summary>
    public const string MovableSaveChangesProperty = DiagnosticProperties.MovableSaveChanges;

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.DatabaseRoundTripInLoop,
        title: "Database round trip inside a loop (N+1)",
        messageFormat: "'{0}' runs a database round trip on every iteration of the {1} (N+1); {2}",
        RuleCategories.Performance,
        DiagnosticSeverity.Warning,
        description: "An EF Core query, Find, Load, SaveChanges, ExecuteUpdate/ExecuteDelete or raw SQL command executed once per loop iteration (or per element of an in-memory LINQ, ForEach or Task.WhenAll lambda), directly or through methods of this compilation, costs one database round trip per element (N+1).");

    /// <summary>PG0001 across projects, UP direction: reported at a file of another project (<see cref="UpJoin"/>).</summary>
    internal static readonly DiagnosticDescriptor CrossProjectRule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.DatabaseRoundTripInLoop,
        title: "Database round trip inside a loop (N+1), across projects",
        messageFormat: "'{0}' runs a database round trip on every iteration of the {1} (N+1) through '{2}', implemented in another project; {3}",
        RuleCategories.Performance,
        DiagnosticSeverity.Warning,
        description: "A loop in one project calls an interface whose implementation, in a project built later, makes a database round trip. Reported by the first project that references both.",
        isEnabledByDefault: true,
        WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, CrossProjectRule);

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

            var analysis = data.GetRoundTrips(startContext.Options);
            if (UpJoin.Create(data, startContext.Options, CallSiteKind.RoundTripInLoop, CrossProjectRule, null, startContext.CancellationToken) is { } upJoin)
            {
                startContext.RegisterCompilationEndAction(upJoin);
            }

            // Not an operation action: that would make the driver bind every member of the compilation a second
            // time (the compiler's own binding is not shared) just to find the few calls inside loops.
            startContext.RegisterSyntaxNodeAction(
                syntaxContext => AnalyzeIterationSyntax(syntaxContext, analysis),
                IterationSyntax.Kinds);

            // A method group run per element (items.ForEach(Process)) or handed to a helper that loops over it.
            startContext.RegisterSyntaxNodeAction(
                syntaxContext => AnalyzeMethodGroupArgument(syntaxContext, analysis),
                Microsoft.CodeAnalysis.CSharp.SyntaxKind.Argument);
        });
    }

    /// <summary>
    /// One loop, lambda or query expression: analyses the loop itself and every call whose innermost enclosing
    /// loop, lambda or query expression it is, so each call is seen exactly once.
    /// </summary>
    private static void AnalyzeIterationSyntax(SyntaxNodeAnalysisContext context, RoundTripAnalysis analysis)
    {
        var node = context.Node;
        if (!IterationSyntax.MayOwnCalls(node) ||
            (node is AnonymousFunctionExpressionSyntax lambda && !analysis.MayRunPerElement(lambda)) ||
            context.SemanticModel.GetOperation(node, context.CancellationToken) is not { } root)
        {
            return;
        }

        if (root is IForEachLoopOperation forEach)
        {
            AnalyzeForEach(context, forEach, analysis);
        }

        foreach (var operation in root.Descendants())
        {
            if (operation is IInvocationOperation invocation &&
                ReferenceEquals(IterationSyntax.GetInnermost(invocation.Syntax), node))
            {
                AnalyzeInvocation(context, invocation, analysis);
            }
        }
    }

    /// <summary>
    /// <c>ids.ForEach(Process)</c>, <c>ids.Select(LoadAsync)</c>, <c>LoadAll(ids, LoadOrder)</c>: a method of this
    /// type (or a local function) passed as a delegate that runs once per element. Only arguments that name such a
    /// method are bound: the syntax check (a plain or <c>this.</c> name declared as a method in the enclosing type
    /// or member) keeps every other argument unbound.
    /// </summary>
    private static void AnalyzeMethodGroupArgument(SyntaxNodeAnalysisContext context, RoundTripAnalysis analysis)
    {
        if (context.Node is not Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax { Parent.Parent: Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax } syntax ||
            !MethodGroupSyntax.MayNameMethod(syntax.Expression) ||
            context.SemanticModel.GetOperation(syntax, context.CancellationToken) is not IArgumentOperation argument ||
            OperationHelpers.Strip(argument.Value) is not IDelegateCreationOperation { Target: IMethodReferenceOperation reference } ||
            argument.Parent is not IInvocationOperation call)
        {
            return;
        }

        var options = analysis.GetOptions(syntax.SyntaxTree);
        var loop = LoopContext.ForMethodGroup(call, analysis.Symbols);
        string? description;
        if (!loop.IsNone)
        {
            loop = loop.Resolve(call, options.SmallLoopBound, analysis.Symbols);
            description = loop.IsNone ? null : loop.Description;
        }
        else
        {
            description = analysis.FindLoopInvokingArgument(argument, context.CancellationToken) is { } helperLoop
                ? helperLoop + ", which calls this method"
                : null;
        }

        if (description is null || analysis.SummarizeDelegateTarget(reference.Method, context.CancellationToken) is not { } chain)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, syntax.Expression.GetLocation(), chain, description, Advice(chain)));
    }

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context, IInvocationOperation invocation, RoundTripAnalysis analysis)
    {
        // Cheapest test first: most calls are not in a loop or per-element lambda (a walk up the parents).
        var loop = LoopContext.Find(invocation, analysis.Symbols);
        string? description = null;
        if (loop.IsNone)
        {
            // A lambda handed to a helper that calls it once per iteration of its own loop.
            description = analysis.FindLoopInvokingLambda(invocation, context.CancellationToken);
            if (description is null)
            {
                return;
            }
        }

        var options = analysis.GetOptions(invocation.Syntax.SyntaxTree);
        var name = analysis.ClassifyDirect(invocation, options);
        if (name is null && !analysis.IsFollowable(invocation.TargetMethod))
        {
            return;
        }

        // The loop that really repeats the call: none on a path that returns out of the loop, the loop around a
        // small constant loop, none for batching, retry and probing loops.
        if (description is null)
        {
            loop = loop.Resolve(invocation, options.SmallLoopBound, analysis.Symbols);
            if (loop.IsNone)
            {
                return;
            }

            description = loop.Description;
        }

        var chain = name ?? analysis.FindCalleeChain(invocation, context.CancellationToken);
        if (chain is null)
        {
            return;
        }

        var properties = name is "SaveChanges" or "SaveChangesAsync" && !loop.IsNone && IsMovableSaveChanges(invocation, loop, analysis, options)
            ? ImmutableDictionary<string, string?>.Empty.Add(MovableSaveChangesProperty, "true")
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), properties, chain, description, Advice(chain)));
    }

    /// <summary>foreach over an EF query (not a materialised list) nested in another loop: one query per outer iteration.</summary>
    private static void AnalyzeForEach(SyntaxNodeAnalysisContext context, IForEachLoopOperation forEach, RoundTripAnalysis analysis)
    {
        if (!QueryProvenance.IsDatabaseQuery(forEach.Collection, analysis.Symbols))
        {
            return;
        }

        var options = analysis.GetOptions(forEach.Syntax.SyntaxTree);
        var loop = LoopContext.Find(forEach, analysis.Symbols).Resolve(forEach, options.SmallLoopBound, analysis.Symbols);
        if (loop.IsNone)
        {
            return;
        }

        var collection = OperationHelpers.Unwrap(forEach.Collection) ?? forEach.Collection;
        var name = forEach.IsAsynchronous ? "await foreach over an EF query" : "foreach over an EF query";
        context.ReportDiagnostic(Diagnostic.Create(Rule, collection.Syntax.GetLocation(), name, loop.Description, LoadOnceAdvice));
    }

    private const string LoadOnceAdvice = "load the rows once before it";

    /// <summary>The message's advice for the round trip a chain ends in ("Save -> SaveChangesAsync"): a write is not a load.</summary>
    internal static string Advice(string chain)
    {
        var separator = chain.LastIndexOf("-> ", System.StringComparison.Ordinal);
        var last = separator < 0 ? chain : chain.Substring(separator + 3);
        return last switch
        {
            "SaveChanges" or "SaveChangesAsync" => "change the entities in the loop and save once after it",
            "ExecuteUpdate" or "ExecuteUpdateAsync" or "ExecuteDelete" or "ExecuteDeleteAsync" =>
                "run one " + last + " over all the rows (Where(x => ids.Contains(x.Id))) instead",
            _ when last.StartsWith("ExecuteSql", System.StringComparison.Ordinal) => "send one set-based command for all the rows instead",
            _ => LoadOnceAdvice,
        };
    }

    /// <summary>
    /// SaveChanges is the last statement of a loop body that otherwise only adds or updates tracked entities
    /// (no other round trip), and nothing reads its result: saving once after the loop is equivalent.
    /// </summary>
    private static bool IsMovableSaveChanges(IInvocationOperation invocation, LoopContext loop, RoundTripAnalysis analysis, RoundTripOptions options)
    {
        if (loop.Kind is IterationKind.None or IterationKind.PerElementLambda)
        {
            return false;
        }

        IOperation current = invocation;
        while (current.Parent is IAwaitOperation or IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } or IConversionOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is not IExpressionStatementOperation statement || statement.Parent is not IBlockOperation block ||
            block.Operations.Length == 0 || !ReferenceEquals(block.Operations[block.Operations.Length - 1], statement))
        {
            return false;
        }

        var body = loop.Loop switch
        {
            ILoopOperation loopOperation => loopOperation.Body,
            _ => null,
        };
        if (!ReferenceEquals(body, block))
        {
            return false;
        }

        foreach (var descendant in block.Descendants())
        {
            if (descendant is IInvocationOperation other && !ReferenceEquals(other, invocation) &&
                analysis.ClassifyDirect(other, options) is not null)
            {
                return false;
            }

            if (descendant is IBranchOperation or IReturnOperation)
            {
                return false;
            }
        }

        return true;
    }
}
