using System.Collections.Immutable;
using System.Reflection;
using AssetAnchor.PerfGuard.Analyzers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AssetAnchor.PerfGuard.SelfBenchmarks;

/// <summary>
/// What PerfGuard's analyzers add to a build: compiler + analyzer diagnostics of a generated 300+ file EF Core
/// application with every PerfGuard analyzer (found by reflection, so rules added later are included) against the
/// same run with an analyzer that does nothing. Each operation analyses a fresh clone of the compilation, so no
/// bound state carries over. GlobalSetup checks the diagnostics per rule against what the generator planted and
/// throws on any difference, so a broken analyzer cannot look fast.
/// Target: PerfGuard / Empty &lt;= 1.10.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 6, iterationCount: 20)]
public class AnalyzerCostBenchmarks
{
    private CSharpCompilation compilation = null!;
    private ImmutableArray<DiagnosticAnalyzer> perfGuardAnalyzers;
    private ImmutableArray<DiagnosticAnalyzer> emptyAnalyzer;

    public int FileCount { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var project = AnalyzerCostProjectGenerator.Generate();
        FileCount = project.Files.Count;
        if (FileCount < 300)
        {
            throw new InvalidOperationException($"The generated project has {FileCount} files; the benchmark needs at least 300.");
        }

        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = project.Files.Select(f => CSharpSyntaxTree.ParseText(f.Source, parseOptions, path: f.Path)).ToArray();
        compilation = CSharpCompilation.Create(
            "Generated.App",
            trees,
            LoadReferences(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The generated project does not compile:\n" + string.Join("\n", errors));
        }

        perfGuardAnalyzers = typeof(RuleIdentifiers).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        emptyAnalyzer = ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer());

        var diagnostics = Analyze(perfGuardAnalyzers).GetAwaiter().GetResult();
        foreach (var (id, count) in project.ExpectedDiagnostics)
        {
            var actual = diagnostics.Count(d => d.Id == id);
            if (actual != count)
            {
                throw new InvalidOperationException(
                    $"{id}: expected {count} diagnostics on the generated project, got {actual}:\n" +
                    string.Join("\n", diagnostics.Where(d => d.Id == id).Take(10)));
            }
        }

        var crashes = diagnostics.Where(d => d.Id == "AD0001").ToList();
        if (crashes.Count > 0)
        {
            throw new InvalidOperationException("An analyzer crashed:\n" + string.Join("\n", crashes));
        }

        Console.WriteLine($"// Generated {FileCount} files; PerfGuard analyzers: {perfGuardAnalyzers.Length}; diagnostics: " +
            string.Join(", ", diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}")));
        PrintTelemetry();
    }

    /// <summary>
    /// Where the time goes, per analyzer: callback time summed over threads (so not comparable with the wall-clock
    /// medians) and what each one registers on this compilation. One extra run, before the measured iterations.
    /// </summary>
    private void PrintTelemetry()
    {
        var withTelemetry = compilation.Clone().WithAnalyzers(
            perfGuardAnalyzers,
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: null,
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false));
        var result = withTelemetry.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
        foreach (var analyzer in perfGuardAnalyzers)
        {
            var info = result.AnalyzerTelemetryInfo[analyzer];
            Console.WriteLine(
                $"// Telemetry {analyzer.GetType().Name}: {info.ExecutionTime.TotalMilliseconds:F0} ms; " +
                $"operation actions {info.OperationActionsCount}, syntax node actions {info.SyntaxNodeActionsCount}, " +
                $"symbol actions {info.SymbolActionsCount}, compilation end actions {info.CompilationEndActionsCount}");
        }
    }

    [Benchmark(Baseline = true, Description = "Compiler + empty analyzer")]
    public Task<ImmutableArray<Diagnostic>> CompilerOnly() => Analyze(emptyAnalyzer);

    [Benchmark(Description = "Compiler + PerfGuard analyzers")]
    public Task<ImmutableArray<Diagnostic>> WithPerfGuard() => Analyze(perfGuardAnalyzers);

    private Task<ImmutableArray<Diagnostic>> Analyze(ImmutableArray<DiagnosticAnalyzer> analyzers) =>
        compilation.Clone()
            .WithAnalyzers(analyzers, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty))
            .GetAllDiagnosticsAsync();

    private static MetadataReference[] LoadReferences()
    {
        var trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")
            ?? throw new InvalidOperationException("The host exposes no trusted platform assemblies.");
        return trusted.Split(Path.PathSeparator)
            .Where(path =>
            {
                var name = Path.GetFileNameWithoutExtension(path);
                return name is "System" or "mscorlib" or "netstandard" ||
                       name.StartsWith("System.", StringComparison.Ordinal) ||
                       name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) ||
                       name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal);
            })
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    }

    // The baseline analyzer lives only in this benchmark process; it is never loaded by a compiler.
#pragma warning disable RS1041, RS1036, RS2008, RS1012

    /// <summary>The baseline: the analyzer driver runs, the analyzer does nothing.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EmptyAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new(
            "EMPTY0001", "Empty", "Empty", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(static _ => { });
        }
    }
#pragma warning restore RS1041, RS1036, RS2008, RS1012
}
