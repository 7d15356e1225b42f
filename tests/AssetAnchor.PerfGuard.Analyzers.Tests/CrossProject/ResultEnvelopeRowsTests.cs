using AssetAnchor.PerfGuard.Analyzers.Tests.Rules;
using EndpointVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnpaginatedCollectionEndpointAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// PG0004 through a result envelope, the shape of AndiHahn/AspNetCore-WebApi-CleanArchitecture (docs/real-code-evaluation.md,
/// "A fourth solution"): a MediatR handler returns <c>Result&lt;IEnumerable&lt;T&gt;&gt;</c>, built from the rows by the
/// envelope's implicit conversion (<c>return await query.ToListAsync()</c>) or its <c>Success(value)</c> factory, and the
/// controller returns the handler's result as it is; or the handler hands the loaded rows on in a task continuation
/// (<c>ToListAsync().ContinueWith(r =&gt; Result&lt;…&gt;.Success(r.Result.Select(…)))</c>). The envelope carries every row of the query: as unpaged as the
/// list inside it. An envelope of one row, of paged rows, or of a count stays quiet.
/// </summary>
public sealed class ResultEnvelopeRowsTests
{
    private const string Application = $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using MediatR;
        using Microsoft.EntityFrameworkCore;

        {{AssetAnchorModel.MediatR}}

        namespace Shop.Application
        {

        public class Order { public int Id { get; set; } public int CustomerId { get; set; } }

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        public enum ResultStatus { Success, NotFound }

        public class Result<T>
        {
            private Result(T value) { Value = value; Status = ResultStatus.Success; }
            public T Value { get; }
            public ResultStatus Status { get; }
            public static Result<T> Success(T value) => new(value);
            public static implicit operator Result<T>(T value) => Success(value);
        }

        public record ListOrdersQuery(int CustomerId) : IRequest<Result<IEnumerable<Order>>>;
        internal class ListOrdersQueryHandler(ShopContext db) : IRequestHandler<ListOrdersQuery, Result<IEnumerable<Order>>>
        {
            public async Task<Result<IEnumerable<Order>>> Handle(ListOrdersQuery request, CancellationToken cancellationToken)
            {
                return await db.Orders.Where(o => o.CustomerId == request.CustomerId).ToListAsync(cancellationToken);
            }
        }

        public record AllOrdersQuery : IRequest<Result<List<Order>>>;
        internal class AllOrdersQueryHandler(ShopContext db) : IRequestHandler<AllOrdersQuery, Result<List<Order>>>
        {
            public async Task<Result<List<Order>>> Handle(AllOrdersQuery request, CancellationToken cancellationToken) =>
                Result<List<Order>>.Success(await db.Orders.ToListAsync(cancellationToken));
        }

        // AndiHahn's shape: the rows handed on by a task continuation, mapped and wrapped there.
        public record ContinuedOrdersQuery(int CustomerId) : IRequest<Result<IEnumerable<string>>>;
        internal class ContinuedOrdersQueryHandler(ShopContext db) : IRequestHandler<ContinuedOrdersQuery, Result<IEnumerable<string>>>
        {
            public Task<Result<IEnumerable<string>>> Handle(ContinuedOrdersQuery request, CancellationToken cancellationToken) =>
                db.Orders.Where(o => o.CustomerId == request.CustomerId).ToListAsync(cancellationToken)
                    .ContinueWith(r => Result<IEnumerable<string>>.Success(r.Result.Select(Describe)), cancellationToken);

            private static string Describe(Order order) => "#" + order.Id;
        }

        // A continuation that counts what the task gives: one value.
        public record ContinuedCountQuery : IRequest<Result<int>>;
        internal class ContinuedCountQueryHandler(ShopContext db) : IRequestHandler<ContinuedCountQuery, Result<int>>
        {
            public Task<Result<int>> Handle(ContinuedCountQuery request, CancellationToken cancellationToken) =>
                db.Orders.ToListAsync(cancellationToken).ContinueWith(r => Result<int>.Success(r.Result.Count), cancellationToken);
        }

        public record PagedOrdersQuery(int Page) : IRequest<Result<List<Order>>>;
        internal class PagedOrdersQueryHandler(ShopContext db) : IRequestHandler<PagedOrdersQuery, Result<List<Order>>>
        {
            public async Task<Result<List<Order>>> Handle(PagedOrdersQuery request, CancellationToken cancellationToken) =>
                await db.Orders.OrderBy(o => o.Id).Skip(request.Page * 20).Take(20).ToListAsync(cancellationToken);
        }

