using RoundTripVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// Jellyfin's shape: the contracts (<c>ILibraryManager</c>) live in a project of their own, and the project that
/// implements them (<c>LibraryManager</c> over the DbContext) also loops over them (<c>CollectionManager</c> calls
/// <c>libraryManager.GetItemById(id)</c> per id). The contracts' project has no implementation and records nothing
/// for them; the loop is judged through the implementation in its own compilation, as for a contract declared there.
/// </summary>
public sealed class ContractImplementedHereTests
{
    private const string Contracts = """
        using System.Threading.Tasks;

        namespace Media.Controller
        {
            public class Item { public int Id { get; set; } public string Name { get; set; } = ""; }

            public interface ILibraryManager
            {
                Item? GetItemById(int id);
                Task SaveAsync(Item item);
                int CachedCount();
            }

            public abstract class ItemSaver
            {
                public abstract Task SaveAsync(Item item);
            }
        }
        """;

    private static readonly Lazy<ReferencedProject> ContractsProject = new(() => ReferencedProject.Build("Media.Controller", Contracts));

    [Fact]
    public Task ALoopOverAContractOfAReferencedProject_IsJudgedByTheImplementationHere()
    {
        var test = new RoundTripVerifier.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Media.Controller;
                using Microsoft.EntityFrameworkCore;

                public class MediaContext(DbContextOptions<MediaContext> options) : DbContext(options)
                {
                    public DbSet<Item> Items => Set<Item>();
                }

                public class LibraryManager(MediaContext db) : ILibraryManager
                {
                    public Item? GetItemById(int id) => db.Items.Find(id);

                    public Task SaveAsync(Item item)
                    {
                        db.Update(item);
                        return db.SaveChangesAsync();
                    }

                    public int CachedCount() => 42;
                }

                public class DbItemSaver(MediaContext db) : ItemSaver
                {
                    public override Task SaveAsync(Item item) => db.SaveChangesAsync();
                }

                public class CollectionManager(ILibraryManager library, ItemSaver saver)
                {
                    public List<Item> Load(List<int> ids)
                    {
                        var items = new List<Item>();
                        foreach (var id in ids)
                        {
                            if ({|PG0001:library.GetItemById(id)|} is { } item)
                            {
                                items.Add(item);
                            }
                        }

                        return items;
                    }

                    public async Task SaveAll(List<Item> items)
                    {
                        foreach (var item in items)
                        {
                            await {|PG0001:library.SaveAsync(item)|};
                            await {|PG0001:saver.SaveAsync(item)|};
                        }
                    }

                    // The implementation here makes no round trip.
                    public int Total(List<int> ids)
                    {
                        var total = 0;
                        foreach (var id in ids)
                        {
                            total += library.CachedCount();
                        }

                        return total;
                    }
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(ContractsProject.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>A framework contract implemented here is not followed (IComparer, IDisposable: never data access by contract).</summary>
    [Fact]
    public Task AFrameworkContractImplementedHere_IsNotFollowed() => new RoundTripVerifier.Test
    {
        TestCode = """
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            public class Row { public int Id { get; set; } }

            public class RowsContext(DbContextOptions<RowsContext> options) : DbContext(options)
            {
                public DbSet<Row> Rows => Set<Row>();
            }

            public class CountingComparer(RowsContext db) : IComparer<int>
            {
                public int Compare(int x, int y) => db.Rows.Count(r => r.Id == x).CompareTo(y);
            }

            public class Sorter
            {
                public int Sum(IComparer<int> comparer, List<int> ids)
                {
                    var sum = 0;
                    foreach (var id in ids)
                    {
                        sum += comparer.Compare(id, 0);
                    }

                    return sum;
                }
            }
            """,
    }.RunAsync(CancellationToken.None);
}
