using System.Text.RegularExpressions;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using NavigationVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// PG0002/PG0003 on an entity a referenced method returns after materialising the query its caller passes in
/// (<c>await repo.FirstOrDefaultAsync(repo.GetQueryableSet().Where(..))</c>, Practical.CleanArchitecture's repositories).
/// Method-record field 12's <c>M</c>n says the method returns the rows of its parameter n's query as they are, with the
/// includes it adds (<c>M0I</c>, <c>M0I;Lines</c>); the dependent reads the entity from the argument's query, so the
/// argument's includes, the method's, AutoInclude and the context's lazy loading decide as in one compilation.
/// </summary>
public sealed class NavigationThroughMaterializingMethodTests
{
    private static readonly string Shop = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        """ + NavigationShop.Model() + """

        public interface IRepository<TEntity> where TEntity : class
        {
            IQueryable<TEntity> GetQueryableSet();

            Task<T?> FirstOrDefaultAsync<T>(IQueryable<T> query);

            Task<List<T>> ToListAsync<T>(IQueryable<T> query);
        }

        public class Repository<TEntity>(ShopContext db) : IRepository<TEntity> where TEntity : class
        {
            public IQueryable<TEntity> GetQueryableSet() => db.Set<TEntity>();

            public Task<T?> FirstOrDefaultAsync<T>(IQueryable<T> query) => query.FirstOrDefaultAsync();

            public Task<List<T>> ToListAsync<T>(IQueryable<T> query) => query.ToListAsync();
        }

        public class OrderReader(ShopContext db)
        {
            // Adds its own Include: recorded after the I.
            public Task<Order?> FirstWithLinesAsync(IQueryable<Order> query) => query.Include(o => o.Lines).FirstOrDefaultAsync();

            // Tracking changes nothing this rule models: as in one compilation.
            public async Task<List<Order>> ListUntrackedAsync(IQueryable<Order> query) => await query.AsNoTracking().ToListAsync();

            // The query is the second parameter, with a predicate and a limit on top.
            public Task<List<Order>> TopAsync(int count, IQueryable<Order> query) => query.Where(o => o.Id > 0).Take(count).ToListAsync();

            // Does something else with the query: not recorded (M), so not judged.
            public Task<Order> CopyAsync(IQueryable<Order> query) => query.Select(o => new Order { Id = o.Id }).FirstAsync();

            public async Task<Order> FirstOrNewAsync(IQueryable<Order> query) => await query.FirstOrDefaultAsync() ?? new Order();

            public async Task<Order?> MaybeWithCustomerAsync(IQueryable<Order> query, bool customer)
            {
                if (customer)
                {
                    query = query.Include(o => o.Customer);
                }

                return await query.FirstOrDefaultAsync();
            }

            public Task<Order?> ReloadAsync(IQueryable<Order> query) => Reload(query).FirstOrDefaultAsync();

            public Task<int> CountAsync(IQueryable<Order> query) => query.CountAsync();

