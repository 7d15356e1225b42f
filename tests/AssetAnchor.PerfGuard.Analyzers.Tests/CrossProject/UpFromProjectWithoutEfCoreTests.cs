using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Rules;
using AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using NavigationVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer>;
using PageSizeVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnboundedPageSizeFromRequestAnalyzer>;
using RowLimitVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.RowLimitWithoutOrderByAnalyzer>;
using EndpointVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnpaginatedCollectionEndpointAnalyzer>;
using RoundTripVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// The textbook Clean Architecture: Domain and Application have no EF Core among their references (Domain declares
/// IOrderRepository, Application loops over it and returns its rows from a controller), Infrastructure implements it with
/// EF Core queries and references both. Application records its Up call sites without the "v1" marker (its methods are
/// not summarised: its dependents keep the fallback for them), and Infrastructure reports at Application's lines. The
/// EF-free layers are built as <c>dotnet build</c> gives them: file references, none of them EF Core's.
/// </summary>
public sealed class UpFromProjectWithoutEfCoreTests
{
    private const string Domain = UpFixture.Usings + """
        namespace Shop.Domain;

        public class Customer { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class Order
        {
            public int Id { get; set; }
            public int CustomerId { get; set; }
            public Customer Customer { get; set; } = null!;
            public List<OrderEvent> Events { get; } = new();
        }

        public class OrderEvent { public string Name { get; set; } = ""; }

        public interface IOrderRepository
        {
            Task<Order?> GetAsync(int id);
            Task<List<Order>> ListAsync();
            Task<List<Order>> ListPageAsync(int page, int pageSize);
            IQueryable<Order> Query();
        }

        public interface IHasEvents { void ClearEvents(); }

        // Calls no interface method in a loop, an endpoint or a local: nothing to record.
        public static class OrderRules
        {
            public static bool IsBig(Order order) => order.Events.Count > 10;
        }
        """;

    private const string Application = UpFixture.Usings + """
        using Microsoft.AspNetCore.Mvc;
        using Shop.Domain;

        namespace Shop.Application;

        public interface IClock { DateTime Now(); }

        public interface IAuditTrail { void Note(string text); }
        public sealed class MemoryAuditTrail : IAuditTrail { public void Note(string text) { } }

        public class OrderService(IOrderRepository orders, IClock clock, IAuditTrail audit)
        {
            public async Task<int> CountFound(IReadOnlyList<int> ids)
            {
                var found = 0;
                foreach (var id in ids)
                {
                    if (await {|PG0001:orders.GetAsync(id)|} is not null) found++;

                    // Implemented in Infrastructure without a query, and implemented here: no report.
                    _ = clock.Now();
                    audit.Note("looked at " + id);
                }
                return found;
            }

            // A concrete method of this project returning a queryable: without the marker, a dependent judges it by the
            // type rule (an IQueryable is a database query where EF Core is referenced), not as rows in memory.
            public IQueryable<Order> Open() => orders.Query().Where(o => o.CustomerId > 0);

            // A page of a query nobody orders (v1o), and a navigation read on the entity a call returns (v1n).
            public List<Order> Latest() => orders.Query().{|PG0005:Take(20)|}.ToList();

            public async Task<string> CustomerName(int id)
            {
                var order = await orders.GetAsync(id);
                return {|PG0003:order.Customer|}.Name;
            }
        }

        [ApiController, Route("api/orders")]
        public class OrdersController(IOrderRepository orders) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> {|PG0004:All|}() => Ok(await orders.ListAsync());

            // The request's page size handed on unclamped (v1p): the implementation takes it into Take.
            [HttpGet("page")]
            public Task<List<Order>> Page(int page, int pageSize) => orders.ListPageAsync(page, {|PG0006:pageSize|});

            [HttpGet("count")]
            public async Task<int> Count() => (await orders.ListAsync()).Count;
        }
        """;

