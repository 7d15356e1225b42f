using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Tests.Rules;
using PageSizeVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnboundedPageSizeFromRequestAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// PG0006 through a dispatcher, Practical.CleanArchitecture's <c>GetPaged</c>: the endpoint builds
/// <c>new GetPagedOrdersQuery { Page = page, PageSize = pageSize }</c> from its parameters and sends it through the
/// solution's dispatcher (or MediatR's Send); an internal handler pages an EF query with <c>query.PageSize</c>. Down: the
/// handler's project records the fact in its <c>v1h</c> record (field 12, <c>0.PageSize</c>); in one compilation the
/// handler's body is read. A clamp anywhere on the way, a constant or a handler that does not page stays quiet.
/// </summary>
public sealed class PageSizeThroughDispatchTests
{
    private const string Application = $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        namespace Shop.Application;

        public class Order { public int Id { get; set; } }

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        public static class QueryableExtensions
        {
            public static IQueryable<T> Paged<T>(this IQueryable<T> source, int page, int pageSize) => source.Skip((page - 1) * pageSize).Take(pageSize);
        }

        {{SolutionDispatcher.WithLookAlike}}

        // pca's shape: the handler hands the request's PageSize to a paging helper of the solution.
        public class GetPagedOrdersQuery : IQuery<List<Order>>
        {
            public int Page { get; set; }
            public int PageSize { get; set; }
        }

        internal class GetPagedOrdersQueryHandler(ShopContext db) : IQueryHandler<GetPagedOrdersQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(GetPagedOrdersQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Paged(query.Page, query.PageSize).ToListAsync(cancellationToken);
        }

        public class GetClampedOrdersQuery : IQuery<List<Order>>
        {
            public int PageSize { get; set; }
        }

        internal class GetClampedOrdersQueryHandler(ShopContext db) : IQueryHandler<GetClampedOrdersQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(GetClampedOrdersQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Take(Math.Clamp(query.PageSize, 1, 100)).ToListAsync(cancellationToken);
        }

        public class GetGuardedOrdersQuery : IQuery<List<Order>>
        {
            public int PageSize { get; set; }
        }

        internal class GetGuardedOrdersQueryHandler(ShopContext db) : IQueryHandler<GetGuardedOrdersQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(GetGuardedOrdersQuery query, CancellationToken cancellationToken = default)
            {
                if (query.PageSize > 100)
                {
                    query.PageSize = 100;
                }

