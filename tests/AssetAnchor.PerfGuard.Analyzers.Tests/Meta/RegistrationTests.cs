using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Meta;

/// <summary>
/// DESIGN: "resolve EF/ASP.NET symbols once per compilation and register nothing when they are absent". A project
/// without EF Core must pay for nothing but the compilation-start callback.
/// </summary>
public sealed class RegistrationTests
{
    private const string LoopyCode = """
        using System.Collections.Generic;
        using System.Linq;

        public class Report
        {
            public int Total(List<List<int>> rows)
            {
                var total = 0;
                foreach (var row in rows)
                {
                    total += row.AsQueryable().Where(x => x > 0).Count();
                }
                return total;
            }
        }
        """;

    [Fact]
    public async Task WithoutEfCore_NoAnalyzerRegistersAnyPerNodeAction()
    {
        var withoutEf = TestReferences.All.Where(r => !Path.GetFileName(r.Display ?? "").StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));

        var telemetry = await TelemetryAsync(withoutEf);

        foreach (var (analyzer, info) in telemetry)
        {
            var perNode = info.OperationActionsCount + info.OperationBlockActionsCount + info.OperationBlockStartActionsCount +
                info.SyntaxNodeActionsCount + info.SymbolActionsCount + info.SemanticModelActionsCount + info.SyntaxTreeActionsCount +
                info.CodeBlockActionsCount + info.CodeBlockStartActionsCount + info.CompilationEndActionsCount;
            Assert.True(perNode == 0, $"{analyzer.GetType().Name} registered {perNode} actions in a compilation without EF Core");
        }
    }

    [Fact]
    public async Task WithEfCore_EveryAnalyzerRegistersItsActions()
    {
        // The other half of the proof: the same count is not zero when EF Core is referenced.
        var telemetry = await TelemetryAsync(TestReferences.All);

        Assert.All(telemetry, pair => Assert.True(
            pair.Value.OperationActionsCount + pair.Value.OperationBlockStartActionsCount + pair.Value.SymbolActionsCount +
            pair.Value.SyntaxNodeActionsCount + pair.Value.OperationBlockActionsCount > 0,
            $"{pair.Key.GetType().Name} registered nothing although EF Core is referenced"));
    }

    private static async Task<ImmutableDictionary<DiagnosticAnalyzer, AnalyzerTelemetryInfo>> TelemetryAsync(IEnumerable<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(
            "Registration",
            new[] { CSharpSyntaxTree.ParseText(LoopyCode) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true);
        var analyzers = PerfGuardAnalyzers.CreateAll();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        _ = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        var telemetry = ImmutableDictionary.CreateBuilder<DiagnosticAnalyzer, AnalyzerTelemetryInfo>();
        foreach (var analyzer in analyzers)
        {
            telemetry.Add(analyzer, await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None));
        }

        return telemetry.ToImmutable();
    }
}
