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
}