                return db.Orders.OrderBy(o => o.Id).Take(query.PageSize).ToListAsync(cancellationToken);
            }
        }

        // Carries a page size but does not page with it.
        public class CountOrdersQuery : IQuery<int>
        {
            public int PageSize { get; set; }
        }

        internal class CountOrdersQueryHandler(ShopContext db) : IQueryHandler<CountOrdersQuery, int>
        {
            public Task<int> HandleAsync(CountOrdersQuery query, CancellationToken cancellationToken = default) => db.Orders.CountAsync(cancellationToken);
        }

        public class GetSetterClampedQuery : IQuery<List<Order>>
        {
            private int _pageSize = 20;
            public int PageSize { get => _pageSize; set => _pageSize = Math.Min(value, 100); }
        }

        internal class GetSetterClampedQueryHandler(ShopContext db) : IQueryHandler<GetSetterClampedQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(GetSetterClampedQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Take(query.PageSize).ToListAsync(cancellationToken);
        }

        // Built through constructors: a positional record, and a class whose constructor stores its parameter.
        public record GetOrderPageQuery(int Page, int PageSize) : IQuery<List<Order>>;

        internal class GetOrderPageQueryHandler(ShopContext db) : IQueryHandler<GetOrderPageQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(GetOrderPageQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Paged(query.Page, query.PageSize).ToListAsync(cancellationToken);
        }

        public class OrderSliceQuery : IQuery<List<Order>>
        {
            public OrderSliceQuery(int page, int pageSize)
            {
                Page = page;
                PageSize = pageSize;
            }

            public int Page { get; set; }
            public int PageSize { get; set; }
        }

        internal class OrderSliceQueryHandler(ShopContext db) : IQueryHandler<OrderSliceQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(OrderSliceQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Skip(query.Page * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        }

        // No handler anywhere: the dispatcher's handler is unknown.
        public class GetUnhandledQuery : IQuery<List<Order>>
        {
            public int PageSize { get; set; }
        }
        """;

    // A project built by a PerfGuard release from before field 12 (hand-written records), with one damaged field 12.
    private const string OldApplication = """
        [assembly: System.Reflection.AssemblyMetadata("PerfGuard.DataAccess", "v1")]
        [assembly: System.Reflection.AssemblyMetadata("PerfGuard.DataAccess", "v1h\tT:Old.OldQuery\tM:Old.OldQueryHandler.HandleAsync(Old.OldQuery)\tHandleAsync\tHandleAsync -> ToListAsync\t-\t\t\t-\t\t")]
        [assembly: System.Reflection.AssemblyMetadata("PerfGuard.DataAccess", "v1h\tT:Old.DamagedQuery\tM:Old.DamagedQueryHandler.HandleAsync(Old.DamagedQuery)\tHandleAsync\tHandleAsync -> ToListAsync\t-\t\t\t-\t\t\t0.,.PageSize,99999999999.PageSize,0.Page Size,x")]
        [assembly: System.Reflection.AssemblyMetadata("PerfGuard.DataAccess", "v1h\tT:Old.NewQuery\tM:Old.NewQueryHandler.HandleAsync(Old.NewQuery)\tHandleAsync\tHandleAsync -> ToListAsync\t-\t\t\t-\t\t\t0.PageSize")]
        [assembly: System.Reflection.AssemblyMetadata("PerfGuard.DataAccess", "v1d\tM:Old.Bus.SendAsync``1(Old.IQuery{``0})")]

        namespace Old;

        public interface IQuery<TResult> { }

        public class OldQuery : IQuery<int> { public int PageSize { get; set; } }

        public class DamagedQuery : IQuery<int> { public int PageSize { get; set; } }

        public class NewQuery : IQuery<int> { public int PageSize { get; set; } }

        public class Bus
        {
            public System.Threading.Tasks.Task<T> SendAsync<T>(IQuery<T> query) => throw new System.NotSupportedException();
        }
        """;

    private static readonly Lazy<ReferencedProject> ApplicationProject = new(() => ReferencedProject.Build("Shop.Application", Application));
    private static readonly Lazy<ReferencedProject> OldProject = new(() => ReferencedProject.Build("Old.Application", OldApplication, withPerfGuard: false));

    [Fact]
    public void TheHandlerRecordCarriesTheRequestPropertyItPagesWith_OnlyWhereUnbounded()
    {
        var records = ApplicationProject.Value.Summary!.Split('\n').Where(static l => l.Contains("\"v1h\\t", StringComparison.Ordinal)).ToList();
        string Of(string request) => Assert.Single(records, r => r.Contains("v1h\\tT:Shop.Application." + request + "\\t", StringComparison.Ordinal));

        Assert.EndsWith("\\t0.PageSize\")]", Of("GetPagedOrdersQuery").TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith("\\t0.PageSize\")]", Of("GetOrderPageQuery").TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith("\\t0.PageSize\")]", Of("OrderSliceQuery").TrimEnd(), StringComparison.Ordinal);
        foreach (var quiet in new[] { "GetClampedOrdersQuery", "GetGuardedOrdersQuery", "CountOrdersQuery", "GetSetterClampedQuery" })
        {
            Assert.DoesNotContain("PageSize\")]", Of(quiet), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Field12_RoundTrips_AndAnOlderOrDamagedRecordHasNoFact()
    {
        var record = new HandlerRecord(
            "T:A.Q", "M:A.H.HandleAsync(A.Q)", "HandleAsync", null, SummaryRows.None, null, null, ordered: false,
            ImmutableArray<string>.Empty, ImmutableArray<HandlerRecord.RowsStep>.Empty, ParameterSet.None.AddProperty(0, "PageSize"));
        Assert.True(record.HasFacts);
        var decoded = HandlerRecord.Decode(record.Encode())!;
        Assert.True(decoded.PageSizes.ContainsProperty(0, "PageSize"));

        // Without the fact the record is written as before (eleven fields), and reads back without one.
        var old = new HandlerRecord("T:A.Q", "M:A.H.HandleAsync(A.Q)", "HandleAsync", "HandleAsync -> ToListAsync", SummaryRows.None, null, null, false, default, default);
        Assert.Equal(11, old.Encode().Split('\t').Length);
        Assert.True(HandlerRecord.Decode(old.Encode())!.PageSizes.IsEmpty);
        Assert.True(HandlerRecord.Decode("v1h\tT:A.Q\tM:A.H\tH\t\t-\t\t\t-\t\t\t0.,.x,99999999999.PageSize,0.Page Size,\t\t")!.PageSizes.IsEmpty);
    }

    [Fact]
    public Task Down_TheEndpointsArgumentIsReported_WhenTheRecordedHandlerPagesWithIt() => VerifyDown("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Shop.Application;

        public class PagingDto { public int Page { get; set; } public int Size { get; set; } }

        [ApiController, Route("orders")]
        public class OrdersController(Dispatcher dispatcher) : ControllerBase
        {
            [HttpGet("paged")]
            public async Task<ActionResult<List<Order>>> GetPaged(int page, int pageSize)
            {
                var orders = await dispatcher.DispatchAsync(new GetPagedOrdersQuery { Page = page, PageSize = {|PG0006:pageSize|} });
                return Ok(orders);
            }

            [HttpGet("dto")]
            public Task<List<Order>> FromDto([FromQuery] PagingDto paging) =>
                dispatcher.DispatchAsync(new GetPagedOrdersQuery { Page = paging.Page, PageSize = {|PG0006:paging.Size|} });

            [HttpGet("record")]
            public Task<List<Order>> Record(int page, int pageSize) => dispatcher.DispatchAsync(new GetOrderPageQuery(page, {|PG0006:pageSize|}));

            // The constructor's body is in another assembly: its plain stores are read from its v1s records (pg6ctor).
            [HttpGet("slice")]
            public Task<List<Order>> Slice(int page, int pageSize) => dispatcher.DispatchAsync(new OrderSliceQuery(page, {|PG0006:pageSize|}));

            [HttpGet("local")]
            public async Task<List<Order>> Local(int page, int pageSize)
            {
                var query = new GetPagedOrdersQuery { Page = page, PageSize = {|PG0006:pageSize|} };
                return await dispatcher.DispatchAsync(query);
            }

            // The local is used again: a clamp on its property (or a call that may normalise it) bounds the size.
            [HttpGet("local-clamped")]
            public async Task<List<Order>> LocalClamped(int page, int pageSize)
            {
                var query = new GetPagedOrdersQuery { Page = page, PageSize = pageSize };
                query.PageSize = Math.Min(query.PageSize, 100);
                return await dispatcher.DispatchAsync(query);
            }

            [HttpGet("local-reassigned")]
            public async Task<List<Order>> LocalReassigned(int page, int pageSize, bool small)
            {
                var query = new GetPagedOrdersQuery { Page = page, PageSize = pageSize };
                if (small)
                {
                    query = new GetPagedOrdersQuery { Page = page, PageSize = 10 };
                }

                return await dispatcher.DispatchAsync(query);
            }

            [HttpGet("clamped-here")]
            public Task<List<Order>> ClampedHere(int page, int pageSize)
            {
                pageSize = Math.Min(pageSize, 100);
                return dispatcher.DispatchAsync(new GetPagedOrdersQuery { Page = page, PageSize = pageSize });
            }

            [HttpGet("guarded-here")]
            public async Task<ActionResult<List<Order>>> GuardedHere(int page, int pageSize)
            {
                if (pageSize > 100)
                {
                    return BadRequest();
                }

                return await dispatcher.DispatchAsync(new GetPagedOrdersQuery { Page = page, PageSize = pageSize });
            }

            [HttpGet("clamped-inline")]
            public Task<List<Order>> ClampedInline(int page, int pageSize) =>
                dispatcher.DispatchAsync(new GetPagedOrdersQuery { Page = page, PageSize = Math.Clamp(pageSize, 1, 50) });

            [HttpGet("constant")]
            public Task<List<Order>> Constant(int page) => dispatcher.DispatchAsync(new GetPagedOrdersQuery { Page = page, PageSize = 20 });

            [HttpGet("clamped-in-handler")]
            public Task<List<Order>> ClampedInHandler(int pageSize) => dispatcher.DispatchAsync(new GetClampedOrdersQuery { PageSize = pageSize });

            [HttpGet("guarded-in-handler")]
            public Task<List<Order>> GuardedInHandler(int pageSize) => dispatcher.DispatchAsync(new GetGuardedOrdersQuery { PageSize = pageSize });

            [HttpGet("setter")]
            public Task<List<Order>> Setter(int pageSize) => dispatcher.DispatchAsync(new GetSetterClampedQuery { PageSize = pageSize });

            [HttpGet("count")]
            public Task<int> Count(int pageSize) => dispatcher.DispatchAsync(new CountOrdersQuery { PageSize = pageSize });

            [HttpGet("unhandled")]
            public Task<List<Order>> Unhandled(int pageSize) => dispatcher.DispatchAsync(new GetUnhandledQuery { PageSize = pageSize });

            [HttpGet("not-a-dispatcher")]
            public Task<List<Order>> NotADispatcher(int page, int pageSize) => dispatcher.Describe(new GetPagedOrdersQuery { Page = page, PageSize = pageSize });
        }
        """);

    [Fact]
    public Task Down_AnOlderRecordOrADamagedField12_StaysSilent_AFieldOfTheNewForm_IsRead() => VerifyWith(OldProject.Value, """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Old;

        [ApiController, Route("old")]
        public class OldController(Bus bus) : ControllerBase
        {
            [HttpGet("old")]
            public Task<int> OldRecord(int pageSize) => bus.SendAsync(new OldQuery { PageSize = pageSize });

            [HttpGet("damaged")]
            public Task<int> Damaged(int pageSize) => bus.SendAsync(new DamagedQuery { PageSize = pageSize });

            [HttpGet("new")]
            public Task<int> New(int pageSize) => bus.SendAsync(new NewQuery { PageSize = {|PG0006:pageSize|} });
        }
        """);

    [Fact]
    public Task OneCompilation_ASolutionsDispatcherAndMediatRSend_AreFollowedToTheHandlersBody() => VerifyOne(OneCompilationShop + $$"""
        {{AssetAnchorModel.MediatR}}

        public class GetClampedOrdersQuery : IQuery<List<Order>> { public int PageSize { get; set; } }

        internal class GetClampedOrdersQueryHandler(ShopContext db) : IQueryHandler<GetClampedOrdersQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(GetClampedOrdersQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Take(Math.Min(query.PageSize, 100)).ToListAsync(cancellationToken);
        }

        public class OrderSliceQuery : IQuery<List<Order>>
        {
            public OrderSliceQuery(int page, int pageSize)
            {
                Page = page;
                this.PageSize = pageSize;
            }

            public int Page { get; set; }
            public int PageSize { get; set; }
        }

        internal class OrderSliceQueryHandler(ShopContext db) : IQueryHandler<OrderSliceQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(OrderSliceQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Skip(query.Page * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        }

        // The constructor stores the size, then caps it: a body of anything but plain stores is not followed.
        public class CappedSliceQuery : IQuery<List<Order>>
        {
            public CappedSliceQuery(int pageSize)
            {
                PageSize = pageSize;
                if (PageSize > 100)
                {
                    PageSize = 100;
                }
            }

            public int PageSize { get; set; }
        }

        internal class CappedSliceQueryHandler(ShopContext db) : IQueryHandler<CappedSliceQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(CappedSliceQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Take(query.PageSize).ToListAsync(cancellationToken);
        }

        // Two handlers of one request (the solution registers one of them): every one must page with it unbounded.
        public class GetTwiceHandledQuery : IQuery<List<Order>> { public int PageSize { get; set; } }

        internal class PagingTwiceHandledHandler(ShopContext db) : IQueryHandler<GetTwiceHandledQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(GetTwiceHandledQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Take(query.PageSize).ToListAsync(cancellationToken);
        }

        internal class CappedTwiceHandledHandler(ShopContext db) : IQueryHandler<GetTwiceHandledQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(GetTwiceHandledQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Take(Math.Clamp(query.PageSize, 1, 50)).ToListAsync(cancellationToken);
        }

        public record ListOrders(int PageSize) : MediatR.IRequest<List<Order>>;

        internal class ListOrdersHandler(ShopContext db) : MediatR.IRequestHandler<ListOrders, List<Order>>
        {
            public Task<List<Order>> Handle(ListOrders request, CancellationToken cancellationToken) =>
                db.Orders.OrderBy(o => o.Id).Take(request.PageSize).ToListAsync(cancellationToken);
        }

        public record CountOrders(int PageSize) : MediatR.IRequest<int>;

        internal class CountOrdersHandler(ShopContext db) : MediatR.IRequestHandler<CountOrders, int>
        {
            public Task<int> Handle(CountOrders request, CancellationToken cancellationToken) => db.Orders.CountAsync(cancellationToken);
        }

        public record UnhandledOrders(int PageSize) : MediatR.IRequest<List<Order>>;

        [ApiController, Route("orders")]
        public class OrdersController(Dispatcher dispatcher, MediatR.ISender sender) : ControllerBase
        {
            [HttpGet("paged")]
            public Task<List<Order>> GetPaged(int page, int pageSize) =>
                dispatcher.DispatchAsync(new GetPagedOrdersQuery { Page = page, PageSize = {|PG0006:pageSize|} });

            [HttpGet("clamped-in-handler")]
            public Task<List<Order>> ClampedInHandler(int pageSize) => dispatcher.DispatchAsync(new GetClampedOrdersQuery { PageSize = pageSize });

            [HttpGet("clamped-here")]
            public Task<List<Order>> ClampedHere(int page, int pageSize) =>
                dispatcher.DispatchAsync(new GetPagedOrdersQuery { Page = page, PageSize = Math.Min(pageSize, 100) });

            [HttpGet("constant")]
            public Task<List<Order>> Constant(int page) => dispatcher.DispatchAsync(new GetPagedOrdersQuery { Page = page, PageSize = 25 });

            [HttpGet("slice")]
            public Task<List<Order>> Slice(int page, int pageSize) => dispatcher.DispatchAsync(new OrderSliceQuery(page, {|PG0006:pageSize|}));

            [HttpGet("capped-slice")]
            public Task<List<Order>> CappedSlice(int pageSize) => dispatcher.DispatchAsync(new CappedSliceQuery(pageSize));

            [HttpGet("twice")]
            public Task<List<Order>> Twice(int pageSize) => dispatcher.DispatchAsync(new GetTwiceHandledQuery { PageSize = pageSize });

            [HttpGet("mediator")]
            public Task<List<Order>> Mediator(int pageSize) => sender.Send(new ListOrders({|PG0006:pageSize|}));

            [HttpGet("mediator-count")]
            public Task<int> MediatorCount(int pageSize) => sender.Send(new CountOrders(pageSize));

            [HttpGet("mediator-unhandled")]
            public Task<List<Order>> MediatorUnhandled(int pageSize) => sender.Send(new UnhandledOrders(pageSize));
        }
        """);

    // AndiHahn's SearchBillsQuery: a get-only property the constructor stores the size in holds what the endpoint passed;
    // a computed one (a clamp in its getter) and a get-only one the constructor caps do not.
    [Fact]
    public Task OneCompilation_AGetOnlyPropertyTheConstructorStoresIn_CarriesTheEndpointsValue() => VerifyOne(OneCompilationShop + """
        public class SearchOrdersQuery : IQuery<List<Order>>
        {
            public SearchOrdersQuery(int page, int pageSize)
            {
                Page = page;
                PageSize = pageSize;
            }

            public int Page { get; }
            public int PageSize { get; }
        }

        internal class SearchOrdersQueryHandler(ShopContext db) : IQueryHandler<SearchOrdersQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(SearchOrdersQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Skip(query.Page * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        }

        public class CappedSearchQuery : IQuery<List<Order>>
        {
            public CappedSearchQuery(int pageSize) => PageSize = Math.Min(pageSize, 100);

            public int PageSize { get; }
        }

        internal class CappedSearchQueryHandler(ShopContext db) : IQueryHandler<CappedSearchQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(CappedSearchQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Take(query.PageSize).ToListAsync(cancellationToken);
        }

        public class ComputedSearchQuery : IQuery<List<Order>>
        {
            private readonly int size;

            public ComputedSearchQuery(int pageSize) => size = pageSize;

            public int PageSize => Math.Min(size, 100);
        }

        internal class ComputedSearchQueryHandler(ShopContext db) : IQueryHandler<ComputedSearchQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(ComputedSearchQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Take(query.PageSize).ToListAsync(cancellationToken);
        }

        [ApiController, Route("orders")]
        public class OrdersController(Dispatcher dispatcher) : ControllerBase
        {
            [HttpGet("search")]
            public Task<List<Order>> Search(int page, int pageSize) => dispatcher.DispatchAsync(new SearchOrdersQuery(page, {|PG0006:pageSize|}));

            [HttpGet("capped")]
            public Task<List<Order>> Capped(int pageSize) => dispatcher.DispatchAsync(new CappedSearchQuery(pageSize));

            [HttpGet("computed")]
            public Task<List<Order>> Computed(int pageSize) => dispatcher.DispatchAsync(new ComputedSearchQuery(pageSize));
        }
        """);

    // The same store written as an expression body, or as a primary constructor's parameter that initializes the
    // property; a primary constructor's initializer that caps it, or one taken from another parameter, does not carry it.
    [Fact]
    public Task OneCompilation_AnExpressionBodiedOrPrimaryConstructorStore_CarriesTheEndpointsValue() => VerifyOne(OneCompilationShop + """
        public class ArrowQuery : IQuery<List<Order>>
        {
            public ArrowQuery(int pageSize) => PageSize = pageSize;

            public int PageSize { get; }
        }

        public class PrimaryQuery(int page, int pageSize) : IQuery<List<Order>>
        {
            public int Page { get; } = page;
            public int PageSize { get; } = pageSize;
        }

        public class PrimaryCappedQuery(int pageSize) : IQuery<List<Order>>
        {
            public int PageSize { get; } = Math.Min(pageSize, 100);
        }

        public class PrimaryDefaultQuery(int pageSize) : IQuery<List<Order>>
        {
            public int Requested { get; } = pageSize;
            public int PageSize { get; } = 20;
        }

        internal class ArrowQueryHandler(ShopContext db) : IQueryHandler<ArrowQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(ArrowQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Take(query.PageSize).ToListAsync(cancellationToken);
        }

        internal class PrimaryQueryHandler(ShopContext db) : IQueryHandler<PrimaryQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(PrimaryQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Skip(query.Page * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        }

        internal class PrimaryCappedQueryHandler(ShopContext db) : IQueryHandler<PrimaryCappedQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(PrimaryCappedQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Take(query.PageSize).ToListAsync(cancellationToken);
        }

        internal class PrimaryDefaultQueryHandler(ShopContext db) : IQueryHandler<PrimaryDefaultQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(PrimaryDefaultQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Take(query.PageSize).ToListAsync(cancellationToken);
        }

        [ApiController, Route("orders")]
        public class OrdersController(Dispatcher dispatcher) : ControllerBase
        {
            [HttpGet("arrow")]
            public Task<List<Order>> Arrow(int pageSize) => dispatcher.DispatchAsync(new ArrowQuery({|PG0006:pageSize|}));

            [HttpGet("primary")]
            public Task<List<Order>> Primary(int page, int pageSize) => dispatcher.DispatchAsync(new PrimaryQuery(page, {|PG0006:pageSize|}));

            [HttpGet("primary-capped")]
            public Task<List<Order>> PrimaryCapped(int pageSize) => dispatcher.DispatchAsync(new PrimaryCappedQuery(pageSize));

            [HttpGet("primary-default")]
            public Task<List<Order>> PrimaryDefault(int pageSize) => dispatcher.DispatchAsync(new PrimaryDefaultQuery(pageSize));
        }
        """);

    [Fact]
    public Task TheCodeFixClampsTheValueTheEndpointSetsOnTheRequest() =>
        Verifiers.PaginationCodeFixVerifier<AssetAnchor.PerfGuard.CodeFixes.Rules.UnboundedPageSizeFromRequestCodeFixProvider>.VerifyCodeFixAsync(
            OneCompilationShop + """
            [ApiController, Route("orders")]
            public class OrdersController(Dispatcher dispatcher) : ControllerBase
            {
                [HttpGet("paged")]
                public Task<List<Order>> GetPaged(int page, int pageSize) =>
                    dispatcher.DispatchAsync(new GetPagedOrdersQuery { Page = page, PageSize = {|PG0006:pageSize|} });
            }
            """,
            OneCompilationShop + """
            [ApiController, Route("orders")]
            public class OrdersController(Dispatcher dispatcher) : ControllerBase
            {
                private const int MaxPageSize = 100;

                [HttpGet("paged")]
                public Task<List<Order>> GetPaged(int page, int pageSize) =>
                    dispatcher.DispatchAsync(new GetPagedOrdersQuery { Page = page, PageSize = Math.Clamp(pageSize, 1, MaxPageSize) });
            }
            """);

    /// <summary>
    /// What the one-compilation tests start with: the solution's dispatcher (resolves the handler by its interface) and
    /// GetPagedOrdersQuery with a handler that pages with the request's PageSize unclamped.
    /// </summary>
    private const string OneCompilationShop = $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;

        public class Order { public int Id { get; set; } }

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        {{SolutionDispatcher.Source}}

        public class GetPagedOrdersQuery : IQuery<List<Order>> { public int Page { get; set; } public int PageSize { get; set; } }

        internal class GetPagedOrdersQueryHandler(ShopContext db) : IQueryHandler<GetPagedOrdersQuery, List<Order>>
        {
            public Task<List<Order>> HandleAsync(GetPagedOrdersQuery query, CancellationToken cancellationToken = default) =>
                db.Orders.OrderBy(o => o.Id).Skip(query.Page * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        }

        """;

    private static Task VerifyDown(string source) => VerifyWith(ApplicationProject.Value, source);

    private static Task VerifyWith(ReferencedProject project, string source)
    {
        var test = new PageSizeVerifier.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(project.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    private static Task VerifyOne(string source) => new PageSizeVerifier.Test { TestCode = source }.RunAsync(CancellationToken.None);
}
