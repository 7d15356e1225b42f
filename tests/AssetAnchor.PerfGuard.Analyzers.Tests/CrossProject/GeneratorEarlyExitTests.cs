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

    private static ImmutableArray<MetadataReference> WithoutEfCore() =>
        TestReferences.All.Where(static r => !(r.Display ?? string.Empty).Contains("EntityFrameworkCore", StringComparison.Ordinal)).ToImmutableArray();

    private static CSharpCompilation Compile(IEnumerable<MetadataReference> references, params string[] sources) =>
        CSharpCompilation.Create(
            "Anchor.Infrastructure",
            sources.Select(static (source, index) => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: $"File{index}.cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static string? Generate(Compilation compilation) =>
        DataAccessSummaryGenerator.Generate(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty).AnalyzerConfigOptionsProvider, CancellationToken.None);
}
