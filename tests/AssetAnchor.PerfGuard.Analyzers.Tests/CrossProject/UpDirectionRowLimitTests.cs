using System.Collections.Immutable;
using System.Text.RegularExpressions;
using AssetAnchor.PerfGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
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
    private const string ApplicationPath = "Sync.Application.cs";

    private const string Application = """
        using System.Collections.Generic;
        using System.Linq;

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

    private const string InfrastructureTemplate = """
        using System.Collections.Generic;
        using System.Linq;
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
        var application = BuildApplication(out _);

        Assert.Equal(4, Regex.Matches(application.Summary!, "\"v1o\\\\t").Count);
        Assert.Contains("v1o\\tM:Sync.Application.IUserRepository.GetQueryableSet\\t", application.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("ListAll", application.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public Task Infrastructure_ReportsTheLimitsInApplication_WhenItsQueryIsUnordered()
    {
        var application = BuildApplication(out var spans);
        var test = new RowLimitVerifier.Test { TestCode = InfrastructureWith("db.Users") };
        test.TestState.AdditionalReferences.Add(application.Reference);
        var expected = new[]
        {
            ("'Take'", "which has no OrderBy"),
            ("'Skip'", "which has no OrderBy"),
            ("'Take'", "which has no OrderBy"),
            ("'Take'", "whose OrderBy is discarded by the Distinct() after it"),
        };
        for (var i = 0; i < expected.Length; i++)
        {
            test.ExpectedDiagnostics.Add(At(spans[i], RowLimitWithoutOrderByAnalyzer.CrossProjectRule)
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
        var application = BuildApplication(out _);
        var test = new RowLimitVerifier.Test { TestCode = InfrastructureWith(query) };
        test.TestState.AdditionalReferences.Add(application.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task CompositionRoot_OverInfrastructure_DoesNotRepeatIt()
    {
        var application = BuildApplication(out _);
        var infrastructure = ReferencedProject.Build("Sync.Infrastructure", InfrastructureWith("db.Users"), references: application);
        // An unordered Q (crossnav's includes may follow it: QIT:<context>;<paths>).
        Assert.Matches(@"\\tQ(I[^""]*)?""\)\]", infrastructure.Summary);

        var test = new RowLimitVerifier.Test { TestCode = Web };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.AdditionalReferences.Add(application.Reference);
        test.TestState.AdditionalReferences.Add(infrastructure.Reference);
        return test.RunAsync(CancellationToken.None);
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
        TestFileMarkupParser.GetSpans(SyncSource, out var syncSource, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        var application = ReferencedProject.Build("Sync.Application", syncSource, references: domain);
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

        var lines = SourceText.From(syncSource).Lines.GetLinePositionSpan(spans["PG0005"].Single());
        var test = new RowLimitVerifier.Test { TestCode = Web.Replace("Sync.Application.SyncUsers", "Sync.Application.SyncUsersHandler").Replace("Sync.Infrastructure.UserRepository", "Sync.Persistence.UserRepository") };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.AdditionalReferences.Add(domain.Reference);
        test.TestState.AdditionalReferences.Add(application.Reference);
        test.TestState.AdditionalReferences.Add(persistence.Reference);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(RowLimitWithoutOrderByAnalyzer.CrossProjectRule)
            .WithSpan("Sync.Application.cs", lines.Start.Line + 1, lines.Start.Character + 1, lines.End.Line + 1, lines.End.Character + 1)
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
        TestFileMarkupParser.GetSpans(Orders, out var ordersSource, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        var application = ReferencedProject.Build("Shop.Application", ordersSource);
        var lines = SourceText.From(ordersSource).Lines.GetLinePositionSpan(spans["PG0005"].Single());
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
        test.TestState.AdditionalReferences.Add(application.Reference);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(RowLimitWithoutOrderByAnalyzer.CrossProjectRule)
            .WithSpan("Shop.Application.cs", lines.Start.Line + 1, lines.Start.Character + 1, lines.End.Line + 1, lines.End.Character + 1)
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
        TestFileMarkupParser.GetSpans(Service, out var serviceSource, out ImmutableDictionary<string, ImmutableArray<TextSpan>> _);
        var services = ReferencedProject.Build("Sync.Services", serviceSource, references: data);
        Assert.DoesNotContain("v1o", services.Summary ?? string.Empty, StringComparison.Ordinal);

        var test = new RowLimitVerifier.Test { TestCode = Service };
        test.TestState.AdditionalReferences.Add(data.Reference);
        return test.RunAsync(CancellationToken.None);
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

    private static ReferencedProject BuildApplication(out ImmutableArray<TextSpan> spans)
    {
        TestFileMarkupParser.GetSpans(Application, out var source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> all);
        spans = all["PG0005"].Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return ReferencedProject.Build("Sync.Application", source);
    }

    private static DiagnosticResult At(TextSpan span, DiagnosticDescriptor rule)
    {
        TestFileMarkupParser.GetSpans(Application, out var source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> _);
        return ReferencedProject.DiagnosticAt(rule, ApplicationPath, source, span);
    }

    private static string InfrastructureWith(string query) => InfrastructureTemplate.Replace("$QUERY", query);
}
