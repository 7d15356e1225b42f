using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using PageSizeVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnboundedPageSizeFromRequestAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// PG0006 in the UP direction with a bound parameter object: an endpoint hands <c>[FromQuery] PagingParams p</c> whole
/// to a contract nothing in its project implements; the implementation, in a project built later, pages an EF query
/// with <c>p.PageSize</c>. The endpoint's project records the call site (v1p, detail "0.PageNumber,0.PageSize": the
/// properties it leaves unbounded); the first project that sees the implementation too reports at the endpoint's
/// argument, once, when every implementation takes one of those properties into Take unclamped.
/// </summary>
public sealed class UpDirectionPageSizeObjectTests
{
    private const string ApplicationPath = "Shop.Application.cs";

    private const string Contracts = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        namespace Shop.Application;

        public class Order { public int Id { get; set; } public string Number { get; set; } = ""; }

        public class PagingParams
        {
            public int PageNumber { get; set; } = 1;
            public int PageSize { get; set; } = 20;
        }

        public class ValidatedPaging
        {
            public int PageNumber { get; set; } = 1;
            [Range(1, 100)] public int PageSize { get; set; } = 20;
        }

        public class ClampingPaging
        {
            private int pageSize = 20;
            public int PageNumber { get; set; } = 1;
            public int PageSize { get => pageSize; set => pageSize = value > 100 ? 100 : value; }
        }

        public interface IOrderQueries
        {
            Task<List<Order>> ListAsync(PagingParams paging);
            Task<List<Order>> ClampedAsync(PagingParams paging);
            Task<List<Order>> GuardedAsync(PagingParams paging);
            Task<List<Order>> FixedAsync(PagingParams paging);
            Task<List<Order>> ValidatedAsync(ValidatedPaging paging);
            Task<List<Order>> ClampingSetterAsync(ClampingPaging paging);
        }

        """;

    private const string Endpoints = Contracts + """
        [ApiController, Route("api/orders")]
        public class OrdersController(IOrderQueries orders) : ControllerBase
        {
            [HttpGet]
            public Task<List<Order>> Page([FromQuery] PagingParams paging) => orders.ListAsync({|PG0006:paging|});

            // The implementation clamps, guards, or takes a constant: recorded, and the join stays quiet.
            [HttpGet("clamped")]
            public Task<List<Order>> Clamped([FromQuery] PagingParams paging) => orders.ClampedAsync(paging);

            [HttpGet("guarded")]
            public Task<List<Order>> Guarded([FromQuery] PagingParams paging) => orders.GuardedAsync(paging);

            [HttpGet("fixed")]
            public Task<List<Order>> Fixed([FromQuery] PagingParams paging) => orders.FixedAsync(paging);

            // The endpoint clamps the size before the call: only PageNumber is left unbounded, and no Take reads it.
            [HttpGet("bounded")]
            public Task<List<Order>> Bounded([FromQuery] PagingParams paging)
            {
                paging.PageSize = Math.Min(paging.PageSize, 100);
                return orders.ListAsync(paging);
            }

            // Bounded where it is declared: a validation attribute, a setter that clamps.
            [HttpGet("validated")]
            public Task<List<Order>> Validated([FromQuery] ValidatedPaging paging) => orders.ValidatedAsync(paging);

            [HttpGet("setter")]
            public Task<List<Order>> Setter([FromQuery] ClampingPaging paging) => orders.ClampingSetterAsync(paging);

            // Built by the endpoint, not bound from the request: not recorded.
            [HttpGet("built")]
            public Task<List<Order>> Built() => orders.ListAsync(new PagingParams { PageSize = 10 });
        }

        // Jellyfin's ActivityLogController: the endpoint builds the request object from its own parameters. One record per
        // property set from a request value, at that value; a clamped value, or a local used again, is none.
        [ApiController, Route("api/built")]
        public class BuiltController(IOrderQueries orders) : ControllerBase
        {
            [HttpGet]
            public Task<List<Order>> FromRequest(int page, int pageSize) => orders.ListAsync(new PagingParams { PageNumber = page, PageSize = {|PG0006B:pageSize|} });

            [HttpGet("local")]
            public async Task<List<Order>> InALocal([FromQuery] int size)
            {
                var paging = new PagingParams { PageSize = {|PG0006B:size|} };
                return await orders.ListAsync(paging).ConfigureAwait(false);
            }

            [HttpGet("clamped")]
            public Task<List<Order>> Clamped(int pageSize) => orders.ListAsync(new PagingParams { PageSize = Math.Min(pageSize, 100) });

            [HttpGet("normalised")]
            public Task<List<Order>> Normalised(int pageSize)
            {
                var paging = new PagingParams { PageSize = pageSize };
                paging.PageSize = Math.Min(paging.PageSize, 100);
                return orders.ListAsync(paging);
            }
        }

