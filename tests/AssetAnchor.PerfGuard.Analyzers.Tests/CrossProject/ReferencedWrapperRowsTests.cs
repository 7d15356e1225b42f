using EndpointVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnpaginatedCollectionEndpointAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// jellyfin's ApiKeyController: <c>var keys = await manager.GetApiKeys().ConfigureAwait(false); return new
/// QueryResult&lt;AuthenticationInfo&gt;(keys);</c>, where the manager returns <c>await query.ToListAsync().ConfigureAwait(false)</c>
/// and <c>QueryResult&lt;T&gt;</c> is declared in a model project. The rows are followed through <c>ConfigureAwait</c>
/// (before, an awaited <c>ConfigureAwait</c> ended the trail) and into a referenced generic wrapper whose one constructor
/// parameter is its type argument's rows; a wrapper also given a page and a size may page them and is not followed.
/// </summary>
public sealed class ReferencedWrapperRowsTests
{
    private const string Model = """
        using System.Collections.Generic;

        namespace Media.Model
        {
            public class QueryResult<T>
            {
                public QueryResult(IReadOnlyList<T> items) { Items = items; TotalRecordCount = items.Count; }
                public IReadOnlyList<T> Items { get; }
                public int TotalRecordCount { get; }
            }

            public class PageOf<T>
            {
                public PageOf(IReadOnlyList<T> items, int page, int size) { Items = items; }
                public IReadOnlyList<T> Items { get; }
            }
        }
        """;

    private static readonly Lazy<ReferencedProject> ModelProject = new(() => ReferencedProject.Build("Media.Model", Model));

    [Fact]
    public Task RowsThroughConfigureAwait_AndAReferencedWrapperOfThem_AreReported()
    {
        var test = new EndpointVerifier.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Media.Model;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.EntityFrameworkCore;

                public class ApiKey { public int Id { get; set; } public string Name { get; set; } = ""; }
                public class KeyInfo { public string AppName { get; set; } = ""; }
                public class KeysContext(DbContextOptions<KeysContext> options) : DbContext(options) { public DbSet<ApiKey> ApiKeys => Set<ApiKey>(); }

                public class KeyManager(IDbContextFactory<KeysContext> provider)
                {
                    public async Task<IReadOnlyList<KeyInfo>> GetApiKeys()
                    {
                        var db = await provider.CreateDbContextAsync().ConfigureAwait(false);
                        await using (db.ConfigureAwait(false))
                        {
                            return await db.ApiKeys.Select(k => new KeyInfo { AppName = k.Name }).ToListAsync().ConfigureAwait(false);
                        }
                    }

                    public async Task<IReadOnlyList<KeyInfo>> GetRecentKeys()
                    {
                        await using var db = await provider.CreateDbContextAsync().ConfigureAwait(false);
                        return await db.ApiKeys.OrderByDescending(k => k.Id).Take(20).Select(k => new KeyInfo { AppName = k.Name }).ToListAsync().ConfigureAwait(false);
                    }
                }

                [ApiController, Route("keys")]
                public class KeysController(KeyManager manager) : ControllerBase
                {
                    [HttpGet]
                    public async Task<ActionResult<QueryResult<KeyInfo>>> {|PG0004:GetKeys|}()
                    {
                        var keys = await manager.GetApiKeys().ConfigureAwait(false);
                        return new QueryResult<KeyInfo>(keys);
                    }

                    [HttpGet("plain")]
                    public async Task<IReadOnlyList<KeyInfo>> {|PG0004:Plain|}() => await manager.GetApiKeys().ConfigureAwait(false);

                    // Bounded where it is read: Take(20) before the ConfigureAwait.
                    [HttpGet("recent")]
                    public async Task<QueryResult<KeyInfo>> Recent() => new QueryResult<KeyInfo>(await manager.GetRecentKeys().ConfigureAwait(false));

                    // A wrapper also given a page and a size may page what it holds: not followed.
                    [HttpGet("page")]
                    public async Task<PageOf<KeyInfo>> Page() => new PageOf<KeyInfo>(await manager.GetApiKeys(), 1, 20);
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(ModelProject.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
