using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// The summary writer creates the members of a source type only when its syntax may name a data-access type
/// (SummaryPrefilter.FindDataAccessCandidates), closed over the project's own types and every base type and
/// interface of one found: the symbols count a holder of any interface a data-access type implements, inherited ones
/// included (the trap: an interface the repository implements only through a referenced interface's base).
/// </summary>
public sealed class DataAccessCandidateTests
{
    private static readonly Lazy<ReferencedProject> Contracts = new(() => ReferencedProject.Build("Anchor.Contracts", """
        using System.Threading.Tasks;

        namespace Anchor.Contracts;

        public interface IReadRepository<T>
        {
            Task<int> CountAsync();
        }

        public interface IRepository<T> : IReadRepository<T>
        {
            Task AddAsync(T item);
        }
        """));

    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Anchor.Contracts;
        using Microsoft.EntityFrameworkCore;

        namespace Anchor.Data;

        public class Order { public int Id { get; set; } }

        public class AnchorContext : DbContext
        {
            public DbSet<Order> Orders { get; set; } = null!;
        }

        public class OrderRepository(AnchorContext db) : IRepository<Order>
        {
            public Task<int> CountAsync() => db.Orders.CountAsync();

            public Task AddAsync(Order item) => db.Orders.AddAsync(item).AsTask();
        }

        public class OrderReport(IReadRepository<Order> reads)
        {
            public Task<int> Total() => reads.CountAsync();
        }

        public class OrderTotals(OrderRepository orders)
        {
            public Task<int> Total() => orders.CountAsync();
        }

        public class Formatter
        {
            public string Join(List<int> ids) => string.Join(",", ids.Select(static i => i.ToString()));
        }
        """;

    [Fact]
    public void AHolderOfARepositoryOfThisProject_IsRecorded()
    {
        var project = ReferencedProject.Build("Anchor.Data", Source, references: Contracts.Value);

        Assert.Contains("M:Anchor.Data.OrderRepository.CountAsync", project.Summary, StringComparison.Ordinal);
        Assert.Contains("M:Anchor.Data.OrderTotals.Total", project.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTypesWhoseSyntaxMayNameDataAccess_AreCandidates()
    {
        var compilation = ReferencedProject.CompileForPrefilter("Anchor.Data", Source, Contracts.Value);

        var candidates = SummaryPrefilter.FindDataAccessCandidates(compilation, CancellationToken.None);

        Assert.NotNull(candidates);
        Assert.Contains("AnchorContext", candidates!);
        Assert.Contains("OrderRepository", candidates!);
        Assert.Contains("OrderTotals", candidates!);

        // Only through IRepository<T>'s base interface, read from the referenced assembly's tables.
        Assert.Contains("OrderReport", candidates!);
        Assert.DoesNotContain("Formatter", candidates!);
        Assert.DoesNotContain("Order", candidates!);
    }
}
