namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules.Endpoints;

/// <summary>
/// PG0004's "one parent with its children" when the children are fetched by the parent's key in a service or
/// repository and copied into the response row by row (kavita's series detail and related series); and a top N kept
/// in memory. With the near neighbours that stay reported: per-parent lists on their own, many parents, another
/// parent than the response names, paging in memory.
/// </summary>
public sealed class ChildCollectionThroughCallsTests
{
    /// <summary>A library of series with volumes, chapters, relations and per-user progress.</summary>
    private const string Library = """
        public class Library { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class AppUser { public int Id { get; set; } public string UserName { get; set; } = ""; }
        public class Series { public int Id { get; set; } public int LibraryId { get; set; } public Library Library { get; set; } = null!; public List<SeriesRelation> Relations { get; set; } = new(); }
        public class SeriesRelation { public int Id { get; set; } public int SeriesId { get; set; } public Series Series { get; set; } = null!; public int TargetSeriesId { get; set; } public Series TargetSeries { get; set; } = null!; public int Kind { get; set; } }
        public class Volume { public int Id { get; set; } public int SeriesId { get; set; } public Series Series { get; set; } = null!; public float Number { get; set; } public List<Chapter> Chapters { get; set; } = new(); }
        public class Chapter { public int Id { get; set; } public int VolumeId { get; set; } public bool IsSpecial { get; set; } }
        public class Progress { public int Id { get; set; } public int AppUserId { get; set; } public int SeriesId { get; set; } public DateTime LastModified { get; set; } }
        public class VolumeDto { public int Id { get; set; } public List<Chapter> Chapters { get; set; } = new(); }
        public class SeriesDto { public int Id { get; set; } }
        public class SeriesDetailDto { public List<VolumeDto> Volumes { get; set; } = new(); public List<Chapter> Specials { get; set; } = new(); public int TotalCount { get; set; } }
        public class RelatedSeriesDto { public int SourceSeriesId { get; set; } public List<SeriesDto> Sequels { get; set; } = new(); public List<SeriesDto> Parents { get; set; } = new(); }
        public class LibraryOverviewDto { public List<SeriesDto> Series { get; set; } = new(); }
        public class DashboardDto { public List<VolumeDto> Volumes { get; set; } = new(); }
        public class ServerStatsDto { public int SeriesCount { get; set; } public IEnumerable<SeriesDto> RecentlyRead { get; set; } = new List<SeriesDto>(); }
        public class ShelfContext : DbContext
        {
            public DbSet<Library> Libraries => Set<Library>();
            public DbSet<Series> Series => Set<Series>();
            public DbSet<SeriesRelation> SeriesRelations => Set<SeriesRelation>();
            public DbSet<Volume> Volumes => Set<Volume>();
            public DbSet<Progress> Progresses => Set<Progress>();
        }

        public interface IVolumeRepository { Task<List<VolumeDto>> GetVolumesAsync(int seriesId); Task<List<VolumeDto>> GetVolumesForSeriesAsync(List<int> seriesIds); }
        public class VolumeRepository(ShelfContext db) : IVolumeRepository
        {
            public async Task<List<VolumeDto>> GetVolumesAsync(int seriesId)
            {
                var volumes = await db.Volumes.Where(v => v.SeriesId == seriesId).OrderBy(v => v.Number)
                    .Select(v => new VolumeDto { Id = v.Id, Chapters = v.Chapters }).ToListAsync();
                return volumes;
            }

            public Task<List<VolumeDto>> GetVolumesForSeriesAsync(List<int> seriesIds) =>
                db.Volumes.Where(v => seriesIds.Contains(v.SeriesId)).Select(v => new VolumeDto { Id = v.Id }).ToListAsync();
        }

        """;

    private static Task Verify(string code) => UnpaginatedCollectionEndpointAnalyzerTests.Verify(Library + code);

    // ------------------------------------------------------------- the parent's key followed through calls

    [Fact]
    public Task DetailDtoFilledFromARepositoryByTheParentsKey_IsNotReported() => Verify("""
        public class SeriesService(IVolumeRepository volumes)
        {
            // The volumes come from a repository filtered by the series key, are copied row by row, and their
            // chapters are flattened: all of one series.
            public async Task<SeriesDetailDto> GetSeriesDetail(int seriesId)
            {
                var all = await volumes.GetVolumesAsync(seriesId);
                var processed = new List<VolumeDto>();
                foreach (var volume in all)
                {
                    if (volume.Id == 0) continue;
                    processed.Add(volume);
                }

                var specials = all.SelectMany(v => v.Chapters).Where(c => c.IsSpecial).ToList();
                return new SeriesDetailDto { Volumes = processed, Specials = specials, TotalCount = all.Count };
            }
        }

        [ApiController, Route("api/series")]
        public class SeriesController(SeriesService service) : ControllerBase
        {
            [HttpGet("detail")]
            public async Task<ActionResult<SeriesDetailDto>> GetSeriesDetail(int seriesId) => await service.GetSeriesDetail(seriesId);
        }
        """);