            private IQueryable<Order> Reload(IQueryable<Order> query) => db.Orders.Where(o => query.Any(q => q.Id == o.Id));
        }
        """;

    private static string Source(bool virtualNavigations, bool lazy, string records = "") => NavigationShop.Fill(Shop, virtualNavigations, lazy, records);

    private static readonly Lazy<ReferencedProject> Eager = new(() => ReferencedProject.Build("Shop.Infrastructure", Source(false, false)));
    private static readonly Lazy<ReferencedProject> LazyLoading = new(() => ReferencedProject.Build("Shop.Infrastructure", Source(true, true)));

    /// <summary>The eager project as a writer before this addition built it: the same records without field 12's M (written by hand, the generator off).</summary>
    private static readonly Lazy<ReferencedProject> OldWriter = new(() =>
    {
        var summary = Eager.Value.Summary!;
        var records = Regex.Replace(summary, @"\\tM[0-9]+I[^""]*""", "\"");
        Assert.DoesNotContain("\\tM0I", records, StringComparison.Ordinal);
        Assert.Contains("Repository`1.FirstOrDefaultAsync``1", records, StringComparison.Ordinal);
        return ReferencedProject.Build("Shop.Infrastructure", Source(false, false, records), withPerfGuard: false);
    });

    [Fact]
    public void FieldTwelveSaysTheMethodReturnsRowsOfItsParameter()
    {
        var summary = Eager.Value.Summary!;
        Assert.Matches(@"M:Shop\.Infrastructure\.IRepository`1\.FirstOrDefaultAsync``1\(System\.Linq\.IQueryable\{``0\}\)\\t[^""]*\\tM0I""", summary);
        Assert.Matches(@"M:Shop\.Infrastructure\.Repository`1\.FirstOrDefaultAsync``1\(System\.Linq\.IQueryable\{``0\}\)\\t[^""]*\\tM0I""", summary);
        Assert.Matches(@"M:Shop\.Infrastructure\.IRepository`1\.ToListAsync``1\(System\.Linq\.IQueryable\{``0\}\)\\t[^""]*\\tM0I""", summary);
        Assert.Matches(@"M:Shop\.Infrastructure\.OrderReader\.FirstWithLinesAsync\([^""]*\\tM0I;Lines""", summary);
        Assert.Matches(@"M:Shop\.Infrastructure\.OrderReader\.ListUntrackedAsync\([^""]*\\tM0I""", summary);
        Assert.Matches(@"M:Shop\.Infrastructure\.OrderReader\.TopAsync\([^""]*\\tM1I""", summary);

        // A projection, a value made up when there is no row, a parameter assigned again, another query, a count: no M.
        foreach (var method in new[] { "CopyAsync", "FirstOrNewAsync", "MaybeWithCustomerAsync", "ReloadAsync", "CountAsync" })
        {
            Assert.DoesNotMatch(@"OrderReader\." + method + @"\([^""]*\\tM[0-9]", summary);
        }
    }

    [Fact]
    public void TheLetterIsReadBackAndMergedAndUnknownWithoutItsIncludes()
    {
        var lines = RecordedQuery.Materializing(1, RecordedIncludes.Create(string.Empty, new[] { "Lines" }, false)!);
        var record = new MethodSummary("M:A.R.First(System.Int32,System.Linq.IQueryable{A.Order})", "First -> FirstAsync", SummaryRows.None, null, null, false, query: lines);
        Assert.Equal("v1\tM:A.R.First(System.Int32,System.Linq.IQueryable{A.Order})\tFirst -> FirstAsync\t-\t\t\t-\t\t\t\t\tM1I;Lines", record.Encode());
        var decoded = MethodSummary.Decode(record.Encode())!.Query;
        Assert.Equal((1, -1, false, false), (decoded.MaterializedOrdinal, decoded.ParameterOrdinal, decoded.IsDatabase, decoded.IsNone));
        Assert.Equal("Lines", Assert.Single(decoded.Includes!.Paths));
        Assert.True(RecordedQuery.Decode("M0I;!").Includes!.IgnoresAutoIncludes);
        Assert.Equal((-1, -1), (default(RecordedQuery).MaterializedOrdinal, default(RecordedQuery).ParameterOrdinal));
        Assert.Equal((-1, 2), (RecordedQuery.Decode("P2").MaterializedOrdinal, RecordedQuery.Decode("P2").ParameterOrdinal));

        // Without its includes, damaged, or with a context (only a Q names one): no fact, never "includes nothing".
        foreach (var unknown in new[] { "M", "M0", "MI", "Mx0I", "M0IT:A.Ctx", "M0I;Lines..Address", "M0O" })
        {
            Assert.True(RecordedQuery.Decode(unknown).IsNone, unknown);
            Assert.Equal(-1, RecordedQuery.Decode(unknown).MaterializedOrdinal);
        }

        // A letter a reader does not know reads as no field 12, and the fields before it stay read: how a reader older
        // than M (which knows only Q and P) reads an M record.
        var future = MethodSummary.Decode("v1\tM:A.R.First\tFirst -> FirstAsync\t-\t\t\t-\t\t\t\t\tZ0I;Lines")!;
        Assert.True(future.Query.IsNone);
        Assert.Equal("First -> FirstAsync", future.RoundTrip);

        // Two implementations: the union of what they add to one parameter's query; anything else: no fact.
        var customer = RecordedQuery.Materializing(1, RecordedIncludes.Create(string.Empty, new[] { "Customer" }, false)!);
        Assert.Equal("M1I;Customer;Lines", RecordedQuery.Combine(lines, customer).Encode());
        Assert.True(RecordedQuery.Combine(lines, RecordedQuery.Materializing(0, RecordedIncludes.Create(string.Empty, new[] { "Lines" }, false)!)).IsNone);
        Assert.True(RecordedQuery.Combine(lines, RecordedQuery.Materializing(1, RecordedIncludes.Create(string.Empty, new[] { "Lines" }, true)!)).IsNone);
        Assert.True(RecordedQuery.Combine(lines, RecordedQuery.Database(QueryOrder.Unordered)).IsNone);
        Assert.True(RecordedQuery.Combine(RecordedQuery.OfParameter(1), lines).IsNone);
        Assert.True(lines.WithIncludes(null).IsNone);

        // Records of two projects' implementations, one of which materialises nothing: unknown.
        var other = new MethodSummary("M:A.R.First", "First -> CountAsync", SummaryRows.None, null, null, false);
        Assert.Equal("M1I;Customer;Lines", RecordedQuery.Merge(new[] { Record(lines), Record(customer) }).Encode());
        Assert.True(RecordedQuery.Merge(new[] { Record(lines), other }).IsNone);
        Assert.True(RecordedQuery.Merge(new[] { other, Record(lines) }).IsNone);
    }

    [Fact]
    public Task EagerContext_NavigationNotIncluded_IsPG0003() => Verify(Eager.Value, NavigationShop.Usings + """
        public class OrdersPage(IRepository<Order> repo, OrderReader reader)
        {
            public async Task<string> One(int id)
            {
                var order = await repo.FirstOrDefaultAsync(repo.GetQueryableSet().Where(o => o.Id == id));
                return {|PG0003:order!.Customer|}.Name;
            }

            public async Task<List<string>> Names()
            {
                var names = new List<string>();
                foreach (var o in await repo.ToListAsync(repo.GetQueryableSet().Where(o => o.Id > 0)))
                {
                    names.Add({|PG0003:o.Customer|}.Name);
                }

                foreach (var o in await reader.TopAsync(10, repo.GetQueryableSet()))
                {
                    names.Add({|PG0003:o.Customer|}.Name);
                }

                return names;
            }

            // Tags is auto-included in the context's own model; ignored at the call site, it is not.
            public async Task<int> Tags(int id) => (await repo.FirstOrDefaultAsync(repo.GetQueryableSet().Where(o => o.Id == id)))!.Tags.Count;

            public async Task<int> TagsIgnored(int id) =>
                {|PG0003:(await repo.FirstOrDefaultAsync(repo.GetQueryableSet().IgnoreAutoIncludes().Where(o => o.Id == id)))!.Tags|}.Count;
        }
        """);

    [Fact]
    public Task IncludeAtTheCallSiteOrInTheMethod_IsLoaded() => Verify(Eager.Value, NavigationShop.Usings + """
        public class OrdersPage(IRepository<Order> repo, OrderReader reader)
        {
            public async Task<decimal> AtTheCall(int id)
            {
                var order = await repo.FirstOrDefaultAsync(repo.GetQueryableSet().Include(o => o.Customer).Where(o => o.Id == id));
                return order!.Customer.Id + {|PG0003:order.Lines|}.Sum(l => l.Price);
            }

            public async Task<decimal> InTheMethod(int id)
            {
                var order = await reader.FirstWithLinesAsync(repo.GetQueryableSet().Where(o => o.Id == id));
                return order!.Lines.Sum(l => l.Price) + {|PG0003:order.Customer|}.Id;
            }

            public async Task<decimal> Both(int id)
            {
                var query = repo.GetQueryableSet().Include("Customer");
                var order = await reader.FirstWithLinesAsync(query);
                return order!.Lines.Sum(l => l.Price) + order.Customer.Id;
            }
        }
        """);

    [Fact]
    public Task LazyContext_ReadInALoop_IsPG0002_AndOnceIsNothing() => Verify(LazyLoading.Value, NavigationShop.Usings + """
        public class OrdersPage(IRepository<Order> repo, OrderReader reader)
        {
            public async Task<List<string>> Names()
            {
                var names = new List<string>();
                foreach (var o in await repo.ToListAsync(repo.GetQueryableSet()))
                {
                    names.Add({|PG0002:o.Customer|}.Name);
                }

                foreach (var o in await repo.ToListAsync(repo.GetQueryableSet().Include(o => o.Customer)))
                {
                    names.Add(o.Customer.Name);
                }

                return names;
            }

            // One entity: one lazy load, not an N+1 and not "never loaded".
            public async Task<string> One(int id) => (await repo.FirstOrDefaultAsync(repo.GetQueryableSet().Where(o => o.Id == id)))!.Customer.Name;
        }
        """);

    /// <summary>AsNoTracking inside the method, lazy context: the same diagnostic as the same query written in the dependent.</summary>
    [Fact]
    public Task AsNoTrackingInTheMethodWithLazyLoading_IsJudgedAsInOneCompilation() => Verify(LazyLoading.Value, NavigationShop.Usings + """
        public class OrdersPage(IRepository<Order> repo, OrderReader reader, ShopContext db)
        {
            public async Task<List<string>> Names()
            {
                var names = new List<string>();
                foreach (var o in await reader.ListUntrackedAsync(repo.GetQueryableSet()))
                {
                    names.Add({|PG0002:o.Customer|}.Name);
                }

                foreach (var o in await db.Orders.AsNoTracking().ToListAsync())
                {
                    names.Add({|PG0002:o.Customer|}.Name);
                }

                return names;
            }
        }
        """);

    private const string Traps = """
        public class OrdersPage(IRepository<Order> repo, OrderReader reader)
        {
            public async Task<string> One(int id) => (await repo.FirstOrDefaultAsync(repo.GetQueryableSet().Where(o => o.Id == id)))!.Customer.Name;

            public async Task<decimal> Lines() => (await reader.FirstWithLinesAsync(repo.GetQueryableSet()))!.Lines.Sum(l => l.Price);

            public async Task<List<string>> Names()
            {
                var names = new List<string>();
                foreach (var o in await repo.ToListAsync(repo.GetQueryableSet())) names.Add(o.Customer.Name);
                return names;
            }

            // The method projects, makes up a row, or includes under a condition.
            public async Task<string> Copy() => (await reader.CopyAsync(repo.GetQueryableSet())).Customer.Name;

            public async Task<string> OrNew() => (await reader.FirstOrNewAsync(repo.GetQueryableSet())).Customer.Name;

            public async Task<string> Maybe(bool c) => (await reader.MaybeWithCustomerAsync(repo.GetQueryableSet(), c))!.Customer.Name;

            // Another query (db.Orders): no M; what it returns is its own record's (field 9), never loaded.
            public async Task<string> Reload() => {|PG0003:(await reader.ReloadAsync(repo.GetQueryableSet()))!.Customer|}.Name;

            // The query passed in projects, or is rows in memory.
            public async Task<string> Projected() => (await repo.FirstOrDefaultAsync(repo.GetQueryableSet().Select(o => new Order { Id = o.Id })))!.Customer.Name;

            public async Task<string> InMemory(List<Order> orders) => (await repo.FirstOrDefaultAsync(orders.AsQueryable()))!.Customer.Name;
        }
        """;

    [Fact]
    public Task AMethodThatDoesSomethingElse_OrRecordsOfAnOlderWriter_AreNotJudged() => Task.WhenAll(
        Verify(Eager.Value, NavigationShop.Usings + Traps
            .Replace("repo.FirstOrDefaultAsync(repo.GetQueryableSet().Where(o => o.Id == id))", "repo.FirstOrDefaultAsync(repo.GetQueryableSet().Include(o => o.Customer).Where(o => o.Id == id))", StringComparison.Ordinal)
            .Replace("repo.ToListAsync(repo.GetQueryableSet())", "repo.ToListAsync(repo.GetQueryableSet().Include(o => o.Customer))", StringComparison.Ordinal)),
        Verify(OldWriter.Value, NavigationShop.Usings + Traps));

    [Fact]
    public Task ContractAlsoImplementedHere_IsNotJudged() => Verify(Eager.Value, NavigationShop.Usings + """
        // The body that runs may be this one, which no record describes.
        public class CachedRepository<TEntity>(ShopContext db) : IRepository<TEntity> where TEntity : class
        {
            public IQueryable<TEntity> GetQueryableSet() => db.Set<TEntity>();

            public Task<T?> FirstOrDefaultAsync<T>(IQueryable<T> query) => Task.FromResult<T?>(default);

            public Task<List<T>> ToListAsync<T>(IQueryable<T> query) => Task.FromResult(new List<T>());
        }

        public class OrdersPage(IRepository<Order> repo)
        {
            public async Task<string> One(int id) => (await repo.FirstOrDefaultAsync(repo.GetQueryableSet().Where(o => o.Id == id)))!.Customer.Name;
        }
        """);

    /// <summary>
    /// Practical.CleanArchitecture's shape: the repository contract in a Domain project without EF Core, implemented in
    /// Persistence (which records under the contract's ID), called from a third project that references both.
    /// </summary>
    [Fact]
    public Task TheContractDeclaredInAProjectWithoutEfCore_IsJudged()
    {
        var domain = ReferencedProject.Build("Shop.Domain", """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            namespace Shop.Domain;

            public class Customer { public Guid Id { get; set; } public string Name { get; set; } = ""; }
            public class Product { public Guid Id { get; set; } public Customer Owner { get; set; } = null!; }

            public interface IRepository<TEntity, TKey> where TEntity : class
            {
                IQueryable<TEntity> GetQueryableSet();

                Task<T> FirstOrDefaultAsync<T>(IQueryable<T> query);
            }
            """);
        var persistence = ReferencedProject.Build("Shop.Persistence", """
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;

            namespace Shop.Persistence;

            public class AdsDbContext(DbContextOptions<AdsDbContext> options) : DbContext(options)
            {
                public DbSet<Product> Products => Set<Product>();
            }

            public class Repository<TEntity, TKey>(AdsDbContext db) : IRepository<TEntity, TKey> where TEntity : class
            {
                public IQueryable<TEntity> GetQueryableSet() => db.Set<TEntity>();

                public Task<T> FirstOrDefaultAsync<T>(IQueryable<T> query) => query.FirstOrDefaultAsync()!;
            }
            """, references: domain);
        Assert.Matches(@"M:Shop\.Domain\.IRepository`2\.FirstOrDefaultAsync``1\(System\.Linq\.IQueryable\{``0\}\)\\t[^""]*\\tM0I""", persistence.Summary!);
        var test = new NavigationVerifier.Test
        {
            TestCode = """
                using System;
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;
                using Shop.Domain;

                public class GetProductQueryHandler(IRepository<Product, Guid> repository)
                {
                    public async Task<string> Handle(Guid id)
                    {
                        var product = await repository.FirstOrDefaultAsync(repository.GetQueryableSet().Where(x => x.Id == id));
                        return {|PG0003:product.Owner|}.Name;
                    }

                    public async Task<string> Included(Guid id)
                    {
                        var product = await repository.FirstOrDefaultAsync(repository.GetQueryableSet().Include(x => x.Owner).Where(x => x.Id == id));
                        return product.Owner.Name;
                    }
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(domain.Reference);
        test.TestState.AdditionalReferences.Add(persistence.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public void AProjectWhoseOnlyDataAccessIsAMaterializingMethod_IsRecorded()
    {
        var project = ReferencedProject.BuildCheckingPrefilter(expectNothing: false, "Shop.Reading", """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace Shop.Reading;

            public class Reader
            {
                public Task<T?> FirstAsync<T>(IQueryable<T> query) => query.FirstOrDefaultAsync();
            }
            """);
        Assert.Matches(@"M:Shop\.Reading\.Reader\.FirstAsync``1\(System\.Linq\.IQueryable\{``0\}\)\\t[^""]*\\tM0I""", project.Summary!);
    }

    [Fact]
    public Task TheFixIncludesTheNavigationOnTheQueryPassedIn()
    {
        var test = new Verifiers.CSharpCodeFixVerifier<
            AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer,
            AssetAnchor.PerfGuard.CodeFixes.Rules.NavigationNotLoadedCodeFixProvider>.Test
        {
            TestCode = NavigationShop.Usings + """
                public class OrdersPage(IRepository<Order> repo)
                {
                    public async Task<string> One(int id) => {|PG0003:(await repo.FirstOrDefaultAsync(repo.GetQueryableSet().Where(o => o.Id == id)))!.Customer|}.Name;
                }
                """,
            FixedCode = NavigationShop.Usings + """
                public class OrdersPage(IRepository<Order> repo)
                {
                    public async Task<string> One(int id) => (await repo.FirstOrDefaultAsync(repo.GetQueryableSet().Where(o => o.Id == id).Include(o => o.Customer)))!.Customer.Name;
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(Eager.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The same shapes with the repository in the compilation itself: judged alike, from its body.</summary>
    [Fact]
    public Task InOneCompilation_TheSameMethodsAreFollowedIntoTheQueryPassedIn() => NavigationVerifier.VerifyAnalyzerAsync(OneCompilation("""
        namespace Shop.Web
        {
            using Shop.Infrastructure;

            public class LocalReader
            {
                public async Task<Order?> FirstAsync(IQueryable<Order> query) => await query.Include(o => o.Tags).FirstOrDefaultAsync();

                // Overridable: another body may run; not followed.
                public virtual Task<Order?> FirstVirtualAsync(IQueryable<Order> query) => query.FirstOrDefaultAsync();
            }

            public class OrdersPage(Repository<Order> repo, OrderReader reader, LocalReader local)
            {
                public async Task<string> One(int id)
                {
                    var order = await repo.FirstOrDefaultAsync(repo.GetQueryableSet().Where(o => o.Id == id));
                    return {|PG0003:order!.Customer|}.Name;
                }

                public async Task<decimal> Lines(int id)
                {
                    var order = await reader.FirstWithLinesAsync(repo.GetQueryableSet().Include(o => o.Customer).Where(o => o.Id == id));
                    return order!.Lines.Sum(l => l.Price) + order.Customer.Id;
                }

                public async Task<List<string>> Names()
                {
                    var names = new List<string>();
                    foreach (var o in await repo.ToListAsync(repo.GetQueryableSet())) names.Add({|PG0003:o.Customer|}.Name);
                    foreach (var o in await reader.TopAsync(5, repo.GetQueryableSet().Include(o => o.Customer))) names.Add(o.Customer.Name);
                    return names;
                }

                public async Task<int> Local(int id)
                {
                    var order = await local.FirstAsync(repo.GetQueryableSet().IgnoreAutoIncludes().Where(o => o.Id == id));
                    return order!.Tags.Count + {|PG0003:order.Lines|}.Count;
                }

                // Traps: the method includes under a condition, projects, or may be overridden.
                public async Task<string> Maybe(bool c) => (await reader.MaybeWithCustomerAsync(repo.GetQueryableSet(), c))!.Customer.Name;

                public async Task<string> Copy() => (await reader.CopyAsync(repo.GetQueryableSet())).Customer.Name;

                public async Task<string> Virtual() => (await local.FirstVirtualAsync(repo.GetQueryableSet()))!.Customer.Name;
            }
        }
        """));

    /// <summary>The Shop source and the dependent's code in one compilation: the file-scoped namespace made a block.</summary>
    private static string OneCompilation(string dependent) =>
        Source(false, false).Replace("namespace Shop.Infrastructure;", "namespace Shop.Infrastructure\n{", StringComparison.Ordinal) + "\n}\n\n" + dependent;

    private static MethodSummary Record(RecordedQuery query) => new("M:A.R.First", null, SummaryRows.None, null, null, false, query: query);

    private static Task Verify(ReferencedProject project, string source)
    {
        var test = new NavigationVerifier.Test { TestCode = source };
        test.TestState.AdditionalReferences.Add(project.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
