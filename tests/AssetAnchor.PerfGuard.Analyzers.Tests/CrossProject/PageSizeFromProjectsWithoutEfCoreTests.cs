using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PageSizeVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnboundedPageSizeFromRequestAnalyzer>;
using RoundTripVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// Practical.CleanArchitecture's <c>GetPaged</c> as its own build gives it: the paging helper <c>Paged()</c> sits in
/// CrossCuttingConcerns and the handler in Application, neither of which references EF Core; only the Web project does.
/// CrossCuttingConcerns records its paging helpers (method records, no "v1" marker) and Application writes field 12 of
/// its handler records from them, so PG0006 in Web reports the value the endpoint puts into the request. The layers
/// are built as <c>dotnet build</c> hands them on: emitted files, none of them with EF Core among its references.
/// </summary>
public sealed class PageSizeFromProjectsWithoutEfCoreTests
{
    private const string CrossCuttingConcerns = """
        using System;
        using System.Collections.Generic;
        using System.Linq;

        namespace Shop.CrossCuttingConcerns;

        public static class QueryableExtensions
        {
            public static IQueryable<T> Paged<T>(this IQueryable<T> source, int page, int pageSize) =>
                source.Skip((page - 1) * pageSize).Take(pageSize);

            // Named like paging, clamps inside: its record (no page size) wins over the name.
            public static IQueryable<T> PagedCapped<T>(this IQueryable<T> source, int page, int pageSize) =>
                source.Skip((page - 1) * pageSize).Take(Math.Min(pageSize, 100));

            // Pages nothing: no record, so a dependent judges it as before (an IQueryable it returns is a query).
            public static IQueryable<T> Visible<T>(this IQueryable<T> source, Func<T, bool> keep) => source.Where(x => keep(x));
        }

        public static class Text
        {
            public static string Shorten(string text, int length) => text.Length > length ? text.Substring(0, length) : text;
        }
        """;

    private const string Domain = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        namespace Shop.Domain;

        public class Order { public int Id { get; set; } public string Name { get; set; } = ""; }

        public interface IRepository<T>
        {
            IQueryable<T> GetQueryableSet();
            Task<List<T>> ToListAsync(IQueryable<T> query);
        }

        public static class OrderRules
        {
            public static bool IsNamed(Order order) => order.Name.Length > 0;
        }
        """;

    private const string Application = $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Shop.CrossCuttingConcerns;
        using Shop.Domain;

        namespace Shop.Application;

        {{SolutionDispatcher.Source}}

        // pca's shape: the request's PageSize into the Paged() helper of another library without EF Core.
        public class GetPagedOrdersQuery : IQuery<List<Order>> { public int Page { get; set; } public int PageSize { get; set; } }

        internal class GetPagedOrdersQueryHandler(IRepository<Order> orders) : IQueryHandler<GetPagedOrdersQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(GetPagedOrdersQuery query, CancellationToken cancellationToken = default) =>
                orders.ToListAsync(orders.GetQueryableSet().OrderBy(o => o.Id).Paged(query.Page, query.PageSize));
        }

        // Take on the repository's queryable in the handler itself.
        public class GetFirstOrdersQuery : IQuery<List<Order>> { public int PageSize { get; set; } }

        internal class GetFirstOrdersQueryHandler(IRepository<Order> orders) : IQueryHandler<GetFirstOrdersQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(GetFirstOrdersQuery query, CancellationToken cancellationToken = default) =>
                orders.ToListAsync(orders.GetQueryableSet().OrderBy(o => o.Id).Take(query.PageSize));
        }

        public class GetClampedOrdersQuery : IQuery<List<Order>> { public int Page { get; set; } public int PageSize { get; set; } }

        internal class GetClampedOrdersQueryHandler(IRepository<Order> orders) : IQueryHandler<GetClampedOrdersQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(GetClampedOrdersQuery query, CancellationToken cancellationToken = default) =>
                orders.ToListAsync(orders.GetQueryableSet().OrderBy(o => o.Id).Paged(query.Page, Math.Min(query.PageSize, 100)));
        }

        public class GetTopOrdersQuery : IQuery<List<Order>> { public int PageSize { get; set; } }

        internal class GetTopOrdersQueryHandler(IRepository<Order> orders) : IQueryHandler<GetTopOrdersQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(GetTopOrdersQuery query, CancellationToken cancellationToken = default) =>
                orders.ToListAsync(orders.GetQueryableSet().OrderBy(o => o.Id).Take(20));
        }

        public class GetCappedOrdersQuery : IQuery<List<Order>> { public int Page { get; set; } public int PageSize { get; set; } }

        internal class GetCappedOrdersQueryHandler(IRepository<Order> orders) : IQueryHandler<GetCappedOrdersQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(GetCappedOrdersQuery query, CancellationToken cancellationToken = default) =>
                orders.ToListAsync(orders.GetQueryableSet().OrderBy(o => o.Id).PagedCapped(query.Page, query.PageSize));
        }
        """;

