using System.Text.RegularExpressions;
using AssetAnchor.PerfGuard.Analyzers.Rules;
using RowLimitVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.RowLimitWithoutOrderByAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// The UP direction of PG0005 (v1o records): Application declares IUserRepository.GetQueryableSet() and pages its query
/// (<c>users.GetQueryableSet().Where(..).Take(50)</c>, Practical.CleanArchitecture's SyncUsersCommand); the project
/// that implements it is built later. The first project that sees both reports at Application's line when the
/// implementation's query (method-record field 12, or its body) is an unordered EF query. Expected spans are the
/// markup spans in Application's source.
/// </summary>
public sealed class UpDirectionRowLimitTests
{
    private const string Application = UpFixture.Usings + """
        namespace Sync.Application;

        public class User { public int Id { get; set; } public string Name { get; set; } = ""; public string? ExternalId { get; set; } }

        public interface IUserRepository
        {
            IQueryable<User> GetQueryableSet();
            List<User> ListAll();
        }

        public class SyncUsers(IUserRepository users)
        {
            public List<User> Unsynced() => users.GetQueryableSet().Where(u => u.ExternalId == null).{|PG0005:Take(50)|}.ToList();

            public List<User> Page(int page) => users.GetQueryableSet().{|PG0005:Skip(page * 20)|}.Take(20).ToList();

            // The rule looks below the row limit: an OrderBy after it orders the 50 rows, not which 50.
            public List<User> SortedAfter() => users.GetQueryableSet().{|PG0005:Take(50)|}.OrderBy(u => u.Name).ToList();

            public List<string> Names() => users.GetQueryableSet().OrderBy(u => u.Name).Select(u => u.Name).Distinct().{|PG0005:Take(10)|}.ToList();

            // Not recorded: ordered on the chain, a single-row lookup, rows already in memory, a contract returning a list.
            public List<User> Ordered() => users.GetQueryableSet().Where(u => u.ExternalId == null).OrderBy(u => u.Id).Take(50).ToList();

            public List<User> One(int id) => users.GetQueryableSet().Where(u => u.Id == id).Take(1).ToList();

            public List<User> InMemory() => users.GetQueryableSet().Where(u => u.ExternalId == null).ToList().Take(50).ToList();

            public List<User> FromList() => users.ListAll().Take(50).ToList();
        }
        """;

    private const string InfrastructureTemplate = UpFixture.Usings + """
        using Microsoft.EntityFrameworkCore;
        using Sync.Application;

        namespace Sync.Infrastructure;

        public class SyncContext(DbContextOptions<SyncContext> options) : DbContext(options)
        {
            public DbSet<User> Users => Set<User>();
        }

        public class UserRepository(SyncContext db) : IUserRepository
        {
            private static readonly List<User> Seed = new();

            public IQueryable<User> GetQueryableSet() => $QUERY;

            public List<User> ListAll() => db.Users.ToList();
        }
        """;

    private const string Web = """
        public static class Program
        {
            public static void Main() => System.Console.WriteLine(typeof(Sync.Application.SyncUsers).Name + typeof(Sync.Infrastructure.UserRepository).Name);
        }
        """;

