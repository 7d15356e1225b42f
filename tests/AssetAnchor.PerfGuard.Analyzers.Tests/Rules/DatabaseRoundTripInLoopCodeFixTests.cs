using VerifyFix = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer,
    AssetAnchor.PerfGuard.CodeFixes.Rules.DatabaseRoundTripInLoopCodeFixProvider>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

public sealed class DatabaseRoundTripInLoopCodeFixTests
{
    [Fact]
    public Task SaveChangesAtTheEndOfAnAddOnlyLoop_MovesAfterTheLoop() => VerifyFix.VerifyCodeFixAsync(
        AssetAnchorModel.Eager + """
            public class Import(AnchorContext db)
            {
                public async Task Run(IEnumerable<Tenant> tenants)
                {
                    foreach (var tenant in tenants)
                    {
                        tenant.Email = tenant.Email.Trim();
                        db.Tenants.Add(tenant);
                        await {|PG0001:db.SaveChangesAsync()|};
                    }
                }
            }
            """,
        AssetAnchorModel.Eager + """
            public class Import(AnchorContext db)
            {
                public async Task Run(IEnumerable<Tenant> tenants)
                {
                    foreach (var tenant in tenants)
                    {
                        tenant.Email = tenant.Email.Trim();
                        db.Tenants.Add(tenant);
                    }
                    await db.SaveChangesAsync();
                }
            }
            """);

    [Fact]
    public Task SaveChangesAfterAQueryInTheLoop_HasNoFix() => VerifyFix.VerifyCodeFixAsync(
        AssetAnchorModel.Eager + """
            public class Import(AnchorContext db)
            {
                public async Task Run(List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var lease = await {|PG0001:db.Leases.FirstAsync(l => l.Id == id)|};
                        lease.Active = false;
                        await {|PG0001:db.SaveChangesAsync()|};
                    }
                }
            }
            """,
        AssetAnchorModel.Eager + """
            public class Import(AnchorContext db)
            {
                public async Task Run(List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        var lease = await {|PG0001:db.Leases.FirstAsync(l => l.Id == id)|};
                        lease.Active = false;
                        await {|PG0001:db.SaveChangesAsync()|};
                    }
                }
            }
            """);

    [Fact]
    public async Task FixAll_MovesTheSaveOfEveryLoopInOnePass()
    {
        var test = new Verifiers.CSharpCodeFixVerifier<
            AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer,
            AssetAnchor.PerfGuard.CodeFixes.Rules.DatabaseRoundTripInLoopCodeFixProvider>.Test
        {
            TestCode = AssetAnchorModel.Eager + """
                public class Import(AnchorContext db)
                {
                    public void Tenants(IEnumerable<Tenant> tenants)
                    {
                        foreach (var tenant in tenants)
                        {
                            db.Tenants.Add(tenant);
                            {|PG0001:db.SaveChanges()|};
                        }
                    }

                    public async Task Owners(List<Owner> owners)
                    {
                        for (var i = 0; i < owners.Count; i++)
                        {
                            owners[i].Name = owners[i].Name.Trim();
                            await {|PG0001:db.SaveChangesAsync()|};
                        }
                    }
                }
                """,
            FixedCode = AssetAnchorModel.Eager + """
                public class Import(AnchorContext db)
                {
                    public void Tenants(IEnumerable<Tenant> tenants)
                    {
                        foreach (var tenant in tenants)
                        {
                            db.Tenants.Add(tenant);
                        }
                        db.SaveChanges();
                    }

                    public async Task Owners(List<Owner> owners)
                    {
                        for (var i = 0; i < owners.Count; i++)
                        {
                            owners[i].Name = owners[i].Name.Trim();
                        }
                        await db.SaveChangesAsync();
                    }
                }
                """,
            NumberOfFixAllIterations = 1,
        };
        await test.RunAsync();
    }

    // The message gives the advice the fix follows: a write in a loop is saved once after it, not "loaded before it".

    [Theory]
    [InlineData("await {|#0:db.SaveChangesAsync()|};", "SaveChangesAsync", "change the entities in the loop and save once after it")]
    [InlineData("await {|#0:Save()|};", "Save -> SaveChangesAsync", "change the entities in the loop and save once after it")]
    [InlineData("await {|#0:db.Tenants.Where(t => t.Id == tenant.Id).ExecuteDeleteAsync()|};", "ExecuteDeleteAsync", "run one ExecuteDeleteAsync over all the rows (Where(x => ids.Contains(x.Id))) instead")]
    [InlineData("await {|#0:db.Database.ExecuteSqlRawAsync(\"DELETE FROM Tenants\")|};", "ExecuteSqlRawAsync", "send one set-based command for all the rows instead")]
    [InlineData("tenant.Email = (await {|#0:db.Tenants.FirstAsync(t => t.Id == tenant.Id)|}).Email;", "FirstAsync", "load the rows once before it")]
    public Task Message_AdvisesWhatFitsTheRoundTrip(string statement, string chain, string advice)
    {
        var test = new Verifiers.CSharpAnalyzerVerifier<AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>.Test
        {
            TestCode = AssetAnchorModel.Eager + """
                public class Import(AnchorContext db)
                {
                    public async Task Run(List<Tenant> tenants)
                    {
                        foreach (var tenant in tenants)
                        {
                            tenant.Email = tenant.Email.Trim();
                            STATEMENT
                        }
                    }

                    private Task<int> Save() => db.SaveChangesAsync();
                }
                """.Replace("STATEMENT", statement, StringComparison.Ordinal),
        };
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer.Rule)
            .WithLocation(0)
            .WithMessage($"'{chain}' runs a database round trip on every iteration of the foreach loop (N+1); {advice}"));
        return test.RunAsync();
    }
}
