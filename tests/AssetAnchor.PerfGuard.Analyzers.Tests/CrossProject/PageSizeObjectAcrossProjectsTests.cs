using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using PageSizeVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnboundedPageSizeFromRequestAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// PG0006 when the repository that pages with a parameter object's PageSize sits in a referenced project: field 8 of
/// its record names the property ("1.PageSize"), and a reader that knows only ordinals skips it.
/// </summary>
public sealed class PageSizeObjectAcrossProjectsTests
{
    private const string Infrastructure = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        namespace Shop.Infrastructure;

        public class Order { public int Id { get; set; } }

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        public class UserParams
        {
            private readonly int _pageSize = int.MaxValue;
            public int PageNumber { get; init; } = 1;
            public int PageSize { get => _pageSize; init => _pageSize = value == 0 ? int.MaxValue : value; }
        }

        public class ClampedParams
        {
            private int _pageSize = 20;
            public int PageSize { get => _pageSize; set => _pageSize = Math.Clamp(value, 1, 100); }
        }

        public class PagedList<T> : List<T>
        {
            private PagedList(IEnumerable<T> items) => AddRange(items);

            public static async Task<PagedList<T>> CreateAsync(IQueryable<T> source, int pageNumber, int pageSize) =>
                new(await source.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToListAsync());
        }

        public interface IOrderRepository
        {
            Task<PagedList<Order>> GetOrdersAsync(int customerId, UserParams userParams);
            Task<PagedList<Order>> GetClampedAsync(int customerId, UserParams userParams);
            Task<List<Order>> GetWithClampedParamsAsync(ClampedParams paging);
        }

        public class OrderRepository(ShopContext db) : IOrderRepository
        {
            public Task<PagedList<Order>> GetOrdersAsync(int customerId, UserParams userParams) =>
                PagedList<Order>.CreateAsync(db.Orders.OrderBy(o => o.Id), userParams.PageNumber, userParams.PageSize);

            public Task<PagedList<Order>> GetClampedAsync(int customerId, UserParams userParams) =>
                PagedList<Order>.CreateAsync(db.Orders.OrderBy(o => o.Id), userParams.PageNumber, Math.Min(userParams.PageSize, 50));

            public Task<List<Order>> GetWithClampedParamsAsync(ClampedParams paging) => db.Orders.OrderBy(o => o.Id).Take(paging.PageSize).ToListAsync();
        }
        """;

    private static readonly Lazy<ReferencedProject> Project = new(() => ReferencedProject.Build("Shop.Infrastructure", Infrastructure));

    [Fact]
    public void TheRecordNamesTheParameterObjectsProperty_OnlyWhereItIsUnbounded()
    {
        var records = Project.Value.Summary!.Split('\n').Where(static l => l.Contains("PerfGuard.DataAccess", StringComparison.Ordinal)).ToList();
        Assert.Contains(records, static r => r.Contains("M:Shop.Infrastructure.IOrderRepository.GetOrdersAsync(System.Int32,Shop.Infrastructure.UserParams)", StringComparison.Ordinal) &&
            r.Contains("\\t1.PageSize\\t", StringComparison.Ordinal));
        Assert.DoesNotContain(records, static r => r.Contains("GetClampedAsync", StringComparison.Ordinal) && r.Contains("PageSize\\t", StringComparison.Ordinal));
        Assert.DoesNotContain(records, static r => r.Contains("GetWithClampedParamsAsync", StringComparison.Ordinal) && r.Contains("PageSize\\t", StringComparison.Ordinal));
    }

    [Fact]
    public void Field8_RoundTripsPropertiesBesideOrdinals_AndSkipsWhatItCannotRead()
    {
        var set = ParameterSet.FromOrdinals(new[] { 0, 2 }).AddProperty(1, "PageSize");
        var decoded = MethodSummary.Decode(new MethodSummary("M:A.R.Get", null, SummaryRows.None, null, null, ordered: false, set).Encode())!;
        Assert.True(decoded.PageSizeParameters.Contains(0));
        Assert.True(decoded.PageSizeParameters.Contains(2));
        Assert.False(decoded.PageSizeParameters.Contains(1));
        Assert.True(decoded.PageSizeParameters.ContainsProperty(1, "PageSize"));
        Assert.False(decoded.PageSizeParameters.ContainsProperty(0, "PageSize"));

        // An ordinals-only field of an older writer, and parts this version does not know, leave the rest readable.
        var old = MethodSummary.Decode("v1\tM:A.R.Get\t\t-\t\t\t-\t1,x.y,2.Page Size,3.\t")!;
        Assert.True(old.PageSizeParameters.Contains(1));
        Assert.Empty(old.PageSizeParameters.PropertiesOf(2));
        Assert.Empty(old.PageSizeParameters.PropertiesOf(3));

        // Every record must agree (PG0006's policy for several implementations).
        Assert.True(set.Intersect(ParameterSet.None.AddProperty(1, "PageSize")).ContainsProperty(1, "PageSize"));
        Assert.False(set.Intersect(ParameterSet.FromOrdinals(new[] { 0 })).ContainsProperty(1, "PageSize"));
        Assert.True(ParameterSet.All.Intersect(set).ContainsProperty(1, "PageSize"));
    }

    [Fact]
    public Task BoundObjectIntoAReferencedRepository_IsJudgedByItsRecord() => Verify("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Shop.Infrastructure;

        [ApiController, Route("api/orders")]
        public class OrdersController(IOrderRepository orders) : ControllerBase
        {
            [HttpGet("{customerId}")]
            public Task<PagedList<Order>> Get(int customerId, [FromQuery] UserParams userParams) => orders.GetOrdersAsync(customerId, {|PG0006:userParams|});

            [HttpGet("{customerId}/clamped")]
            public Task<PagedList<Order>> Clamped(int customerId, [FromQuery] UserParams userParams) => orders.GetClampedAsync(customerId, userParams);

            [HttpGet("paging")]
            public Task<List<Order>> Paging([FromQuery] ClampedParams paging) => orders.GetWithClampedParamsAsync(paging);
        }
        """);

    private static Task Verify(string source)
    {
        var test = new PageSizeVerifier.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(Project.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