    [Fact]
    public Task RelatedSeriesOfOneSeries_ThroughANavigationAndARoleNamedKey_IsNotReported() => Verify("""
        public class SeriesRepository(ShelfContext db)
        {
            public async Task<RelatedSeriesDto> GetRelatedSeries(int seriesId) => new RelatedSeriesDto
            {
                SourceSeriesId = seriesId,
                Sequels = await Related(seriesId, 1),
                // Role-named foreign key: TargetSeriesId with its TargetSeries navigation (a Series).
                Parents = await db.SeriesRelations.Where(r => r.TargetSeriesId == seriesId && r.Kind != 1)
                    .Select(r => new SeriesDto { Id = r.SeriesId }).ToListAsync(),
            };

            private async Task<List<SeriesDto>> Related(int seriesId, int kind) =>
                await db.Series.SelectMany(s => s.Relations.Where(r => r.Kind == kind && r.SeriesId == seriesId).Select(r => r.TargetSeries))
                    .Select(s => new SeriesDto { Id = s.Id }).ToListAsync();
        }

        [ApiController, Route("api/series")]
        public class SeriesController(SeriesRepository repository) : ControllerBase
        {
            [HttpGet("all-related")]
            public async Task<ActionResult<RelatedSeriesDto>> GetAllRelated(int seriesId) => Ok(await repository.GetRelatedSeries(seriesId));
        }
        """);

    [Fact]
    public Task DetailDtoFilledPropertyByPropertyOrByConstructor_IsNotReported() => Verify("""
        public record SeriesDetailResponse(List<VolumeDto> Volumes);

        [ApiController, Route("api/series")]
        public class SeriesController(IVolumeRepository volumes) : ControllerBase
        {
            [HttpGet("detail")]
            public async Task<IActionResult> Detail(int seriesId)
            {
                var detail = new SeriesDetailDto();
                detail.Volumes = await volumes.GetVolumesAsync(seriesId);
                return Ok(detail);
            }

            [HttpGet("detail2")]
            public async Task<SeriesDetailResponse> Detail2(int seriesId) => new SeriesDetailResponse(await volumes.GetVolumesAsync(seriesId));
        }
        """);

    // ------------------------------------------------------------- still reported

    [Fact]
    public Task PerParentListFromARepository_OnItsOwn_IsStillReported() => Verify("""
        [ApiController, Route("api/series")]
        public class SeriesController(IVolumeRepository volumes) : ControllerBase
        {
            // The list is the response: a sub-resource listing, not a detail view.
            [HttpGet("{seriesId}/volumes")]
            public async Task<ActionResult<IEnumerable<VolumeDto>>> {|PG0004:GetVolumes|}(int seriesId) => Ok(await volumes.GetVolumesAsync(seriesId));
        }
        """);

    [Fact]
    public Task ChildrenOfManyParentsOrOfAnotherParent_AreStillReported() => Verify("""
        [ApiController, Route("api/series")]
        public class SeriesController(IVolumeRepository volumes, ShelfContext db) : ControllerBase
        {
            // Many parents (Contains over a list of series ids): every volume of a user's series.
            [HttpGet("detail")]
            public async Task<SeriesDetailDto> {|PG0004:Detail|}(List<int> seriesIds) =>
                new SeriesDetailDto { Volumes = await volumes.GetVolumesForSeriesAsync(seriesIds) };

            // A response named after nothing the key points to: a dashboard of one series' volumes is still a listing.
            [HttpGet("dashboard")]
            public async Task<DashboardDto> {|PG0004:Dashboard|}(int seriesId) =>
                new DashboardDto { Volumes = await volumes.GetVolumesAsync(seriesId) };

            // Pinned to one user, in a response named after a library: a user's whole history, still a listing.
            [HttpGet("mine")]
            public async Task<LibraryOverviewDto> {|PG0004:Mine|}(int userId) =>
                new LibraryOverviewDto { Series = await db.Progresses.Where(p => p.AppUserId == userId).Select(p => new SeriesDto { Id = p.SeriesId }).ToListAsync() };
        }
        """);

    [Fact]
    public Task OneOfTwoPathsNotPinnedToTheParent_IsStillReported() => Verify("""
        [ApiController, Route("api/series")]
        public class SeriesController(ShelfContext db) : ControllerBase
        {
            [HttpGet("detail")]
            public async Task<SeriesDetailDto> {|PG0004:Detail|}(int? seriesId)
            {
                var query = db.Volumes.Where(v => v.SeriesId == seriesId);
                if (seriesId is null) query = db.Volumes;
                return new SeriesDetailDto { Volumes = await query.Select(v => new VolumeDto { Id = v.Id }).ToListAsync() };
            }
        }
        """);