    private const string Infrastructure = UpFixture.Usings + """
        using Microsoft.EntityFrameworkCore;
        using Shop.Application;
        using Shop.Domain;

        namespace Shop.Infrastructure;

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        public class OrderRepository(ShopContext db) : IOrderRepository
        {
            public Task<Order?> GetAsync(int id) => db.Orders.FirstOrDefaultAsync(o => o.Id == id);
            public Task<List<Order>> ListAsync() => db.Orders.ToListAsync();
            public Task<List<Order>> ListPageAsync(int page, int pageSize) =>
                db.Orders.OrderBy(o => o.Id).Skip(page * pageSize).Take(pageSize).ToListAsync();
            public IQueryable<Order> Query() => db.Orders;
        }

        public class SystemClock : IClock
        {
            public DateTime Now() => DateTime.UtcNow;
        }
        """;

    private const string Web = """
        using Shop.Application;
        using Shop.Infrastructure;

        public static class Program
        {
            public static void Main() => System.Console.WriteLine(typeof(OrderService).Name + typeof(OrderRepository).Name);
        }
        """;

    [Fact]
    public void TheApplication_RecordsItsCallSites_WithoutTheMarker_AndTheDomainRecordsNothing()
    {
        var (domain, application) = BuildLayers();

        Assert.Null(domain.Summary);
        Assert.NotNull(application.Summary);
        var records = Records(application.Summary);
        Assert.DoesNotContain("\"v1\"", records);
        // The repository and the clock are implemented in a project built later (whether with a query is the join's to
        // say); the audit trail is implemented here: no call site.
        var loops = records.Where(static r => r.StartsWith("\"v1c\\t", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, loops.Count);
        Assert.Contains("\\tM:Shop.Domain.IOrderRepository.GetAsync(System.Int32)\\t", loops[0], StringComparison.Ordinal);
        Assert.Contains("\\tM:Shop.Application.IClock.Now\\t", loops[1], StringComparison.Ordinal);
        Assert.DoesNotContain(records, static r => r.Contains("IAuditTrail", StringComparison.Ordinal));
        var endpoint = Assert.Single(records, static r => r.StartsWith("\"v1r\\t", StringComparison.Ordinal) && r.Contains("\\tAll\\t", StringComparison.Ordinal));
        Assert.Contains("\\tAll\\torders.ListAsync()\\tA\\t", endpoint, StringComparison.Ordinal);
        Assert.Contains("M:Shop.Domain.IOrderRepository.Query", Assert.Single(records, static r => r.StartsWith("\"v1o\\t", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("\\tCustomer", Assert.Single(records, static r => r.StartsWith("\"v1n\\t", StringComparison.Ordinal)), StringComparison.Ordinal);

        // Both request values are handed on unclamped (page and pageSize); only the one the implementation takes into Take is reported.
        var pageSizes = records.Where(static r => r.StartsWith("\"v1p\\t", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, pageSizes.Count);
        Assert.All(pageSizes, static r => Assert.Contains("\\tM:Shop.Domain.IOrderRepository.ListPageAsync(System.Int32,System.Int32)\\t", r, StringComparison.Ordinal));
    }

    [Fact]
    public Task Infrastructure_ReportsTheLoopOfTheApplicationWithoutEfCore_AtItsOwnLine()
    {
        var (domain, application) = BuildLayers();
        var test = new RoundTripVerifier.Test { TestCode = Infrastructure };
        test.TestState.AdditionalReferences.Add(domain.Reference);
        test.TestState.AdditionalReferences.Add(application.Reference);
        test.ExpectedDiagnostics.Add(application.At(DatabaseRoundTripInLoopAnalyzer.CrossProjectRule, "PG0001")
            .WithArguments("orders.GetAsync(id)", "foreach loop", "GetAsync -> FirstOrDefaultAsync", "load the rows once before it"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Infrastructure_ReportsTheEndpointOfTheApplicationWithoutEfCore()
    {
        var (domain, application) = BuildLayers();
        var test = new EndpointVerifier.Test { TestCode = Infrastructure };
        test.TestState.AdditionalReferences.Add(domain.Reference);
        test.TestState.AdditionalReferences.Add(application.Reference);
        test.ExpectedDiagnostics.Add(application.At(UnpaginatedCollectionEndpointAnalyzer.CrossProjectRule, "PG0004")
            .WithArguments("All", "db.Orders", " (through 'orders.ListAsync()', implemented in another project)", ""));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Infrastructure_ReportsTheUnorderedPageAndTheNeverLoadedNavigation_OfTheApplicationWithoutEfCore()
    {
        var (domain, application) = BuildLayers();
        var rowLimits = new RowLimitVerifier.Test { TestCode = Infrastructure };
        var navigations = new NavigationVerifier.Test { TestCode = Infrastructure };
        foreach (var test in new AnalyzerTest<DefaultVerifier>[] { rowLimits, navigations })
        {
            test.TestState.AdditionalReferences.Add(domain.Reference);
            test.TestState.AdditionalReferences.Add(application.Reference);
        }

        rowLimits.ExpectedDiagnostics.Add(application.At(RowLimitWithoutOrderByAnalyzer.CrossProjectRule, "PG0005")
            .WithArguments("'Take'", "orders.Query()", "which has no OrderBy"));
        navigations.ExpectedDiagnostics.Add(application.At(NavigationNotLoadedAnalyzer.CrossProjectNeverLoadedRule, "PG0003")
            .WithArguments("order.Customer", "Customer", "GetAsync"));
        return Task.WhenAll(rowLimits.RunAsync(CancellationToken.None), navigations.RunAsync(CancellationToken.None));
    }

    [Fact]
    public Task Infrastructure_ReportsTheUnclampedPageSize_OfTheApplicationWithoutEfCore()
    {
        var (domain, application) = BuildLayers();
        var test = new PageSizeVerifier.Test { TestCode = Infrastructure };
        test.TestState.AdditionalReferences.Add(domain.Reference);
        test.TestState.AdditionalReferences.Add(application.Reference);
        test.ExpectedDiagnostics.Add(application.At(UnboundedPageSizeFromRequestAnalyzer.CrossProjectRule, "PG0006")
            .WithArguments("pageSize", 100, "ListPageAsync"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task TheRootOverInfrastructure_DoesNotRepeatIt()
    {
        var (domain, application) = BuildLayers();
        var infrastructure = ReferencedProject.Build(
            "Shop.Infrastructure", Infrastructure, references: new[] { ReferencedProject.FromReference(domain.Reference), ReferencedProject.FromReference(application.Reference) });
        var test = new RoundTripVerifier.Test { TestCode = Web };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.AdditionalReferences.Add(domain.Reference);
        test.TestState.AdditionalReferences.Add(application.Reference);
        test.TestState.AdditionalReferences.Add(infrastructure.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task ADependent_StillJudgesTheApplicationsOwnMethods_ByTheFallback()
    {
        // No marker: Application's methods have no records, and that must not read as "judged, nothing found". Its
        // Open() returns a queryable: in a project with EF Core that is a database query by the type rule, run here once
        // per iteration. (With the marker it would be taken for rows in memory, and this loop would be silent.)
        var (domain, application) = BuildLayers();
        var test = new RoundTripVerifier.Test
        {
            TestCode = UpFixture.Usings + """
                using Shop.Application;

                public class Report(OrderService service)
                {
                    public int Total(IReadOnlyList<int> customers)
                    {
                        var total = 0;
                        foreach (var customer in customers)
                        {
                            total += {|PG0001:service.Open().Count(o => o.CustomerId == customer)|};
                        }
                        return total;
                    }
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(domain.Reference);
        test.TestState.AdditionalReferences.Add(application.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public void ADomainProject_ThatCallsNoInterfaceMethod_IsDecidedFromSyntax()
    {
        var domain = Compile("Shop.Domain", Domain);

        Assert.False(SummaryPrefilter.MayRecordCallSitesWithoutEfCore(domain, CancellationToken.None));
        Assert.Null(Generate(domain));
    }

    [Fact]
    public void AProjectCallingAnInterfaceMethod_OutsideLoopsEndpointsAndLocals_IsDecidedFromSyntax()
    {
        var compilation = Compile("Shop.Domain", Domain + """

            public static class Cleanup
            {
                public static void Clear(IHasEvents owner) => owner.ClearEvents();
            }
            """);

        Assert.False(SummaryPrefilter.MayRecordCallSitesWithoutEfCore(compilation, CancellationToken.None));
    }

    [Fact]
    public void ALoopOverAnInterfaceThisProjectImplements_IsNoCallSite()
    {
        var compilation = Compile("Shop.Domain", Domain + """

            public sealed class EventfulOrder : IHasEvents { public void ClearEvents() { } }

            public static class Cleanup
            {
                public static void ClearAll(IReadOnlyList<IHasEvents> owners)
                {
                    foreach (var owner in owners) owner.ClearEvents();
                }
            }
            """);

        // Syntax alone cannot tell (the prefilter lets it through); the symbols find the implementation.
        Assert.True(SummaryPrefilter.MayRecordCallSitesWithoutEfCore(compilation, CancellationToken.None));
        Assert.Null(Generate(compilation));
    }

    [Fact]
    public void ATestProjectWithoutEfCore_RecordsNoCallSite()
    {
        var compilation = Compile("Shop.Application.Tests", UpFixture.Usings + """
            namespace Shop.Application.Tests;

            public interface IOrders { Task<int> CountAsync(int id); }

            public class Checks(IOrders orders)
            {
                public async Task Run(int[] ids) { foreach (var id in ids) await orders.CountAsync(id); }
            }
            """);

        Assert.NotNull(Generate(compilation));
        Assert.Null(Generate(compilation, ("build_property.IsTestProject", "true")));
    }

    private static (EfFreeProject Domain, EfFreeProject Application) BuildLayers()
    {
        var domain = EfFreeProject.Build("Shop.Domain", Domain);
        var application = EfFreeProject.Build("Shop.Application", Application, domain.Reference);
        return (domain, application);
    }

    private static List<string> Records(string summary) =>
        summary.Split('\n')
            .Select(static line => line.Trim())
            .Where(static line => line.StartsWith("[assembly:", StringComparison.Ordinal))
            .Select(static line => line.Substring(line.IndexOf("\", ", StringComparison.Ordinal) + 3).TrimEnd(')', ']'))
            .ToList();

    private static ImmutableArray<MetadataReference> WithoutEfCore() =>
        TestReferences.All.Where(static r => !(r.Display ?? string.Empty).Contains("EntityFrameworkCore", StringComparison.Ordinal)).ToImmutableArray();

    private static CSharpCompilation Compile(string assemblyName, string source, params MetadataReference[] references) =>
        CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: assemblyName + ".cs") },
            WithoutEfCore().AddRange(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static string? Generate(Compilation compilation, params (string Key, string Value)[] globalOptions) =>
        DataAccessSummaryGenerator.Generate(compilation, new GlobalOptionsProvider(globalOptions), CancellationToken.None);

    /// <summary>A layer without EF Core, built with PerfGuard's generator and emitted to a file, as <c>dotnet build</c> hands it on.</summary>
    private sealed class EfFreeProject
    {
        private EfFreeProject(string path, string source, ImmutableDictionary<string, ImmutableArray<TextSpan>> spans, MetadataReference reference, string? summary)
        {
            Path = path;
            Source = source;
            Spans = spans;
            Reference = reference;
            Summary = summary;
        }

        public string Path { get; }

        public string Source { get; }

        public ImmutableDictionary<string, ImmutableArray<TextSpan>> Spans { get; }

        public MetadataReference Reference { get; }

        public string? Summary { get; }

        public static EfFreeProject Build(string assemblyName, string markup, params MetadataReference[] references)
        {
            TestFileMarkupParser.GetSpans(markup, out var source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
            var compilation = Compile(assemblyName, source, references);
            var summary = Generate(compilation);
            if (summary is not null)
            {
                compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(summary, new CSharpParseOptions(LanguageVersion.Latest), path: "PerfGuard.DataAccessSummary.g.cs"));
            }

            var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perfguard-efree-" + Guid.NewGuid().ToString("N"), assemblyName + ".dll");
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            var emitted = compilation.Emit(file);
            if (!emitted.Success)
            {
                throw new InvalidOperationException(string.Join(Environment.NewLine, emitted.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error)));
            }

            return new EfFreeProject(assemblyName + ".cs", source, spans, MetadataReference.CreateFromFile(file), summary);
        }

        public DiagnosticResult At(DiagnosticDescriptor rule, string key) => ReferencedProject.DiagnosticAt(rule, Path, Source, Spans[key].Single());
    }

    private sealed class GlobalOptionsProvider((string Key, string Value)[] values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
    {
        private readonly Options global = new(values.ToDictionary(static v => v.Key, static v => v.Value));

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => global;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
