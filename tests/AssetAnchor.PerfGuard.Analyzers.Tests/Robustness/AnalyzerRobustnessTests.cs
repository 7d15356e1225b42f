using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Robustness;

/// <summary>
/// Every analyzer of the assembly (found by reflection, so rules added later are covered) must never throw: not on
/// any prefix of a corpus file (code being typed), not on deep expressions, not on recursion. Exceptions are caught
/// through CompilationWithAnalyzers' onAnalyzerException and as AD0001 diagnostics.
/// Add corpus files under Robustness/Corpus/; they are copied to the output and not compiled into this project.
/// </summary>
public sealed class AnalyzerRobustnessTests
{
    /// <summary>Prefixes per corpus file: enough to cut inside every construct, few enough to stay fast.</summary>
    private const int PrefixesPerFile = 160;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDirectory, "*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void Corpus_IsPresent() => Assert.True(Directory.GetFiles(CorpusDirectory, "*.cs").Length >= 3);

    [Fact]
    public void AllAnalyzers_AreDiscovered() => Assert.True(AllAnalyzers().Length >= 2);

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task EveryPrefixOfACorpusFile_RaisesNoAnalyzerException(string fileName)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(CorpusDirectory, fileName));
        var step = Math.Max(1, text.Length / PrefixesPerFile);
        var baseline = CreateCompilation(string.Empty);
        var placeholder = baseline.SyntaxTrees[0];
        for (var length = 0; length <= text.Length; length += step)
        {
            await AssertNoAnalyzerExceptionAsync(baseline.ReplaceSyntaxTree(placeholder, Parse(text[..length])), $"{fileName} cut at {length}");
        }

        await AssertNoAnalyzerExceptionAsync(baseline.ReplaceSyntaxTree(placeholder, Parse(text)), fileName + " whole");
    }

    [Fact]
    public Task DeepBinaryExpression_RaisesNoAnalyzerException()
    {
        var builder = new StringBuilder("public class Deep { public int Sum(Microsoft.EntityFrameworkCore.DbContext db, int x) => x");
        for (var i = 0; i < 2000; i++)
        {
            builder.Append(" + x");
        }

        builder.Append("; }");
        return AssertNoAnalyzerExceptionAsync(CreateCompilation(builder.ToString()), "2,000-deep binary expression");
    }

    [Fact]
    public Task DeepMethodChain_RaisesNoAnalyzerException()
    {
        var builder = new StringBuilder("""
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.EntityFrameworkCore;
            public class Item { public int Id { get; set; } public Item? Next { get; set; } }
            public class Ctx : DbContext { public DbSet<Item> Items => Set<Item>(); }
            public class Chain
            {
                public List<int> Run(Ctx db, List<int> ids)
                {
                    var result = new List<int>();
                    foreach (var id in ids)
                    {
                        result.Add(db.Items
            """);
        for (var i = 0; i < 300; i++)
        {
            builder.Append(i % 2 == 0 ? ".Where(x => x.Id > " + i + ")" : ".OrderBy(x => x.Id)");
        }

        builder.Append(".Count()); var item = db.Items.First(); var n = item");
        for (var i = 0; i < 300; i++)
        {
            builder.Append("?.Next");
        }

        builder.Append("; } return result; } }");
        return AssertNoAnalyzerExceptionAsync(CreateCompilation(builder.ToString()), "300-deep method and ?. chains");
    }

    private static SyntaxTree Parse(string text) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: "Corpus.cs");

    private static CSharpCompilation CreateCompilation(string source) =>
        CSharpCompilation.Create(
            "Robustness",
            new[] { Parse(source) },
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    [Fact]
    public async Task Harness_CatchesAThrowingAnalyzer()
    {
        var (crashes, _) = await RunAsync(CreateCompilation("public class C { }"), ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowingAnalyzer()));
        Assert.NotEmpty(crashes);
    }

    [Fact]
    public async Task WholeCorpusFile_ProducesDiagnostics()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(CorpusDirectory, "N1Services.cs"));
        var (_, diagnostics) = await RunAsync(CreateCompilation(text), AllAnalyzers());
        Assert.Contains(diagnostics, d => d.Id == RuleIdentifiers.DatabaseRoundTripInLoop);
    }

    private static async Task AssertNoAnalyzerExceptionAsync(Compilation compilation, string what)
    {
        var (crashes, _) = await RunAsync(compilation, AllAnalyzers());
        Assert.True(crashes.Count == 0, what + ":\n" + string.Join("\n", crashes));
    }

    private static async Task<(List<string> Crashes, ImmutableArray<Diagnostic> Diagnostics)> RunAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var exceptions = new ConcurrentBag<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Add(analyzer.GetType().Name + ": " + exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        var crashes = diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage()).Concat(exceptions).ToList();
        return (crashes, diagnostics);
    }

#pragma warning disable RS1036, RS1025, RS1026, RS2008 // A deliberately broken analyzer that proves the harness sees crashes.
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0001", "t", "t", "t", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context) =>
            context.RegisterSyntaxTreeAction(_ => throw new InvalidOperationException("boom"));
    }
#pragma warning restore RS1036, RS1025, RS1026, RS2008

    private static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() => PerfGuardAnalyzers.CreateAll();

    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Robustness", "Corpus");
}