        // AndiHahn's GetBudgetPlan: one customer's orders in a plan object, inside the envelope (the plan is not the
        // orders' parent: the rows grow with the customer).
        public class PlanDto { public IEnumerable<int> OrderIds { get; set; } = []; public decimal Total { get; set; } }
        public record PlanQuery(int CustomerId) : IRequest<Result<PlanDto>>;
        internal class PlanQueryHandler(ShopContext db) : IRequestHandler<PlanQuery, Result<PlanDto>>
        {
            public async Task<Result<PlanDto>> Handle(PlanQuery request, CancellationToken cancellationToken)
            {
                var orders = await db.Orders.Where(o => o.CustomerId == request.CustomerId).ToListAsync(cancellationToken);
                return Result<PlanDto>.Success(new PlanDto { OrderIds = orders.Select(o => o.Id), Total = orders.Count });
            }
        }

        // The same object with a count only: one value.
        public record PlanTotalQuery(int CustomerId) : IRequest<Result<PlanDto>>;
        internal class PlanTotalQueryHandler(ShopContext db) : IRequestHandler<PlanTotalQuery, Result<PlanDto>>
        {
            public async Task<Result<PlanDto>> Handle(PlanTotalQuery request, CancellationToken cancellationToken) =>
                Result<PlanDto>.Success(new PlanDto { Total = await db.Orders.CountAsync(o => o.CustomerId == request.CustomerId, cancellationToken) });
        }

        public record OrderQuery(int Id) : IRequest<Result<Order>>;
        internal class OrderQueryHandler(ShopContext db) : IRequestHandler<OrderQuery, Result<Order>>
        {
            public async Task<Result<Order>> Handle(OrderQuery request, CancellationToken cancellationToken) =>
                await db.Orders.FirstAsync(o => o.Id == request.Id, cancellationToken);
        }

        public record CountOrdersQuery : IRequest<Result<int>>;
        internal class CountOrdersQueryHandler(ShopContext db) : IRequestHandler<CountOrdersQuery, Result<int>>
        {
            public async Task<Result<int>> Handle(CountOrdersQuery request, CancellationToken cancellationToken) =>
                await db.Orders.CountAsync(cancellationToken);
        }
        }
        """;

    private const string Controller = """
        [ApiController, Route("orders")]
        public class OrdersController(ISender sender) : ControllerBase
        {
            [HttpGet("customer/{customerId}")]
            public Task<Result<IEnumerable<Order>>> {|PG0004:ListForCustomer|}(int customerId, CancellationToken cancellationToken)
                => sender.Send(new ListOrdersQuery(customerId), cancellationToken);

            [HttpGet]
            public async Task<Result<List<Order>>> {|PG0004:All|}() => await sender.Send(new AllOrdersQuery());

            [HttpGet("customer/{customerId}/names")]
            public Task<Result<IEnumerable<string>>> {|PG0004:Names|}(int customerId) => sender.Send(new ContinuedOrdersQuery(customerId));

            [HttpGet("count-loaded")]
            public Task<Result<int>> CountLoaded() => sender.Send(new ContinuedCountQuery());

            [HttpGet("paged")]
            public Task<Result<List<Order>>> Paged(int page) => sender.Send(new PagedOrdersQuery(page));

            [HttpGet("customer/{customerId}/plan")]
            public Task<Result<PlanDto>> {|PG0004:Plan|}(int customerId) => sender.Send(new PlanQuery(customerId));

            [HttpGet("customer/{customerId}/plan-total")]
            public Task<Result<PlanDto>> PlanTotal(int customerId) => sender.Send(new PlanTotalQuery(customerId));

            [HttpGet("{id}")]
            public Task<Result<Order>> One(int id) => sender.Send(new OrderQuery(id));

            [HttpGet("count")]
            public Task<Result<int>> Count() => sender.Send(new CountOrdersQuery());
        }
        """;

    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using MediatR;
        using Microsoft.AspNetCore.Mvc;

        """;

    private static readonly Lazy<ReferencedProject> ApplicationProject = new(() => ReferencedProject.Build("Shop.Application", Application));

    [Fact]
    public Task InOneCompilation_TheEnvelopeOfEveryRowIsReported() =>
        new EndpointVerifier.Test { TestCode = "using Microsoft.AspNetCore.Mvc;\n" + Application + "\nnamespace Shop.Web\n{\nusing Shop.Application;\n" + Controller + "\n}\n" }
            .RunAsync(CancellationToken.None);

    [Fact]
    public Task Down_TheEnvelopeOfEveryRowIsReported_FromTheHandlersRecord()
    {
        var test = new EndpointVerifier.Test { TestCode = Usings + "using Shop.Application;\n\n" + Controller };
        test.TestState.AdditionalReferences.Add(ApplicationProject.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
