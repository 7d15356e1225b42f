using PageSizeVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnboundedPageSizeFromRequestAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// PG0006 reading a bound model's size directly (<c>Take(query.PageSize)</c>) when the model's type sits in a
/// referenced assembly: its accessors' bodies are not visible there. An auto-property (its accessors carry
/// [CompilerGenerated]) stores what the request sends; a hand-written setter may clamp, so it counts as a bound.
/// </summary>
public sealed class ReferencedPageSizeSetterTests
{
    private const string Contracts = """
        using System;

        namespace Shop.Contracts;

        public class Order { public int Id { get; set; } }

        public class AutoPaging
        {
            public int PageSize { get; set; } = 20;
        }

        public class InitPaging
        {
            public int PageSize { get; init; } = 20;
        }

        public class ClampingPaging
        {
            private int pageSize = 20;
            public int PageSize { get => pageSize; set => pageSize = Math.Clamp(value, 1, 100); }
        }
        """;

    private static readonly Lazy<ReferencedProject> Project = new(() => ReferencedProject.Build("Shop.Contracts", Contracts));

    [Fact]
    public Task AutoPropertiesOfAReferencedType_AreReported_AHandWrittenSetterIsABound()
    {
        var test = new PageSizeVerifier.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.EntityFrameworkCore;
                using Shop.Contracts;

                public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
                {
                    public DbSet<Order> Orders => Set<Order>();
                }

                [ApiController, Route("api/orders")]
                public class OrdersController(ShopContext db) : ControllerBase
                {
                    [HttpGet("auto")]
                    public Task<List<Order>> Auto([FromQuery] AutoPaging query) => db.Orders.OrderBy(o => o.Id).Take({|PG0006:query.PageSize|}).ToListAsync();

                    [HttpGet("init")]
                    public Task<List<Order>> Init([FromQuery] InitPaging query) => db.Orders.OrderBy(o => o.Id).Take({|PG0006:query.PageSize|}).ToListAsync();

                    [HttpGet("clamping")]
                    public Task<List<Order>> Clamping([FromQuery] ClampingPaging query) => db.Orders.OrderBy(o => o.Id).Take(query.PageSize).ToListAsync();
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(Project.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
