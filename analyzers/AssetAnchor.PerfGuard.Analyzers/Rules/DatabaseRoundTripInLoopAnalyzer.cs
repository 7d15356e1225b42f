using System.Collections.Generic;
using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Rules;

/// <summary>PG0001: an EF Core query executed once per iteration of a loop (N+1).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DatabaseRoundTripInLoopAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.DatabaseRoundTripInLoop,
        title: "Database round trip inside a loop (N+1)",
        messageFormat: "'{0}' runs a database round trip on every iteration of the loop; load the rows once before the loop",
        RuleCategories.Performance,
        DiagnosticSeverity.Warning,
        description: "An EF Core query, Find, Load or SaveChanges executed once per loop iteration costs one database round trip per element (N+1).");

    // Operators that execute the query they are called on; everything else only composes it.
    private static readonly HashSet<string> ExecutingOperators = new()
    {
        "ToList", "ToArray", "ToDictionary", "ToHashSet", "ToLookup",
        "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault",
        "Any", "All", "Count", "LongCount", "Sum", "Min", "Max", "Average", "Contains",
        "ToListAsync", "ToArrayAsync", "ToDictionaryAsync", "ToHashSetAsync",
        "FirstAsync", "FirstOrDefaultAsync", "SingleAsync", "SingleOrDefaultAsync", "LastAsync", "LastOrDefaultAsync",
        "AnyAsync", "AllAsync", "CountAsync", "LongCountAsync", "SumAsync", "MinAsync", "MaxAsync", "AverageAsync",
        "ContainsAsync",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static startContext =>
        {
            var symbols = EfSymbols.TryCreate(startContext.Compilation);
            if (symbols is null)
            {
                return;
            }

            startContext.RegisterOperationAction(
                operationContext => AnalyzeInvocation(operationContext, symbols),
                OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, EfSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!ExecutingOperators.Contains(method.Name) || !method.IsExtensionMethod || invocation.Arguments.Length == 0)
        {
            return;
        }

        if (!QueryProvenance.IsDatabaseQuery(invocation.Arguments[0].Value, symbols) || !IsInsideLoopBody(invocation))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), method.Name));
    }

    private static bool IsInsideLoopBody(IOperation operation)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IForEachLoopOperation forEach)
            {
                // The loop's own source runs once; only the body runs per element.
                return !ReferenceEquals(child, forEach.Collection);
            }

            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }
}