    [Fact]
    public void Application_RecordsEveryUnorderedLimitOverTheUnseenQuery_AndNothingElse()
    {
        var application = BuildApplication();

        Assert.Equal(4, Regex.Matches(application.Summary!, "\"v1o\\\\t").Count);
        Assert.Contains("v1o\\tM:Sync.Application.IUserRepository.GetQueryableSet\\t", application.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("ListAll", application.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public Task Infrastructure_ReportsTheLimitsInApplication_WhenItsQueryIsUnordered()
    {
        var application = BuildApplication();
        var spans = application.Spans["PG0005"].Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var test = UpFixture.References(new RowLimitVerifier.Test { TestCode = InfrastructureWith("db.Users") }, application.Project);
        var expected = new[]
        {
            ("'Take'", "which has no OrderBy"),
            ("'Skip'", "which has no OrderBy"),
            ("'Take'", "which has no OrderBy"),
            ("'Take'", "whose OrderBy is discarded by the Distinct() after it"),
        };
        for (var i = 0; i < expected.Length; i++)
        {
            test.ExpectedDiagnostics.Add(application.At(RowLimitWithoutOrderByAnalyzer.CrossProjectRule, spans[i])
                .WithArguments(expected[i].Item1, "users.GetQueryableSet()", expected[i].Item2));
        }

        return test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("db.Users.OrderBy(u => u.Id)")]
    [InlineData("db.Users.Where(u => u.Name != \"\").OrderBy(u => u.Name).ThenBy(u => u.Id)")]
    [InlineData("db.Users.OrderBy(u => u.Id).Take(100)")]
    [InlineData("Seed.AsQueryable()")]
    [InlineData("db.Users.FromSqlRaw(\"SELECT * FROM Users ORDER BY Id\")")]
    public Task Infrastructure_IsQuiet_WhenItsQueryIsOrderedLimitedInMemoryOrRaw(string query)
    {
        var application = BuildApplication().Project;
        return UpFixture.References(new RowLimitVerifier.Test { TestCode = InfrastructureWith(query) }, application).RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task CompositionRoot_OverInfrastructure_DoesNotRepeatIt()
    {
        var application = BuildApplication().Project;
        var infrastructure = ReferencedProject.Build("Sync.Infrastructure", InfrastructureWith("db.Users"), references: application);
        // An unordered Q (crossnav's includes may follow it: QIT:<context>;<paths>).
        Assert.Matches(@"\\tQ(I[^""]*)?""\)\]", infrastructure.Summary);

        return UpFixture.Root(new RowLimitVerifier.Test { TestCode = Web }, application, infrastructure).RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// Practical.CleanArchitecture's shape: the contract sits in Domain, Application and Persistence each reference only
    /// Domain, and the composition root is the first to see both: it joins Application's record with Persistence's.
    /// </summary>
    [Fact]
    public Task Siblings_TheCompositionRootJoinsTheRecords()
    {
        var domain = ReferencedProject.Build("Sync.Domain", """
            using System.Linq;

            namespace Sync.Domain;

            public class User { public int Id { get; set; } public string? ExternalId { get; set; } }

            public interface IRepository<T>
            {
                IQueryable<T> GetQueryableSet();
            }

            public interface IUserRepository : IRepository<User> { }
            """);
        const string SyncSource = """
            using System.Collections.Generic;
            using System.Linq;
            using Sync.Domain;

            namespace Sync.Application;

            public class SyncUsersHandler(IUserRepository users)
            {
                public int Handle()
                {
                    var batch = users.GetQueryableSet()
                        .Where(x => x.ExternalId == null)
                        .{|PG0005:Take(50)|}
                        .ToList();
                    return batch.Count;
                }
            }
            """;
        var application = MarkedProject.Build("Sync.Application", SyncSource, references: domain);
        var persistence = ReferencedProject.Build("Sync.Persistence", """
            using System.Linq;
            using Microsoft.EntityFrameworkCore;
            using Sync.Domain;

            namespace Sync.Persistence;

            public class SyncContext(DbContextOptions<SyncContext> options) : DbContext(options) { }

            public class Repository<T>(SyncContext db) : IRepository<T> where T : class
            {
                public IQueryable<T> GetQueryableSet() => db.Set<T>();
            }

            public class UserRepository(SyncContext db) : Repository<User>(db), IUserRepository { }
            """, references: domain);

        var web = Web.Replace("Sync.Application.SyncUsers", "Sync.Application.SyncUsersHandler").Replace("Sync.Infrastructure.UserRepository", "Sync.Persistence.UserRepository");
        var test = UpFixture.Root(new RowLimitVerifier.Test { TestCode = web }, domain, application.Project, persistence);
        test.ExpectedDiagnostics.Add(application.At(RowLimitWithoutOrderByAnalyzer.CrossProjectRule, "PG0005")
            .WithArguments("'Take'", "users.GetQueryableSet()", "which has no OrderBy"));
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// A contract whose declaration names an entity called Order is no sort: the implementation's query decides (the
    /// name policy of PG0005 is for bodies of this compilation, not for contracts).
    /// </summary>
    [Fact]
    public Task AContractOverAnEntityNamedOrder_IsJoinedByItsQuery()
    {
        const string Orders = """
            using System.Collections.Generic;
            using System.Linq;

            namespace Shop.Application;

            public class Order { public int Id { get; set; } }
            public interface IOrderRepository { IQueryable<Order> Query(); }

            public class Recent(IOrderRepository orders)
            {
                public List<Order> Latest() => orders.Query().{|PG0005:Take(20)|}.ToList();
            }
            """;
        var application = MarkedProject.Build("Shop.Application", Orders);
        var test = new RowLimitVerifier.Test
        {
            TestCode = """
                using System.Linq;
                using Microsoft.EntityFrameworkCore;
                using Shop.Application;

                namespace Shop.Infrastructure;

                public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options) { }
                public class OrderRepository(ShopContext db) : IOrderRepository
                {
                    public IQueryable<Order> Query() => db.Set<Order>();
                }
                """,
        };
        UpFixture.References(test, application.Project);
        test.ExpectedDiagnostics.Add(application.At(RowLimitWithoutOrderByAnalyzer.CrossProjectRule, "PG0005")
            .WithArguments("'Take'", "orders.Query()", "which has no OrderBy"));
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>A contract implemented in a referenced project is Down: judged in place by its record, no v1o written.</summary>
    [Fact]
    public Task AContractImplementedInAReference_IsJudgedDown_NotRecorded()
    {
        var data = ReferencedProject.Build("Sync.Data", """
            using System.Linq;
            using Microsoft.EntityFrameworkCore;

            namespace Sync.Data;

            public class User { public int Id { get; set; } public string? ExternalId { get; set; } }
            public class SyncContext(DbContextOptions<SyncContext> options) : DbContext(options)
            {
                public DbSet<User> Users => Set<User>();
            }
            public interface IUserRepository { IQueryable<User> GetQueryableSet(); }
            public class UserRepository(SyncContext db) : IUserRepository
            {
                public IQueryable<User> GetQueryableSet() => db.Users;
            }
            """);
        const string Service = """
            using System.Collections.Generic;
            using System.Linq;
            using Sync.Data;

            namespace Sync.Services;

            public class SyncUsers(IUserRepository users)
            {
                public List<User> Unsynced() => users.GetQueryableSet().Where(u => u.ExternalId == null).{|PG0005:Take(50)|}.ToList();
            }
            """;
        var services = MarkedProject.Build("Sync.Services", Service, references: data);
        Assert.DoesNotContain("v1o", services.Summary ?? string.Empty, StringComparison.Ordinal);

        var test = new RowLimitVerifier.Test { TestCode = Service };
        return UpFixture.References(test, data).RunAsync(CancellationToken.None);
    }

    [Fact]
    public void Prefilter_LetsThroughAProjectWhoseOnlyUpFactIsTheLimit()
    {
        var domain = ReferencedProject.Build("Sync.Contracts", """
            using System.Linq;

            namespace Sync.Contracts;

            public class User { public int Id { get; set; } public string? ExternalId { get; set; } }
            public interface IUserRepository { IQueryable<User> GetQueryableSet(); }
            """);
        const string Limited = """
            using System.Collections.Generic;
            using System.Linq;
            using Sync.Contracts;

            namespace Sync.Jobs;

            public class SyncUsers(IUserRepository users)
            {
                public List<User> Unsynced() => users.GetQueryableSet().Where(u => u.ExternalId == null).Take(50).ToList();
            }
            """;

        var limited = ReferencedProject.BuildCheckingPrefilter(expectNothing: false, "Sync.Jobs", Limited, domain);
        Assert.Contains("v1o\\tM:Sync.Contracts.IUserRepository.GetQueryableSet\\t", limited.Summary, StringComparison.Ordinal);

        // The same call without a row limit (or a limit over another receiver) still records nothing: the marker alone.
        var unlimited = ReferencedProject.BuildCheckingPrefilter(expectNothing: true, "Sync.Jobs", Limited.Replace(".Take(50)", string.Empty), domain);
        Assert.Equal(ReferencedProject.MarkerOnlySummary, unlimited.Summary);
        var otherReceiver = ReferencedProject.BuildCheckingPrefilter(
            expectNothing: true, "Sync.Jobs", Limited.Replace("users.GetQueryableSet()", "new List<User>().AsQueryable()"), domain);
        Assert.Equal(ReferencedProject.MarkerOnlySummary, otherReceiver.Summary);
    }

    private static MarkedProject BuildApplication() => MarkedProject.Build("Sync.Application", Application);

    private static string InfrastructureWith(string query) => InfrastructureTemplate.Replace("$QUERY", query);
}
