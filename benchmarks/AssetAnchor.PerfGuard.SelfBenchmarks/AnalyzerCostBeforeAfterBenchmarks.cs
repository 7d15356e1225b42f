using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using AssetAnchor.PerfGuard.Analyzers;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Engines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AssetAnchor.PerfGuard.SelfBenchmarks;

/// <summary>
/// Before/after in one run: the same generated 300+ file EF Core application analysed by this build's analyzers and
/// by a baseline build of the analyzer assembly (path in PERFGUARD_BASELINE_ANALYZERS, loaded into its own load
/// context), plus this build's analyzers with the cross-project summary generator run first (what a project pays to
/// record its summary). Both analyzer sets must give the diagnostics the generator planted, or setup throws.
/// </summary>
/// <remarks>
/// In process (both analyzer builds must load into one process) with a long timeout: one operation takes seconds, and
/// under load more than the in-process toolchain's default allows.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(InProcessLongRunConfig))]
public class AnalyzerCostBeforeAfterBenchmarks
{
    public const string BaselineVariable = "PERFGUARD_BASELINE_ANALYZERS";

    private CSharpCompilation compilation = null!;
    private ImmutableArray<DiagnosticAnalyzer> current;
    private ImmutableArray<DiagnosticAnalyzer> baseline;
    private IIncrementalGenerator currentGenerator = null!;
    private IIncrementalGenerator baselineGenerator = null!;
    private Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider emptyOptions = null!;

    [GlobalSetup]
    public void Setup()
    {
        var baselinePath = Environment.GetEnvironmentVariable(BaselineVariable);
        if (string.IsNullOrEmpty(baselinePath) || !File.Exists(baselinePath))
        {
            throw new InvalidOperationException($"Set {BaselineVariable} to the baseline AssetAnchor.PerfGuard.Analyzers.dll (for example main's build).");
        }

        var project = AnalyzerCostProjectGenerator.Generate();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        compilation = CSharpCompilation.Create(
            "Generated.App",
            project.Files.Select(f => CSharpSyntaxTree.ParseText(f.Source, parseOptions, path: f.Path)),
            AnalyzerCostReferences.Load(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        current = Create(typeof(RuleIdentifiers).Assembly);
        var baselineAssembly = new BaselineLoadContext().LoadFromAssemblyPath(Path.GetFullPath(baselinePath));
        baseline = Create(baselineAssembly);
        currentGenerator = new DataAccessSummaryGenerator();
        baselineGenerator = (IIncrementalGenerator)Activator.CreateInstance(
            baselineAssembly.GetType(typeof(DataAccessSummaryGenerator).FullName!, throwOnError: true)!)!;
        emptyOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty).AnalyzerConfigOptionsProvider;
        foreach (var (name, analyzers) in new[] { ("current", current), ("baseline", baseline) })
        {
            var diagnostics = Analyze(compilation, analyzers).GetAwaiter().GetResult();
            foreach (var (id, count) in project.ExpectedDiagnostics)
            {
                var actual = diagnostics.Count(d => d.Id == id);
                if (actual != count)
                {
                    throw new InvalidOperationException($"{name}: {id}: expected {count} diagnostics on the generated project, got {actual}");
                }
            }

            Console.WriteLine($"// {name}: {analyzers.Length} analyzers; " +
                string.Join(", ", diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}")));
        }

        foreach (var (name, generator) in new[] { ("current", currentGenerator), ("baseline", baselineGenerator) })
        {
            var generated = RunGenerator(generator, compilation).SyntaxTrees.Last().ToString();
            Console.WriteLine($"// {name} summary records: {generated.Split('\n').Count(l => l.Contains("PerfGuard.DataAccess", StringComparison.Ordinal))}");
        }
    }

    /// <summary>The compiler's own share (parse is done in setup; binding and diagnostics, no emit): a lower bound of the Csc task.</summary>
    [Benchmark(Description = "Compiler alone (diagnostics, no analyzers)")]
    public ImmutableArray<Diagnostic> CompilerAlone() => compilation.Clone().GetDiagnostics();

    [Benchmark(Baseline = true, Description = "Compiler + baseline PerfGuard analyzers")]
    public Task<ImmutableArray<Diagnostic>> Baseline() => Analyze(compilation.Clone(), baseline);

    [Benchmark(Description = "Compiler + this build's PerfGuard analyzers")]
    public Task<ImmutableArray<Diagnostic>> Current() => Analyze(compilation.Clone(), current);

    /// <summary>The writer's own cost: what the generator adds to the Csc task (its binding is not shared with the compiler's).</summary>
    [Benchmark(Description = "Baseline summary generator alone")]
    public Compilation BaselineGeneratorAlone() => RunGenerator(baselineGenerator, compilation.Clone());

    [Benchmark(Description = "This build's summary generator alone")]
    public Compilation CurrentGeneratorAlone() => RunGenerator(currentGenerator, compilation.Clone());

    [Benchmark(Description = "Baseline summary generator + compiler + baseline analyzers")]
    public Task<ImmutableArray<Diagnostic>> BaselineWithSummary() => Analyze(RunGenerator(baselineGenerator, compilation.Clone()), baseline);

    [Benchmark(Description = "Summary generator + compiler + this build's analyzers")]
    public Task<ImmutableArray<Diagnostic>> CurrentWithSummary() => Analyze(RunGenerator(currentGenerator, compilation.Clone()), current);

    /// <summary>As the build does: the generator driver on the parsed compilation, the analyzers on its output (no model is shared).</summary>
    private Compilation RunGenerator(IIncrementalGenerator generator, Compilation input)
    {
        CSharpGeneratorDriver.Create(new[] { generator.AsSourceGenerator() }, optionsProvider: emptyOptions)
            .RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        return output;
    }

    private static Task<ImmutableArray<Diagnostic>> Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers) =>
        compilation.WithAnalyzers(analyzers, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty)).GetAllDiagnosticsAsync();

    private static ImmutableArray<DiagnosticAnalyzer> Create(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>Loads only the baseline analyzer assembly; Roslyn and everything else resolve to the host's copies.</summary>
    private sealed class BaselineLoadContext() : AssemblyLoadContext("PerfGuardBaseline")
    {
        protected override Assembly? Load(AssemblyName assemblyName) => null;
    }
}

internal sealed class InProcessLongRunConfig : ManualConfig
{
    public InProcessLongRunConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(9)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)));
    }
}

/// <summary>The references of the generated project: the running .NET, EF Core and Microsoft.Extensions.</summary>
internal static class AnalyzerCostReferences
{
    public static MetadataReference[] Load()
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
}
