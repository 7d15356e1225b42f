using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using EndpointVerifier = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnpaginatedCollectionEndpointAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// PG0004's "one parent with its children" across projects: a repository method records the parents its Where pins
/// (field 11), so a web project's detail response over them is not "every row", and a list of them still is.
/// </summary>
public sealed class ChildRowsAcrossProjectsTests
{
    private const string Data = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        namespace Shelf.Data;

        public class Series { public int Id { get; set; } }
        public class Volume { public int Id { get; set; } public int SeriesId { get; set; } public Series Series { get; set; } = null!; }
        public class ShelfContext(DbContextOptions<ShelfContext> options) : DbContext(options)
        {
            public DbSet<Volume> Volumes => Set<Volume>();
        }

        public class VolumeRepository(ShelfContext db)
        {
            public Task<List<Volume>> ForSeries(int seriesId) => db.Volumes.Where(v => v.SeriesId == seriesId).ToListAsync();

            public Task<List<Volume>> All() => db.Volumes.ToListAsync();
        }

        // Response objects that hold rows, built by the data project (AndiHahn's GetBudgetPlan returns such a plan).
        public class ShelfDto { public List<Volume> Volumes { get; set; } = new(); public int Total { get; set; } }
        public class SeriesDto { public int Id { get; set; } public List<Volume> Volumes { get; set; } = new(); }

        public class ShelfService(ShelfContext db)
        {
            public async Task<ShelfDto> Everything() => new ShelfDto { Volumes = await db.Volumes.ToListAsync() };

            public async Task<SeriesDto> Series(int id) => new SeriesDto { Id = id, Volumes = await db.Volumes.Where(v => v.SeriesId == id).ToListAsync() };

            public async Task<ShelfDto> Counted() => new ShelfDto { Total = await db.Volumes.CountAsync() };
        }
        """;

    private static readonly Lazy<ReferencedProject> DataProject = new(() => ReferencedProject.Build("Shelf.Data", Data));

    [Fact]
    public void TheRepositoryRecordsThePinnedParent_AndOnlyThere()
    {
        var records = DataProject.Value.Summary!.Split('\n').Select(static l => l.TrimEnd()).Where(static l => l.Contains("VolumeRepository.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, records.Count);
        var forSeries = MethodSummary.Decode(Literal(records.Single(static r => r.Contains("VolumeRepository.ForSeries(", StringComparison.Ordinal))));
        var all = MethodSummary.Decode(Literal(records.Single(static r => r.Contains("VolumeRepository.All", StringComparison.Ordinal))));
        Assert.Equal(new[] { "Series" }, forSeries!.Parents);
        Assert.Empty(all!.Parents);
    }

    /// <summary>
    /// A method of the data project that returns a response object holding rows is summarised as an endpoint in one
    /// compilation would judge it: every row of a table (reported where a controller returns it), the children of the
    /// one parent the object names (not), or no rows at all (a count: not).
    /// </summary>
    [Fact]
    public Task ResponseObjectsBuiltInTheDataProject_AreJudgedAsInOneCompilation()
    {
        var test = new EndpointVerifier.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Shelf.Data;

                [ApiController, Route("shelf")]
                public class ShelfController(ShelfService shelf) : ControllerBase
                {
                    [HttpGet]
                    public Task<ShelfDto> {|PG0004:Everything|}() => shelf.Everything();

                    [HttpGet("series/{id}")]
                    public Task<SeriesDto> Series(int id) => shelf.Series(id);

                    [HttpGet("count")]
                    public Task<ShelfDto> Counted() => shelf.Counted();
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(DataProject.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The second argument of the generated AssemblyMetadata attribute, unescaped.</summary>
    private static string Literal(string attributeLine)
    {
        var start = attributeLine.IndexOf("\", \"", StringComparison.Ordinal) + 4;
        return attributeLine.Substring(start, attributeLine.LastIndexOf('"') - start).Replace("\\t", "\t", StringComparison.Ordinal);
    }

    [Fact]
    public void ParentsRoundTrip_AndARecordWithoutThemKeepsItsOldLength()
    {
        var record = new MethodSummary("M:A.R.Get(System.Int32)", null, SummaryRows.Unbounded, "T:A.Volume", "db.Volumes", ordered: false, parents: new[] { "Series", "TargetSeries" });
        var decoded = MethodSummary.Decode(record.Encode());
        Assert.Equal(new[] { "Series", "TargetSeries" }, decoded!.Parents);
        Assert.Equal(11, record.Encode().Split('\t').Length);
        Assert.Equal(string.Empty, record.Encode().Split('\t')[9]);
        Assert.Equal(7, new MethodSummary("M:A.R.All", null, SummaryRows.Unbounded, "T:A.Volume", "db.Volumes", ordered: false).Encode().Split('\t').Length);
    }

    [Fact]
    public Task DetailResponseOverTheRecordedChildren_IsNotReported_TheListStillIs()
    {
        var test = new EndpointVerifier.Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Shelf.Data;

                public class SeriesDetailDto { public int Id { get; set; } public List<Volume> Volumes { get; set; } = new(); }

                [ApiController, Route("series")]
                public class SeriesController(VolumeRepository volumes) : ControllerBase
                {
                    [HttpGet("{id}/detail")]
                    public async Task<SeriesDetailDto> Detail(int id) => new SeriesDetailDto { Id = id, Volumes = await volumes.ForSeries(id) };

                    [HttpGet("{id}/volumes")]
                    public Task<List<Volume>> {|PG0004:Volumes|}(int id) => volumes.ForSeries(id);

                    [HttpGet("{id}/everything")]
                    public async Task<SeriesDetailDto> {|PG0004:Everything|}(int id) => new SeriesDetailDto { Id = id, Volumes = await volumes.All() };
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(DataProject.Value.Reference);
        return test.RunAsync(CancellationToken.None);
    }
}
