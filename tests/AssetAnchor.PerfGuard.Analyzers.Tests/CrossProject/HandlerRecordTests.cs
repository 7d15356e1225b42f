using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RoundTripVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;
using EndpointVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnpaginatedCollectionEndpointAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// Handlers across projects, the shape of Clean Architecture templates: Domain declares <c>IRepository&lt;T&gt;</c>;
/// Application (no EF Core) holds the requests, its own dispatcher and internal handlers that reach their rows through
/// <c>IRepository&lt;T&gt;.ToListAsync(GetQueryableSet())</c>; Persistence implements the repository with EF Core and does
/// not reference Application; the web project references all three. Application records each request's handler with
/// the facts that wait for the repository's implementation; the web project completes them.
/// </summary>
public sealed class HandlerRecordTests
{
    private const string Domain = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        namespace Shop.Domain;

        public class Product { public int Id { get; set; } public string Name { get; set; } = ""; public bool Active { get; set; } }

        public interface IRepository<T> where T : class
        {
            IQueryable<T> GetQueryableSet();
            Task<List<TResult>> ToListAsync<TResult>(IQueryable<TResult> query);
            Task<TResult?> FirstOrDefaultAsync<TResult>(IQueryable<TResult> query);
            Task<List<TResult>> PageAsync<TResult>(IQueryable<TResult> query, int page);
        }
        """;

    private const string Application = $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Shop.Domain;

        namespace Shop.Application;

        {{SolutionDispatcher.WithLookAlike}}

        public class GetProductsQuery : IQuery<List<Product>> { }

        internal class GetProductsQueryHandler(IRepository<Product> products) : IQueryHandler<GetProductsQuery, List<Product>>
        {
            public async Task<List<Product>> HandleAsync(GetProductsQuery query, CancellationToken cancellationToken = default) =>
                await products.ToListAsync(products.GetQueryableSet());
        }

        public class GetActiveProductsQuery : IQuery<List<Product>> { }

        internal class GetActiveProductsQueryHandler(IRepository<Product> products) : IQueryHandler<GetActiveProductsQuery, List<Product>>
        {
            public async Task<List<Product>> HandleAsync(GetActiveProductsQuery query, CancellationToken cancellationToken = default)
            {
                var active = products.GetQueryableSet().Where(p => p.Active).OrderBy(p => p.Name);
                return await products.ToListAsync(active);
            }
        }

        public class GetRecentProductsQuery : IQuery<List<Product>> { }

        internal class GetRecentProductsQueryHandler(IRepository<Product> products) : IQueryHandler<GetRecentProductsQuery, List<Product>>
        {
            public Task<List<Product>> HandleAsync(GetRecentProductsQuery query, CancellationToken cancellationToken = default) =>
                products.ToListAsync(products.GetQueryableSet().OrderByDescending(p => p.Id).Take(20));
        }

        public class GetProductPageQuery : IQuery<List<Product>> { public int Page { get; set; } }

        internal class GetProductPageQueryHandler(IRepository<Product> products) : IQueryHandler<GetProductPageQuery, List<Product>>
        {
            public Task<List<Product>> HandleAsync(GetProductPageQuery query, CancellationToken cancellationToken = default) =>
                products.PageAsync(products.GetQueryableSet(), query.Page);
        }

        public record GetProductQuery(int Id) : IQuery<Product?>;

        internal class GetProductQueryHandler(IRepository<Product> products) : IQueryHandler<GetProductQuery, Product?>
        {
            public Task<Product?> HandleAsync(GetProductQuery query, CancellationToken cancellationToken = default) =>
                products.FirstOrDefaultAsync(products.GetQueryableSet().Where(p => p.Id == query.Id));
        }

        public record FormatQuery(string Name) : IQuery<string>;

        internal class FormatQueryHandler : IQueryHandler<FormatQuery, string>
        {
            public Task<string> HandleAsync(FormatQuery query, CancellationToken cancellationToken = default) => Task.FromResult(query.Name.ToUpperInvariant());
        }

        // A handler of every entity type: recorded under the request's generic definition.
        public class GetAllQuery<T> : IQuery<List<T>> where T : class { }

        internal class GetAllQueryHandler<T>(IRepository<T> repository) : IQueryHandler<GetAllQuery<T>, List<T>> where T : class
        {
            public Task<List<T>> HandleAsync(GetAllQuery<T> query, CancellationToken cancellationToken = default) =>
                repository.ToListAsync(repository.GetQueryableSet());
        }

        // A MediatR request: Send runs its one handler.
        public record ListProductsRequest : MediatR.IRequest<List<Product>>;

        internal class ListProductsRequestHandler(IRepository<Product> products) : MediatR.IRequestHandler<ListProductsRequest, List<Product>>
        {
            public Task<List<Product>> Handle(ListProductsRequest request, CancellationToken cancellationToken) =>
                products.ToListAsync(products.GetQueryableSet().Select(p => p));
        }

        // MediatR notifications: every handler runs on Publish.
        public record ProductViewed(int Id) : MediatR.INotification;

        internal class LogProductViewed : MediatR.INotificationHandler<ProductViewed>
        {
            public Task Handle(ProductViewed notification, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        internal class LoadViewedProduct(IRepository<Product> products) : MediatR.INotificationHandler<ProductViewed>
        {
            public async Task Handle(ProductViewed notification, CancellationToken cancellationToken) =>
                _ = await products.FirstOrDefaultAsync(products.GetQueryableSet().Where(p => p.Id == notification.Id));
        }

        public record ProductShared(int Id) : MediatR.INotification;

        internal class LogProductShared : MediatR.INotificationHandler<ProductShared>
        {
            public Task Handle(ProductShared notification, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    private const string Persistence = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop.Domain;

        namespace Shop.Persistence;

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Product> Products => Set<Product>();
        }

        public class Repository<T>(ShopContext db) : IRepository<T> where T : class
        {
            public IQueryable<T> GetQueryableSet() => db.Set<T>();
            public Task<List<TResult>> ToListAsync<TResult>(IQueryable<TResult> query) => query.ToListAsync();
            public Task<TResult?> FirstOrDefaultAsync<TResult>(IQueryable<TResult> query) => query.FirstOrDefaultAsync();
            public Task<List<TResult>> PageAsync<TResult>(IQueryable<TResult> query, int page) => query.Skip(page * 20).Take(20).ToListAsync();
        }
        """;

