using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

public sealed class DatabaseRoundTripInLoopAnalyzerTests
{
    private const string Model = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        public class Property { public int Id { get; set; } public int OwnerId { get; set; } public string Name { get; set; } = ""; }
        public class Owner { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class AnchorContext : DbContext
        {
            public DbSet<Property> Properties => Set<Property>();
            public DbSet<Owner> Owners => Set<Owner>();
        }
        """;

    [Fact]
    public Task QueryOnDbSetInsideForeachBody_IsReported() => VerifyCS.VerifyAnalyzerAsync(Model + """

        public class PropertyService(AnchorContext db)
        {
            public List<string> OwnerNames(List<int> ownerIds)
            {
                var names = new List<string>();
                foreach (var id in ownerIds)
                {
                    names.Add({|PG0001:db.Owners.Where(o => o.Id == id).Select(o => o.Name).First()|});
                }
                return names;
            }
        }
        """);

    [Fact]
    public Task AsyncQueryInsideForeachBody_IsReported() => VerifyCS.VerifyAnalyzerAsync(Model + """

        public class PropertyService(AnchorContext db)
        {
            public async Task<int> CountOwned(IEnumerable<Owner> owners)
            {
                var total = 0;
                foreach (var owner in owners)
                {
                    total += await {|PG0001:db.Properties.CountAsync(p => p.OwnerId == owner.Id)|};
                }
                return total;
            }
        }
        """);

    [Fact]
    public Task QueryThatIsTheLoopSource_IsNotReported() => VerifyCS.VerifyAnalyzerAsync(Model + """

        public class PropertyService(AnchorContext db)
        {
            public async Task<int> Total()
            {
                var total = 0;
                foreach (var p in await db.Properties.ToListAsync())
                {
                    total += p.Id;
                }
                return total;
            }
        }
        """);

    [Fact]
    public Task LinqToObjectsInsideLoop_IsNotReported() => VerifyCS.VerifyAnalyzerAsync(Model + """

        public class PropertyService(AnchorContext db)
        {
            public async Task<List<string>> Names()
            {
                var owners = await db.Owners.ToListAsync();
                var properties = await db.Properties.ToListAsync();
                var names = new List<string>();
                foreach (var p in properties)
                {
                    names.Add(owners.First(o => o.Id == p.OwnerId).Name);
                }
                return names;
            }
        }
        """);

    [Fact]
    public Task AsQueryableOverListInsideLoop_IsNotReported() => VerifyCS.VerifyAnalyzerAsync(Model + """

        public class PropertyService
        {
            public int Count(List<Owner> owners, List<int> ids)
            {
                var total = 0;
                foreach (var id in ids)
                {
                    total += owners.AsQueryable().Count(o => o.Id == id);
                }
                return total;
            }
        }
        """);
}
