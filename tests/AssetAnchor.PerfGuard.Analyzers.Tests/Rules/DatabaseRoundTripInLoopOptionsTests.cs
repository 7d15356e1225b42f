using AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;
using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

/// <summary>The PG0001 .editorconfig options, each shown to change the outcome.</summary>
public sealed class DatabaseRoundTripInLoopOptionsTests
{
    private const string ThreeStatuses = """
        public class StatusReport(AnchorContext db)
        {
            public async Task<List<int>> Counts()
            {
                var counts = new List<int>();
                foreach (var status in new[] { "Open", "InProgress", "Closed" })
                    counts.Add(await MARK);
                return counts;
            }
        }
        """;

    [Fact]
    public Task SmallLoopBound_Default_SilencesThreeConstants() =>
        VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + ThreeStatuses.Replace("MARK", "db.MaintenanceRequests.CountAsync(m => m.Status == status)", StringComparison.Ordinal));

    [Fact]
    public Task SmallLoopBound_Two_ReportsThreeConstants() => VerifyCS.VerifyAnalyzerAsync(
        AssetAnchorModel.Eager + ThreeStatuses.Replace("MARK", "{|PG0001:db.MaintenanceRequests.CountAsync(m => m.Status == status)|}", StringComparison.Ordinal),
        "PG0001.small_loop_bound = 2\n");

    [Fact]
    public Task SmallLoopBound_Invalid_FallsBackToDefault() => VerifyCS.VerifyAnalyzerAsync(
        AssetAnchorModel.Eager + ThreeStatuses.Replace("MARK", "db.MaintenanceRequests.CountAsync(m => m.Status == status)", StringComparison.Ordinal),
        "PG0001.small_loop_bound = lots\n");

    private const string Gateway = """
        namespace Legacy { public class Gateway { public Task<string> GetRecordAsync(int id) => Task.FromResult(id.ToString()); } }
        public class Sync(Legacy.Gateway gateway)
        {
            public async Task Run(List<int> ids) { foreach (var id in ids) await MARK; }
        }
        """;

    [Fact]
    public Task QueryMethods_Unlisted_IsSilent() =>
        VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + Gateway.Replace("MARK", "gateway.GetRecordAsync(id)", StringComparison.Ordinal));

    [Fact]
    public Task QueryMethods_Listed_IsReported() => VerifyCS.VerifyAnalyzerAsync(
        AssetAnchorModel.Eager + Gateway.Replace("MARK", "{|PG0001:gateway.GetRecordAsync(id)|}", StringComparison.Ordinal),
        "PG0001.query_methods = Other.Repo.GetAsync, Legacy.Gateway.GetRecordAsync\n");

    [Fact]
    public Task ExcludedContexts_SilencesOnlyThatContext() => VerifyCS.VerifyAnalyzerAsync(
        AssetAnchorModel.Eager + """
            namespace Audit
            {
                public class AuditEntry { public int Id { get; set; } public string Text { get; set; } = ""; }
                public class AuditContext : DbContext { public DbSet<AuditEntry> Entries => Set<AuditEntry>(); }
            }
            public class Worker(AnchorContext db, Audit.AuditContext audit)
            {
                public async Task Run(List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        await audit.Entries.AnyAsync(e => e.Id == id);
                        await audit.SaveChangesAsync();
                        await {|PG0001:db.Units.AnyAsync(u => u.Id == id)|};
                    }
                }
            }
            """,
        "PG0001.excluded_contexts = Audit.AuditContext\n");

    private static CSharpAnalyzerVerifier<AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>.Test CrossAssembly(string consumer, string? editorConfig)
    {
        var test = new CSharpAnalyzerVerifier<AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>.Test { TestCode = consumer };
        var data = test.TestState.AdditionalProjects["AssetAnchor.Data"];
        data.Sources.Add(AssetAnchorModel.Eager + """
            namespace AssetAnchor.Data
            {
                public interface ITenantRepository { Task<Tenant?> GetAsync(int id); Task<string> DescribeAsync(int id); }
                public class TenantRepository(AnchorContext db) : ITenantRepository
                {
                    public Task<Tenant?> GetAsync(int id) => db.Tenants.FirstOrDefaultAsync(t => t.Id == id);
                    public Task<string> DescribeAsync(int id) => Task.FromResult("tenant " + id);
                }
            }
            """);
        data.AdditionalReferences.AddRange(TestReferences.All);
        test.TestState.AdditionalProjectReferences.Add("AssetAnchor.Data");
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(TestSetup.EditorConfig(editorConfig));
        }

        return test;
    }

    private const string Consumer = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using AssetAnchor.Data;
        public class LeaseController(ITenantRepository tenants)
        {
            public async Task<List<string>> Names(List<int> ids)
            {
                var names = new List<string>();
                foreach (var id in ids)
                {
                    names.Add((await MARK)?.Name ?? "");
                    names.Add(await tenants.DescribeAsync(id));
                }
                return names;
            }
        }
        """;

    [Fact]
    public Task ExternalRepositoryReturningTaskOfEntity_IsReportedByDefault() =>
        CrossAssembly(Consumer.Replace("MARK", "{|PG0001:tenants.GetAsync(id)|}", StringComparison.Ordinal), null).RunAsync();

    [Fact]
    public Task ExternalRepositoryHeuristic_Off_IsSilent() =>
        CrossAssembly(Consumer.Replace("MARK", "tenants.GetAsync(id)", StringComparison.Ordinal), "PG0001.external_repository_heuristic = false\n").RunAsync();
}