    private const string Web = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;
        using Shop.Application;
        using Shop.Domain;

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        [ApiController, Route("orders")]
        public class OrdersController(Dispatcher dispatcher) : ControllerBase
        {
            [HttpGet("paged")]
            public async Task<ActionResult<List<Order>>> GetPaged(int page, int pageSize)
            {
                var orders = await dispatcher.DispatchAsync(new GetPagedOrdersQuery { Page = page, PageSize = {|PG0006:pageSize|} });
                return Ok(orders);
            }

            [HttpGet("first")]
            public Task<List<Order>> First(int pageSize) => dispatcher.DispatchAsync(new GetFirstOrdersQuery { PageSize = {|PG0006:pageSize|} });

            // Clamped in the handler, before the helper.
            [HttpGet("clamped")]
            public Task<List<Order>> Clamped(int page, int pageSize) => dispatcher.DispatchAsync(new GetClampedOrdersQuery { Page = page, PageSize = pageSize });

            // The handler takes a constant.
            [HttpGet("top")]
            public Task<List<Order>> Top(int pageSize) => dispatcher.DispatchAsync(new GetTopOrdersQuery { PageSize = pageSize });

            // The helper clamps: its record says so, whatever its name.
            [HttpGet("capped")]
            public Task<List<Order>> Capped(int page, int pageSize) => dispatcher.DispatchAsync(new GetCappedOrdersQuery { Page = page, PageSize = pageSize });

