using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;

/// <summary>Every analyzer the product ships, found by reflection so a new rule is covered by the meta tests at once.</summary>
internal static class PerfGuardAnalyzers
{
    public static IEnumerable<Type> Types() =>
        typeof(RuleIdentifiers).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null);

    public static ImmutableArray<DiagnosticAnalyzer> CreateAll() =>
        Types().Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();
}