    [Fact]
    public Task KeyComparedWithTheRowItself_PinsNothing() => Verify("""
        [ApiController, Route("api/series")]
        public class SeriesController(ShelfContext db) : ControllerBase
        {
            // Relations of a series to itself: a join condition, not one parent.
            [HttpGet("detail")]
            public async Task<RelatedSeriesDto> {|PG0004:SelfRelations|}() =>
                new RelatedSeriesDto { Sequels = await db.SeriesRelations.Where(r => r.SeriesId == r.TargetSeriesId).Select(r => new SeriesDto { Id = r.Id }).ToListAsync() };
        }
        """);

    [Fact]
    public Task AResponseNamedAfterALargeParent_IsTakenAtItsWord() => Verify("""
        public class LibraryDto { public int Id { get; set; } public List<SeriesDto> Series { get; set; } = new(); }
        public class MiniseriesDto { public List<VolumeDto> Volumes { get; set; } = new(); }

        [ApiController, Route("api/libraries")]
        public class LibrariesController(ShelfContext db, IVolumeRepository volumes) : ControllerBase
        {
            // One library with its series: the documented line (the name says "this is the library").
            [HttpGet("{id}")]
            public async Task<LibraryDto> Library(int id) =>
                new LibraryDto { Id = id, Series = await db.Series.Where(s => s.LibraryId == id).Select(s => new SeriesDto { Id = s.Id }).ToListAsync() };

            // "Series" is not a whole word of "Miniseries".
            [HttpGet("mini")]
            public async Task<MiniseriesDto> {|PG0004:Mini|}(int seriesId) => new MiniseriesDto { Volumes = await volumes.GetVolumesAsync(seriesId) };
        }
        """);

    // ------------------------------------------------------------- a top N kept in memory

    [Fact]
    public Task ConstantTopNTakenInMemory_IsNotReported() => Verify("""
        public class StatisticService(ShelfContext db)
        {
            public async Task<ServerStatsDto> GetServerStatistics()
            {
                var recentlyRead = db.Progresses.Join(db.Series, p => p.SeriesId, s => s.Id, (p, s) => new { p, s })
                    .AsEnumerable()
                    .DistinctBy(x => x.p.SeriesId)
                    .OrderByDescending(x => x.p.LastModified)
                    .Select(x => new SeriesDto { Id = x.s.Id })
                    .Take(5);
                return new ServerStatsDto { SeriesCount = await db.Series.CountAsync(), RecentlyRead = recentlyRead };
            }
        }

        [ApiController, Route("api/stats")]
        public class StatsController(StatisticService stats) : ControllerBase
        {
            [HttpGet("server")]
            public async Task<ActionResult<ServerStatsDto>> GetHighLevelStats() => Ok(await stats.GetServerStatistics());
        }
        """);

    [Fact]
    public Task PagingOrASizeFromTheRequestInMemory_IsStillReported() => Verify("""
        [ApiController, Route("api/stats")]
        public class StatsController(ShelfContext db) : ControllerBase
        {
            [HttpGet("page")]
            public async Task<IEnumerable<Progress>> {|PG0004:Page|}(int page) => (await db.Progresses.ToListAsync()).Skip(page * 20).Take(20);

            [HttpGet("top")]
            public async Task<IEnumerable<Progress>> {|PG0004:Top|}(int count) => (await db.Progresses.ToListAsync()).Take(count);
        }
        """);
}

/// <summary>How a response type's name is matched to a parent: suffixes stripped as often as they repeat, whole last words.</summary>
public sealed class ParentNameMatchingTests
{
    [Theory]
    [InlineData("SeriesDetailDto", "Series")]
    [InlineData("InvoiceViewModel", "Invoice")]
    [InlineData("OrderDetailsResponse", "Order")]
    [InlineData("ReadingListResultDto", "ReadingList")]
    [InlineData("Dto", "Dto")]
    [InlineData("Series", "Series")]
    public void ResponseSuffixesAreStrippedRepeatedly(string name, string expected) =>
        Assert.Equal(expected, AssetAnchor.PerfGuard.Analyzers.Infrastructure.PagingQueries.StripResponseSuffixes(name));

    [Theory]
    [InlineData("RelatedSeries", "Series", true)]
    [InlineData("Series", "Series", true)]
    [InlineData("Miniseries", "Series", false)]
    [InlineData("Series", "TargetSeries", false)]
    [InlineData("ReadingList", "List", true)]
    [InlineData("Invoice", "", false)]
    public void AParentIsTheNameOrItsWholeLastWords(string name, string parent, bool expected) =>
        Assert.Equal(expected, AssetAnchor.PerfGuard.Analyzers.Infrastructure.PagingQueries.EndsWithWords(name, parent));
}