        public static class OrderEndpoints
        {
            public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app) =>
                Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/orders",
                    ([Microsoft.AspNetCore.Http.AsParameters] PagingParams paging, IOrderQueries orders) => orders.ListAsync({|PG0006:paging|}));
        }

        // Not an endpoint: the object does not come from a request.
        public class Exporter(IOrderQueries orders)
        {
            public Task<List<Order>> Batch(PagingParams paging) => orders.ListAsync(paging);
        }
        """;

    private const string Infrastructure = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop.Application;

        namespace Shop.Infrastructure;

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        public class OrderQueries(ShopContext db) : IOrderQueries
        {
            public Task<List<Order>> ListAsync(PagingParams paging) =>
                db.Orders.OrderBy(o => o.Id).Skip((paging.PageNumber - 1) * paging.PageSize).Take(paging.PageSize).ToListAsync();

            public Task<List<Order>> ClampedAsync(PagingParams paging) =>
                db.Orders.OrderBy(o => o.Id).Take(Math.Min(paging.PageSize, 100)).ToListAsync();

            public Task<List<Order>> GuardedAsync(PagingParams paging)
            {
                if (paging.PageSize > 100)
                {
                    paging.PageSize = 100;
                }

                return db.Orders.OrderBy(o => o.Id).Take(paging.PageSize).ToListAsync();
            }

            public Task<List<Order>> FixedAsync(PagingParams paging) =>
                db.Orders.OrderBy(o => o.Id).Skip(paging.PageNumber * 20).Take(20).ToListAsync();

            public Task<List<Order>> ValidatedAsync(ValidatedPaging paging) =>
                db.Orders.OrderBy(o => o.Id).Take(paging.PageSize).ToListAsync();

            public Task<List<Order>> ClampingSetterAsync(ClampingPaging paging) =>
                db.Orders.OrderBy(o => o.Id).Take(paging.PageSize).ToListAsync();
        }
        """;

    private const string WebProgram = """
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.DependencyInjection;
        using Shop.Infrastructure;

        var services = new ServiceCollection();
        services.AddDbContext<ShopContext>(o => o.EnableSensitiveDataLogging());
        System.Console.WriteLine(services.Count);
        """;

    [ThreadStatic]
    private static string? ApplicationSource;

    [Fact]
    public void TheCallSites_RecordTheUnboundedPropertiesOfBoundObjectsOnly()
    {
        var application = Build(Endpoints, out _);
        var records = application.Summary!.Split('\n').Where(static l => l.Contains("\"v1p\\t", StringComparison.Ordinal)).ToList();

        // Page, Clamped, Guarded, Fixed and the minimal-API lambda hand the whole object on: both properties.
        Assert.Equal(5, records.Count(static l => l.EndsWith("\\tpaging\\t100\\t0.PageNumber,0.PageSize\")]", StringComparison.Ordinal)));
        Assert.Single(records, static l => l.Contains("IOrderQueries.GuardedAsync", StringComparison.Ordinal));

        // Bounded clamps PageSize before the call, ValidatedPaging's size has [Range], ClampingPaging's setter clamps:
        // only PageNumber is left.
        Assert.Equal(3, records.Count(static l => l.EndsWith("\\tpaging\\t100\\t0.PageNumber\")]", StringComparison.Ordinal)));
        Assert.Single(records, static l => l.Contains("IOrderQueries.ValidatedAsync", StringComparison.Ordinal));
        Assert.Single(records, static l => l.Contains("IOrderQueries.ClampingSetterAsync", StringComparison.Ordinal));

        // Built from request values: one record per property, at the value ("=0.PageSize"); FromRequest's PageNumber too.
        Assert.Equal(2, records.Count(static l => l.EndsWith("\\t=0.PageSize\")]", StringComparison.Ordinal)));
        Assert.Single(records, static l => l.EndsWith("\\tpage\\t100\\t=0.PageNumber\")]", StringComparison.Ordinal));

        // The object the endpoint builds from constants, a clamped or normalised value, and the exporter's parameter: none.
        Assert.Equal(11, records.Count);
    }

    [Fact]
    public Task Infrastructure_ReportsTheEndpointsArgument_WhenItsImplementationTakesThePageSizeUnclamped()
    {
        var application = Build(Endpoints, out var spans);
        var test = new PageSizeVerifier.Test { TestCode = Infrastructure };
        test.TestState.AdditionalReferences.Add(application.Reference);
        foreach (var span in spans["PG0006"])
        {
            test.ExpectedDiagnostics.Add(At(span).WithArguments("paging.PageSize", 100, "ListAsync"));
        }

        // A built object's property is named by its value, as one compilation names it.
        foreach (var span in spans["PG0006B"])
        {
            test.ExpectedDiagnostics.Add(At(span).WithArguments(ApplicationSource!.Substring(span.Start, span.Length), 100, "ListAsync"));
        }

        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task OneImplementationThatClamps_KeepsTheJoinQuiet()
    {
        // Every implementation must take it unclamped: the cached one may be the one that runs.
        var application = Build(Endpoints.Replace("{|PG0006:paging|}", "paging"), out _);
        var test = new PageSizeVerifier.Test { TestCode = Infrastructure + """

            public class CachedOrderQueries(ShopContext db) : IOrderQueries
            {
                public Task<List<Order>> ListAsync(PagingParams paging) => db.Orders.OrderBy(o => o.Id).Take(Math.Clamp(paging.PageSize, 1, 50)).ToListAsync();
                public Task<List<Order>> ClampedAsync(PagingParams paging) => ListAsync(paging);
                public Task<List<Order>> GuardedAsync(PagingParams paging) => ListAsync(paging);
                public Task<List<Order>> FixedAsync(PagingParams paging) => ListAsync(paging);
                public Task<List<Order>> ValidatedAsync(ValidatedPaging paging) => db.Orders.Take(10).ToListAsync();
                public Task<List<Order>> ClampingSetterAsync(ClampingPaging paging) => db.Orders.Take(10).ToListAsync();
            }
            """ };
        test.TestState.AdditionalReferences.Add(application.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task TheRootOverInfrastructure_StaysQuiet()
    {
        // Infrastructure was the first to see both sides and reported them in its build.
        var application = Build(Endpoints, out _);
        var infrastructure = ReferencedProject.Build("Shop.Infrastructure", Infrastructure, references: application);
        var test = new PageSizeVerifier.Test { TestCode = WebProgram };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.AdditionalReferences.Add(application.Reference);
        test.TestState.AdditionalReferences.Add(infrastructure.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Siblings_TheRootJoinsTheEndpointWithTheImplementationsRecord()
    {
        // Contracts alone; the endpoints and the implementation are siblings that reference it. Only the root sees both,
        // the implementation through its record (field 8: "0.PageSize").
        var contracts = ReferencedProject.Build("Shop.Contracts", Contracts);
        TestFileMarkupParser.GetSpans(Endpoints.Replace(Contracts, ApiHeader), out var apiSource, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        ApplicationSource = apiSource;
        var api = ReferencedProject.Build("Shop.Application", apiSource, references: contracts);
        var infrastructure = ReferencedProject.Build("Shop.Infrastructure", Infrastructure, references: contracts);
        Assert.Contains("0.PageSize", infrastructure.Summary!, StringComparison.Ordinal);

        var test = new PageSizeVerifier.Test { TestCode = WebProgram };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.AdditionalReferences.Add(contracts.Reference);
        test.TestState.AdditionalReferences.Add(api.Reference);
        test.TestState.AdditionalReferences.Add(infrastructure.Reference);
        foreach (var span in spans["PG0006"])
        {
            test.ExpectedDiagnostics.Add(At(span).WithArguments("paging.PageSize", 100, "ListAsync"));
        }

        // A built object's property is named by its value, as one compilation names it.
        foreach (var span in spans["PG0006B"])
        {
            test.ExpectedDiagnostics.Add(At(span).WithArguments(ApplicationSource!.Substring(span.Start, span.Length), 100, "ListAsync"));
        }

        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public void TheNewForm_IsSkippedByAReaderThatKnowsOnlyOrdinals_AndTheOldFormReadsAsBefore()
    {
        var span = new TextSpan(10, 6);
        var lines = new LinePositionSpan(new LinePosition(1, 2), new LinePosition(1, 8));
        var objectForm = CallSiteRecord.Decode(new CallSiteRecord(
            CallSiteKind.PageSize, "M:Shop.IQ.ListAsync(Shop.P)", "Api.cs", span, lines, "paging", "100", "0.PageNumber,0.PageSize").Encode());
        Assert.NotNull(objectForm);

        // An older PerfGuard joined only when the detail parsed as an ordinal: -1 made it return without a report.
        Assert.Equal(-1, objectForm.ArgumentOrdinal);
        Assert.True(objectForm.PageSizeProperties.ContainsProperty(0, "PageSize"));
        Assert.True(objectForm.PageSizeProperties.ContainsProperty(0, "PageNumber"));

        var integral = CallSiteRecord.Decode(new CallSiteRecord(
            CallSiteKind.PageSize, "M:Shop.IQ.PageAsync(System.Int32)", "Api.cs", span, lines, "pageSize", "100", "1").Encode());
        Assert.Equal(1, integral!.ArgumentOrdinal);
        Assert.True(integral.PageSizeProperties.IsEmpty);

        // A damaged detail reads as nothing to join, never as an exception.
        var damaged = CallSiteRecord.Decode("v1p\tM:Shop.IQ.ListAsync(Shop.P)\tApi.cs\t10\t6\t1\t2\t1\t8\tpaging\t100\t0.Page Size,x.y,.");
        Assert.Equal(-1, damaged!.ArgumentOrdinal);
        Assert.True(damaged.PageSizeProperties.IsEmpty);
    }

    private const string ApiHeader = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        namespace Shop.Application;

        """;

    private static ReferencedProject Build(string markup, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans)
    {
        TestFileMarkupParser.GetSpans(markup, out var source, out spans);
        ApplicationSource = source;
        return ReferencedProject.Build("Shop.Application", source);
    }

    private static DiagnosticResult At(TextSpan span) =>
        ReferencedProject.DiagnosticAt(UnboundedPageSizeFromRequestAnalyzer.CrossProjectRule, ApplicationPath, ApplicationSource!, span);
}
