using VerifyFix = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer,
    AssetAnchor.PerfGuard.CodeFixes.Rules.NavigationNotLoadedCodeFixProvider>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

public sealed class NavigationNotLoadedCodeFixTests
{
    [Fact]
    public Task Include_IsInsertedBeforeTheExecutingOperator() => VerifyFix.VerifyCodeFixAsync(
        AssetAnchorModel.Eager + """
            public class A(AnchorContext db)
            {
                public async Task<List<string>> Names()
                {
                    var properties = await db.Properties.Where(p => p.Id > 0).ToListAsync();
                    return properties.Select(p => {|PG0003:p.Owner|}.Name).ToList();
                }
            }
            """,
        AssetAnchorModel.Eager + """
            public class A(AnchorContext db)
            {
                public async Task<List<string>> Names()
                {
                    var properties = await db.Properties.Where(p => p.Id > 0).Include(p => p.Owner).ToListAsync();
                    return properties.Select(p => p.Owner.Name).ToList();
                }
            }
            """);

    [Fact]
    public Task NestedPath_UsesThenInclude() => VerifyFix.VerifyCodeFixAsync(
        AssetAnchorModel.Lazy + """
            public class A(AnchorContext db)
            {
                public int Count()
                {
                    var n = 0;
                    foreach (var p in db.Properties.Include(x => x.Units).ToList())
                        foreach (var u in p.Units) n += {|PG0002:u.Leases|}.Count;
                    return n;
                }
            }
            """,
        AssetAnchorModel.Lazy + """
            public class A(AnchorContext db)
            {
                public int Count()
                {
                    var n = 0;
                    foreach (var p in db.Properties.Include(x => x.Units).Include(p => p.Units).ThenInclude(u => u.Leases).ToList())
                        foreach (var u in p.Units) n += u.Leases.Count;
                    return n;
                }
            }
            """);

    [Fact]
    public Task FixAll_AddsEveryMissingPathOfTheQuery() => VerifyFix.VerifyCodeFixAsync(
        AssetAnchorModel.Eager + """
            public class A(AnchorContext db)
            {
                public async Task<string> Describe(int id)
                {
                    var unit = await db.Units.FirstAsync(u => u.Id == id);
                    return {|PG0003:unit.Property|}.Name + {|PG0003:unit.Leases|}.Count + {|PG0003:unit.Property|}.Id;
                }
            }
            """,
        AssetAnchorModel.Eager + """
            public class A(AnchorContext db)
            {
                public async Task<string> Describe(int id)
                {
                    var unit = await db.Units.Include(u => u.Property).Include(u => u.Leases).FirstAsync(u => u.Id == id);
                    return unit.Property.Name + unit.Leases.Count + unit.Property.Id;
                }
            }
            """);

    [Fact]
    public Task ForeachOverQuery_AppendsToTheQuery() => VerifyFix.VerifyCodeFixAsync(
        AssetAnchorModel.Eager + """
            public class A(AnchorContext db)
            {
                public IEnumerable<string> Titles()
                {
                    foreach (var d in db.Documents) yield return {|PG0003:d.Property|}.Name;
                }
            }
            """,
        AssetAnchorModel.Eager + """
            public class A(AnchorContext db)
            {
                public IEnumerable<string> Titles()
                {
                    foreach (var d in db.Documents.Include(d => d.Property)) yield return d.Property.Name;
                }
            }
            """);

    [Fact]
    public async Task SiblingCollection_TitleWarnsAboutCartesianExplosion()
    {
        var test = new Verifiers.CSharpCodeFixVerifier<
            AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer,
            AssetAnchor.PerfGuard.CodeFixes.Rules.NavigationNotLoadedCodeFixProvider>.Test
        {
            TestCode = AssetAnchorModel.Eager + """
                public class A(AnchorContext db)
                {
                    public async Task<int> Count(int id)
                    {
                        var p = await db.Properties.Include(x => x.Units).FirstAsync(x => x.Id == id);
                        return p.Units.Count + {|PG0003:p.Documents|}.Count;
                    }
                }
                """,
            FixedCode = AssetAnchorModel.Eager + """
                public class A(AnchorContext db)
                {
                    public async Task<int> Count(int id)
                    {
                        var p = await db.Properties.Include(x => x.Units).Include(p2 => p2.Documents).FirstAsync(x => x.Id == id);
                        return p.Units.Count + p.Documents.Count;
                    }
                }
                """,
            CodeActionEquivalenceKey = "PerfGuard.AddInclude",
            CodeActionVerifier = (action, verifier) =>
                verifier.True(action.Title.Contains("AsSplitQuery", StringComparison.Ordinal), "title should suggest AsSplitQuery: " + action.Title),
        };
        await test.RunAsync();
    }

    // Calls added to a chain written one call per line go on their own lines, indented like the chain.

    [Fact]
    public Task MultiLineChain_IncludeGoesOnItsOwnLine() => VerifyFix.VerifyCodeFixAsync(
        AssetAnchorModel.Eager + """
            public class A(AnchorContext db)
            {
                public async Task<List<string>> Names()
                {
                    var properties = await db.Properties
                        .Where(p => p.Id > 0)
                        .ToListAsync();
                    return properties.Select(p => {|PG0003:p.Owner|}.Name).ToList();
                }
            }
            """,
        AssetAnchorModel.Eager + """
            public class A(AnchorContext db)
            {
                public async Task<List<string>> Names()
                {
                    var properties = await db.Properties
                        .Where(p => p.Id > 0)
                        .Include(p => p.Owner)
                        .ToListAsync();
                    return properties.Select(p => p.Owner.Name).ToList();
                }
            }
            """);

    [Fact]
    public Task MultiLineChain_FixAllPutsEachIncludeOnItsOwnLine() => VerifyFix.VerifyCodeFixAsync(
        AssetAnchorModel.Eager + """
            public class A(AnchorContext db)
            {
                public async Task<string> Describe(int id)
                {
                    var unit = await db.Units
                        .Where(u => u.Id == id)
                        .FirstAsync();
                    return {|PG0003:unit.Property|}.Name + {|PG0003:unit.Leases|}.Count;
                }
            }
            """,
        AssetAnchorModel.Eager + """
            public class A(AnchorContext db)
            {
                public async Task<string> Describe(int id)
                {
                    var unit = await db.Units
                        .Where(u => u.Id == id)
                        .Include(u => u.Property)
                        .Include(u => u.Leases)
                        .FirstAsync();
                    return unit.Property.Name + unit.Leases.Count;
                }
            }
            """);

    [Fact]
    public Task MultiLineChain_NestedPathPutsThenIncludeOnItsOwnLine() => VerifyFix.VerifyCodeFixAsync(
        AssetAnchorModel.Lazy + """
            public class A(AnchorContext db)
            {
                public int Count()
                {
                    var n = 0;
                    var properties = db.Properties
                        .Include(x => x.Units)
                        .ToList();
                    foreach (var p in properties)
                        foreach (var u in p.Units) n += {|PG0002:u.Leases|}.Count;
                    return n;
                }
            }
            """,
        AssetAnchorModel.Lazy + """
            public class A(AnchorContext db)
            {
                public int Count()
                {
                    var n = 0;
                    var properties = db.Properties
                        .Include(x => x.Units)
                        .Include(p => p.Units)
                        .ThenInclude(u => u.Leases)
                        .ToList();
                    foreach (var p in properties)
                        foreach (var u in p.Units) n += u.Leases.Count;
                    return n;
                }
            }
            """);
}