    // A second implementation of the repository that caps every list: the web project cannot know which one runs.
    private const string CappedPersistence = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop.Domain;

        namespace Shop.Persistence.Capped;

        public class CappedContext(DbContextOptions<CappedContext> options) : DbContext(options)
        {
            public DbSet<Product> Products => Set<Product>();
        }

        public class CappedRepository<T>(CappedContext db) : IRepository<T> where T : class
        {
            public IQueryable<T> GetQueryableSet() => db.Set<T>();
            public Task<List<TResult>> ToListAsync<TResult>(IQueryable<TResult> query) => query.Take(100).ToListAsync();
            public Task<TResult?> FirstOrDefaultAsync<TResult>(IQueryable<TResult> query) => query.FirstOrDefaultAsync();
            public Task<List<TResult>> PageAsync<TResult>(IQueryable<TResult> query, int page) => query.Skip(page * 20).Take(20).ToListAsync();
        }
        """;

    private const string MediatorStubs = """
        using System.Threading;
        using System.Threading.Tasks;

        namespace MediatR;

        public interface INotification { }

        public interface IRequest<out TResponse> { }

        public interface ISender
        {
            Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default);
        }

        public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse>
        {
            Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
        }

        public interface IPublisher
        {
            Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : INotification;
        }

        public interface INotificationHandler<in TNotification> where TNotification : INotification
        {
            Task Handle(TNotification notification, CancellationToken cancellationToken);
        }
        """;

    private const string WebUsings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Shop.Application;
        using Shop.Domain;

        """;

    private static readonly Lazy<MetadataReference> Mediator = new(() => BuildLibrary("MediatR", MediatorStubs, withEfCore: false, withPerfGuard: false).Reference);
    private static readonly Lazy<(MetadataReference Reference, string? Summary)> DomainProject = new(() => BuildLibrary("Shop.Domain", Domain, withEfCore: false, withPerfGuard: true));
    private static readonly Lazy<(MetadataReference Reference, string? Summary)> ApplicationProject = new(() =>
        BuildLibrary("Shop.Application", Application, withEfCore: false, withPerfGuard: true, DomainProject.Value.Reference, Mediator.Value));
    private static readonly Lazy<(MetadataReference Reference, string? Summary)> PersistenceProject = new(() =>
        BuildLibrary("Shop.Persistence", Persistence, withEfCore: true, withPerfGuard: true, DomainProject.Value.Reference));

    [Fact]
    public void ApplicationWithoutEfCore_RecordsItsHandlersAndDispatcher_WithTheFactsThatWaitForTheRepository()
    {
        var summary = ApplicationProject.Value.Summary;
        Assert.NotNull(summary);
        var records = summary!.Split('\n').Where(static l => l.Contains("PerfGuard.DataAccess", StringComparison.Ordinal)).ToList();

        // No "v1" marker: the project has no EF Core, its methods are not summarised.
        Assert.DoesNotContain(records, static r => r.Contains("\"PerfGuard.DataAccess\", \"v1\")", StringComparison.Ordinal));
        Assert.Contains(records, static r => r.Contains("v1d\\tM:Shop.Application.Dispatcher.DispatchAsync``1", StringComparison.Ordinal));
        Assert.DoesNotContain(records, static r => r.Contains("Describe", StringComparison.Ordinal));

        // ToListAsync passes argument 0 through; GetQueryableSet is the leaf.
        Assert.Contains(records, static r => r.Contains("v1h\\tT:Shop.Application.GetProductsQuery\\t", StringComparison.Ordinal) &&
            r.Contains("M:Shop.Domain.IRepository`1.ToListAsync``1(System.Linq.IQueryable{``0})#0|M:Shop.Domain.IRepository`1.GetQueryableSet", StringComparison.Ordinal));
        Assert.Contains(records, static r => r.Contains("v1h\\tT:Shop.Application.GetAllQuery`1\\t", StringComparison.Ordinal));

        // A Take is a bound: no deferred rows for the recent products (its round trip still waits for the repository).
        var recent = Assert.Single(records, static r => r.Contains("v1h\\tT:Shop.Application.GetRecentProductsQuery\\t", StringComparison.Ordinal));
        Assert.DoesNotContain("#0", recent, StringComparison.Ordinal);
        Assert.EndsWith("|M:Shop.Domain.IRepository`1.GetQueryableSet\\t\")]", recent.TrimEnd(), StringComparison.Ordinal);

        // A handler with nothing to record is not written.
        Assert.DoesNotContain(records, static r => r.Contains("FormatQuery", StringComparison.Ordinal) || r.Contains("LogProductShared", StringComparison.Ordinal));
    }

    [Fact]
    public void PersistenceRecordsThatToListAsyncReturnsTheRowsOfItsArgument()
    {
        var summary = PersistenceProject.Value.Summary;
        Assert.NotNull(summary);
        Assert.Contains("M:Shop.Domain.IRepository`1.ToListAsync``1(System.Linq.IQueryable{``0})\\tToListAsync -> ToListAsync\\t-\\t\\t\\t-\\t\\t\\t0", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("PageAsync``1(System.Linq.IQueryable{``0},System.Int32)\\tPageAsync -> ToListAsync\\t-\\t\\t\\t-\\t\\t\\t0", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void HandlerRecordRoundTripsThroughEncoding()
    {
        var record = new HandlerRecord(
            "T:A.Q", "M:A.H.HandleAsync(A.Q)", "HandleAsync", null, SummaryRows.None, "T:A.Row", "rows\twith tab", ordered: true,
            ImmutableArray.Create("M:A.IRepo.Count"), ImmutableArray.Create(new HandlerRecord.RowsStep("M:A.IRepo.ToList(A.Q)", 0), new HandlerRecord.RowsStep("M:A.IRepo.All", -1)));
        var decoded = HandlerRecord.Decode(record.Encode());
        Assert.NotNull(decoded);
        Assert.Equal("T:A.Q", decoded!.RequestId);
        Assert.Equal("rows with tab", decoded.QueryText);
        Assert.True(decoded.Ordered);
        Assert.Equal(new[] { "M:A.IRepo.Count" }, decoded.DeferredRoundTrips);
        Assert.Equal(2, decoded.DeferredRows.Length);
        Assert.Equal(0, decoded.DeferredRows[0].PassedOrdinal);
        Assert.Equal(-1, decoded.DeferredRows[1].PassedOrdinal);
        Assert.Null(HandlerRecord.Decode("v1\tM:X\t\t-\t\t\t-"));
        Assert.Null(MethodSummary.Decode(record.Encode()));
        Assert.Null(CallSiteRecord.Decode(record.Encode()));
    }

    [Fact]
    public Task WebEndpoints_ReturningADispatchedQuery_ArePG0004_WhenEveryRowComesBack() => VerifyEndpoints(WebUsings + """
        [ApiController]
        [Route("products")]
        public class ProductsController(Dispatcher dispatcher) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> {|PG0004:Get|}() => Ok(await dispatcher.DispatchAsync(new GetProductsQuery()));

            [HttpGet("active")]
            public async Task<List<Product>> {|PG0004:Active|}()
            {
                var products = await dispatcher.DispatchAsync(new GetActiveProductsQuery());
                return products;
            }

            [HttpGet("all")]
            public Task<List<Product>> {|PG0004:All|}() => dispatcher.DispatchAsync(new GetAllQuery<Product>());

            [HttpGet("recent")]
            public Task<List<Product>> Recent() => dispatcher.DispatchAsync(new GetRecentProductsQuery());

            [HttpGet("page")]
            public Task<List<Product>> Page(int page) => dispatcher.DispatchAsync(new GetProductPageQuery { Page = page });

            [HttpGet("{id}")]
            public Task<Product?> One(int id) => dispatcher.DispatchAsync(new GetProductQuery(id));

            [HttpGet("described")]
            public Task<List<Product>> Described() => dispatcher.Describe(new GetProductsQuery());
        }

        [ApiController]
        [Route("catalogue")]
        public class CatalogueController(MediatR.ISender sender) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> {|PG0004:Get|}() => Ok(await sender.Send(new ListProductsRequest()));
        }
        """, withPersistence: true);

    [Fact]
    public Task WithoutTheRepositoryImplementation_TheChainIsIncomplete_AndNothingIsReported() => VerifyEndpoints(WebUsings + """
        [ApiController]
        [Route("products")]
        public class ProductsController(Dispatcher dispatcher) : ControllerBase
        {
            [HttpGet]
            public async Task<IActionResult> Get() => Ok(await dispatcher.DispatchAsync(new GetProductsQuery()));
        }
        """, withPersistence: false);

    [Fact]
    public Task WebLoops_DispatchingAQueryWhoseHandlerQueries_ArePG0001() => VerifyRoundTrips(WebUsings + """
        public class ProductLabels(Dispatcher dispatcher, MediatR.IPublisher publisher)
        {
            public async Task<List<string>> Names(List<int> ids)
            {
                var names = new List<string>();
                foreach (var id in ids)
                {
                    var product = await {|#0:dispatcher.DispatchAsync(new GetProductQuery(id))|};
                    names.Add(await dispatcher.DispatchAsync(new FormatQuery(product?.Name ?? "")));
                    names.Add((await dispatcher.Describe(new GetProductQuery(id)))?.Name ?? "");
                }
                return names;
            }

            public async Task Viewed(List<int> ids)
            {
                foreach (var id in ids)
                {
                    await {|#1:publisher.Publish(new ProductViewed(id))|};
                    await publisher.Publish(new ProductShared(id));
                }
            }
        }
        """, withPersistence: true,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult("PG0001", DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("DispatchAsync(GetProductQuery) -> HandleAsync -> FirstOrDefaultAsync -> FirstOrDefaultAsync", "foreach loop", "load the rows once before it"),
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult("PG0001", DiagnosticSeverity.Warning).WithLocation(1)
            .WithArguments("Publish(ProductViewed) -> Handle -> FirstOrDefaultAsync -> FirstOrDefaultAsync", "foreach loop", "load the rows once before it"));

    [Fact]
    public Task WebLoops_WithoutTheRepositoryImplementation_AreNotReported() => VerifyRoundTrips(WebUsings + """
        public class ProductLabels(Dispatcher dispatcher)
        {
            public async Task<int> Count(List<int> ids)
            {
                var found = 0;
                foreach (var id in ids) if (await dispatcher.DispatchAsync(new GetProductQuery(id)) is not null) found++;
                return found;
            }
        }
        """, withPersistence: false);

    [Fact]
    public Task OneImplementationOfTheRepositoryCapsTheList_NothingIsReported()
    {
        var capped = BuildLibrary("Shop.Persistence.Capped", CappedPersistence, withEfCore: true, withPerfGuard: true, DomainProject.Value.Reference);
        // The capped implementation records bounded rows, not a pass-through: the chain through ToListAsync is bounded.
        Assert.Contains("ToListAsync``1(System.Linq.IQueryable{``0})\\tToListAsync -> ToListAsync\\tB\\t", capped.Summary, StringComparison.Ordinal);
        var test = new EndpointVerifier.Test
        {
            TestCode = WebUsings + """
                [ApiController]
                [Route("products")]
                public class ProductsController(Dispatcher dispatcher) : ControllerBase
                {
                    [HttpGet]
                    public async Task<IActionResult> Get() => Ok(await dispatcher.DispatchAsync(new GetProductsQuery()));
                }
                """,
        };
        AddReferences(test.TestState.AdditionalReferences, withPersistence: true);
        test.TestState.AdditionalReferences.Add(capped.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    private static Task VerifyEndpoints(string source, bool withPersistence)
    {
        var test = new EndpointVerifier.Test { TestCode = source };
        AddReferences(test.TestState.AdditionalReferences, withPersistence);
        return test.RunAsync(CancellationToken.None);
    }

    private static Task VerifyRoundTrips(string source, bool withPersistence, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new RoundTripVerifier.Test { TestCode = source };
        AddReferences(test.TestState.AdditionalReferences, withPersistence);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private static void AddReferences(Microsoft.CodeAnalysis.Testing.MetadataReferenceCollection references, bool withPersistence)
    {
        references.Add(Mediator.Value);
        references.Add(DomainProject.Value.Reference);
        references.Add(ApplicationProject.Value.Reference);
        if (withPersistence)
        {
            references.Add(PersistenceProject.Value.Reference);
        }
    }

    /// <summary>
    /// A library as `dotnet build` gives it to its dependents, with or without EF Core among its references (Domain and
    /// Application of a Clean Architecture template have none) and with or without PerfGuard's generator.
    /// </summary>
    private static (MetadataReference Reference, string? Summary) BuildLibrary(string assemblyName, string source, bool withEfCore, bool withPerfGuard, params MetadataReference[] references)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var tree = CSharpSyntaxTree.ParseText(source, parseOptions, path: assemblyName + ".cs");
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { tree },
            TestReferences.All.Where(r => withEfCore || !(r.Display ?? string.Empty).Contains("EntityFrameworkCore", StringComparison.Ordinal)).Concat(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        string? summary = null;
        if (withPerfGuard)
        {
            var driver = CSharpGeneratorDriver.Create(ImmutableArray.Create(new DataAccessSummaryGenerator().AsSourceGenerator()), parseOptions: parseOptions);
            var run = driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var diagnostics);
            Assert.Empty(diagnostics);
            compilation = (CSharpCompilation)generated;
            summary = run.GetRunResult().GeneratedTrees.SingleOrDefault()?.GetText().ToString();
        }

        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error)));
        return (MetadataReference.CreateFromImage(stream.ToArray()), summary);
    }
}
