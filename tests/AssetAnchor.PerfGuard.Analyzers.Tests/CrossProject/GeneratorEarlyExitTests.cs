using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// The summary generator decides from the reference list whether EF Core can be there before it asks for any symbol
/// (the first lookup binds every reference). A project without EF Core records nothing; a DbContext declared in
/// source, or EF Core among the references, still gets its summary.
/// </summary>
public sealed class GeneratorEarlyExitTests
{
    private const string Repository = """
        using System.Linq;
        using System.Threading.Tasks;

        namespace Anchor.Infrastructure;

        public class Lease { public int Id { get; set; } }
        public class AnchorContext : Microsoft.EntityFrameworkCore.DbContext
        {
            public Microsoft.EntityFrameworkCore.DbSet<Lease> Leases { get; set; } = null!;
        }
        public class LeaseRepository(AnchorContext db)
        {
            public int Count() => db.Leases.Count();
        }
        """;

    private const string EfCoreStub = """
        namespace Microsoft.EntityFrameworkCore
        {
            public class DbContext { }
            public abstract class DbSet<T> : System.Linq.IQueryable<T> where T : class
            {
                public System.Type ElementType => typeof(T);
                public System.Linq.Expressions.Expression Expression => null!;
                public System.Linq.IQueryProvider Provider => null!;
                public System.Collections.Generic.IEnumerator<T> GetEnumerator() => null!;
                System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => null!;
            }
        }
        """;

    [Fact]
    public void WithoutEfCore_NothingIsRecorded()
    {
        var compilation = Compile(WithoutEfCore(), "namespace Anchor.Domain; public class Lease { public int Id { get; set; } }");

        Assert.Null(Generate(compilation));
    }

    [Fact]
    public void WithEfCoreReferenced_TheRepositoryIsRecorded()
    {
        var summary = Generate(Compile(TestReferences.All, Repository));

        Assert.NotNull(summary);
        Assert.Contains("M:Anchor.Infrastructure.LeaseRepository.Count", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void WithADbContextDeclaredInSource_TheRepositoryIsRecorded()
    {
        var summary = Generate(Compile(WithoutEfCore(), EfCoreStub, Repository));

        Assert.NotNull(summary);
        Assert.Contains("M:Anchor.Infrastructure.LeaseRepository.Count", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExecutable_GetsTheMarkerButNoRecords()
    {
        var summary = Generate(Compile(TestReferences.All, OutputKind.ConsoleApplication, Repository, "public static class Program { public static void Main() { } }"));

        Assert.Equal(ReferencedProject.MarkerOnlySummary, summary);
    }

    [Fact]
    public void ATestProjectByProperty_GetsTheMarkerButNoRecords()
    {
        var summary = Generate(Compile(TestReferences.All, Repository), ("build_property.IsTestProject", "true"));

        Assert.Equal(ReferencedProject.MarkerOnlySummary, summary);
    }

    [Fact]
    public void ATestProjectByItsTestFrameworkReference_GetsTheMarkerButNoRecords()
    {
        // A .NET Framework test project is a library; IsTestProject is not visible when the analyzer is a project reference.
        var withTestHost = TestReferences.All.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location));

        Assert.Equal(ReferencedProject.MarkerOnlySummary, Generate(Compile(withTestHost, Repository)));
    }

    [Fact]
    public void ALibraryThatSaysItIsNoTestProject_IsRecordedDespiteATestFrameworkReference()
    {
        var withTestHost = TestReferences.All.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location));
        var summary = Generate(Compile(withTestHost, Repository), ("build_property.IsTestProject", "false"));

        Assert.NotNull(summary);
        Assert.Contains("M:Anchor.Infrastructure.LeaseRepository.Count", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void SwitchedOff_NothingIsWritten()
    {
        Assert.Null(Generate(Compile(TestReferences.All, Repository), ("perfguard.cross_project_summaries", "false")));
    }

    private static ImmutableArray<MetadataReference> WithoutEfCore() =>
        TestReferences.All.Where(static r => !(r.Display ?? string.Empty).Contains("EntityFrameworkCore", StringComparison.Ordinal)).ToImmutableArray();

    private static CSharpCompilation Compile(IEnumerable<MetadataReference> references, params string[] sources) =>
        Compile(references, OutputKind.DynamicallyLinkedLibrary, sources);

    private static CSharpCompilation Compile(IEnumerable<MetadataReference> references, OutputKind kind, params string[] sources) =>
        CSharpCompilation.Create(
            "Anchor.Infrastructure",
            sources.Select(static (source, index) => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: $"File{index}.cs")),
            references,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

    private static string? Generate(Compilation compilation, params (string Key, string Value)[] globalOptions) =>
        DataAccessSummaryGenerator.Generate(compilation, new GlobalOptionsProvider(globalOptions), CancellationToken.None);

    /// <summary>Global options as a .globalconfig gives them (build_property.* from CompilerVisibleProperty).</summary>
    private sealed class GlobalOptionsProvider((string Key, string Value)[] values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options global = new(values.ToDictionary(static v => v.Key, static v => v.Value));

        public override AnalyzerConfigOptions GlobalOptions => global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