            // Clamped by the endpoint.
            [HttpGet("small")]
            public Task<List<Order>> Small(int page, int pageSize) =>
                dispatcher.DispatchAsync(new GetPagedOrdersQuery { Page = page, PageSize = System.Math.Min(pageSize, 50) });
        }
        """;

    private static readonly Lazy<Layers> Built = new(Layers.Build);

    [Fact]
    public void TheLibraryRecordsItsPagingHelpers_WithoutTheMarker_AsAProjectWithEfCoreWouldRecordThem()
    {
        var records = Records(Built.Value.CrossCuttingConcernsSummary);

        Assert.DoesNotContain("\"v1\"", records);
        // Field 8 "2": pageSize (parameter 2, the source being parameter 0) reaches Take unclamped; field 12 "P0LI":
        // the query of parameter 0, row-limited, including nothing more (what pca's CrossCuttingConcerns records when
        // it has EF Core among its references).
        Assert.Contains(
            "\"v1\\tM:Shop.CrossCuttingConcerns.QueryableExtensions.Paged``1(System.Linq.IQueryable{``0},System.Int32,System.Int32)\\t\\tB\\t\\t\\t-\\t2\\t\\t\\t\\tP0LI\"",
            records);
        var capped = Assert.Single(records, static r => r.Contains("PagedCapped", StringComparison.Ordinal));
        Assert.Equal("\"v1\\tM:Shop.CrossCuttingConcerns.QueryableExtensions.PagedCapped``1(System.Linq.IQueryable{``0},System.Int32,System.Int32)\\t\\tB\\t\\t\\t-\\t\\t\\t\\t\\tP0LI\"", capped);
        Assert.DoesNotContain(records, static r => r.Contains("Visible", StringComparison.Ordinal) || r.Contains("Shorten", StringComparison.Ordinal));
    }

    [Fact]
    public void TheHandlerRecordsWithoutEfCore_CarryTheRequestPageSize_OnlyWhereUnbounded()
    {
        var records = Records(Built.Value.ApplicationSummary);
        string Of(string request) => Assert.Single(records, r => r.Contains("v1h\\tT:Shop.Application." + request + "\\t", StringComparison.Ordinal));

        Assert.DoesNotContain("\"v1\"", records);
        Assert.EndsWith("\\t0.PageSize\"", Of("GetPagedOrdersQuery"), StringComparison.Ordinal);
        Assert.EndsWith("\\t0.PageSize\"", Of("GetFirstOrdersQuery"), StringComparison.Ordinal);
        foreach (var quiet in new[] { "GetClampedOrdersQuery", "GetTopOrdersQuery", "GetCappedOrdersQuery" })
        {
            Assert.DoesNotContain("PageSize", Of(quiet), StringComparison.Ordinal);
        }
    }

    [Fact]
    public Task TheWebProject_ReportsTheRequestsPageSize_ThatTheEfFreeHandlerPagesWith_InAnEfFreeHelper()
    {
        var test = new PageSizeVerifier.Test { TestCode = Web };
        Built.Value.AddTo(test.TestState.AdditionalReferences);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task ADependent_JudgesTheLibrarysUnrecordedMethods_ByTheFallback()
    {
        // No marker: Visible() has no record, and that must not read as "judged, returns rows in memory". It returns a
        // queryable of the caller's database query, run here once per iteration.
        var test = new RoundTripVerifier.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Linq;
                using Microsoft.EntityFrameworkCore;
                using Shop.CrossCuttingConcerns;
                using Shop.Domain;

                public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
                {
                    public DbSet<Order> Orders => Set<Order>();
                }

                public class Report(ShopContext db)
                {
                    public int Total(IReadOnlyList<string> names)
                    {
                        var total = 0;
                        foreach (var name in names)
                        {
                            total += {|PG0001:db.Orders.Visible(o => o.Name == name).Count()|};
                        }
                        return total;
                    }
                }
                """,
        };
        Built.Value.AddTo(test.TestState.AdditionalReferences);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public void AProjectWithoutPagingHelpersOrHandlers_IsDecidedFromSyntax_AndWritesNothing()
    {
        var domain = Compile("Shop.Domain", Domain);

        Assert.Empty(SummaryPrefilter.FindPagingHelpersWithoutEfCore(domain, CancellationToken.None));
        Assert.False(SummaryPrefilter.MayRecordCallSitesWithoutEfCore(domain, CancellationToken.None));
        Assert.Null(Built.Value.DomainSummary);
    }

    [Fact]
    public void ThePrefilter_KeepsOnlyPublicMethodsTakingASequence_ThatCallTake()
    {
        var compilation = Compile("Shop.Tools", """
            using System.Collections.Generic;
            using System.Linq;

            namespace Shop.Tools;

            public static class Helpers
            {
                public static IEnumerable<T> Page<T>(IEnumerable<T> items, int size) => items.Take(size);
                public static System.Linq.IQueryable<T> Window<T>(System.Linq.IQueryable<T> items, int size) => items.Take(size);
                public static List<int> Numbers(int count) => Enumerable.Range(0, 100).Take(count).ToList();
                public static IQueryable<T> Sorted<T>(IQueryable<T> items, int unused) => items.OrderBy(x => x);
                internal static IQueryable<T> Hidden<T>(IQueryable<T> items, int size) => items.Take(size);
                public static IQueryable<T> All<T>(IQueryable<T> items) => items.Take(10);
            }
            """);

        var names = SummaryPrefilter.FindPagingHelpersWithoutEfCore(compilation, CancellationToken.None).Select(static m => m.Identifier.ValueText);
        Assert.Equal(new[] { "Page", "Window" }, names);
    }

    private static List<string> Records(string? summary) =>
        (summary ?? string.Empty).Split('\n')
            .Select(static line => line.Trim())
            .Where(static line => line.StartsWith("[assembly:", StringComparison.Ordinal))
            .Select(static line => line.Substring(line.IndexOf("\", ", StringComparison.Ordinal) + 3).TrimEnd(')', ']'))
            .ToList();

    private static ImmutableArray<MetadataReference> WithoutEfCore() =>
        Verifiers.TestReferences.All.Where(static r => !(r.Display ?? string.Empty).Contains("EntityFrameworkCore", StringComparison.Ordinal)).ToImmutableArray();

    private static CSharpCompilation Compile(string assemblyName, string source, params MetadataReference[] references) =>
        CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: assemblyName + ".cs") },
            WithoutEfCore().AddRange(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Builds a layer without EF Core with PerfGuard's generator and emits it to a file, as <c>dotnet build</c> hands it on.</summary>
    private static (MetadataReference Reference, string? Summary) BuildLayer(string assemblyName, string source, params MetadataReference[] references)
    {
        var compilation = Compile(assemblyName, source, references);
        var summary = DataAccessSummaryGenerator.Generate(compilation, EmptyOptions.Instance, CancellationToken.None);
        if (summary is not null)
        {
            compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(summary, new CSharpParseOptions(LanguageVersion.Latest), path: "PerfGuard.DataAccessSummary.g.cs"));
        }

        var file = Path.Combine(Path.GetTempPath(), "perfguard-efree2-" + Guid.NewGuid().ToString("N"), assemblyName + ".dll");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var emitted = compilation.Emit(file);
        if (!emitted.Success)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, emitted.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error)));
        }

        return (MetadataReference.CreateFromFile(file), summary);
    }

    private sealed record Layers(
        MetadataReference CrossCuttingConcerns, string? CrossCuttingConcernsSummary, MetadataReference Domain, string? DomainSummary,
        MetadataReference Application, string? ApplicationSummary)
    {
        public static Layers Build()
        {
            var crossCutting = BuildLayer("Shop.CrossCuttingConcerns", PageSizeFromProjectsWithoutEfCoreTests.CrossCuttingConcerns);
            var domain = BuildLayer("Shop.Domain", PageSizeFromProjectsWithoutEfCoreTests.Domain, crossCutting.Reference);
            var application = BuildLayer("Shop.Application", PageSizeFromProjectsWithoutEfCoreTests.Application, crossCutting.Reference, domain.Reference);
            return new Layers(crossCutting.Reference, crossCutting.Summary, domain.Reference, domain.Summary, application.Reference, application.Summary);
        }

        public void AddTo(List<MetadataReference> references)
        {
            references.Add(CrossCuttingConcerns);
            references.Add(Domain);
            references.Add(Application);
        }
    }

    private sealed class EmptyOptions : AnalyzerConfigOptionsProvider
    {
        public static readonly EmptyOptions Instance = new();

        public override AnalyzerConfigOptions GlobalOptions => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new();

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                value = null;
                return false;
            }
        }
    }
}
