using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

public class Series { public int Id { get; set; } public List<SeriesRelation> Relations { get; set; } = new(); }
public class SeriesRelation { public int Id { get; set; } public int SeriesId { get; set; } public int TargetSeriesId { get; set; } public Series TargetSeries { get; set; } = null!; }
public class Volume { public int Id { get; set; } public int SeriesId { get; set; } public Series Series { get; set; } = null!; public List<Chapter> Chapters { get; set; } = new(); }
public class Chapter { public int Id { get; set; } public bool IsSpecial { get; set; } }
public class Country { public int Id { get; set; } public string Code { get; set; } = ""; }
public class SeriesDetailDto { public List<Volume> Volumes { get; set; } = new(); public List<Chapter> Specials { get; set; } = new(); }
public class RelatedSeriesDto { public List<Series> Sequels { get; set; } = new(); }
public class StatsDto { public IEnumerable<Volume> Recent { get; set; } = new List<Volume>(); }

public class ShelfContext : DbContext
{
    public DbSet<Series> Series => Set<Series>();
    public DbSet<Volume> Volumes => Set<Volume>();
    public DbSet<Country> Countries => Set<Country>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Country>().HasData(new Country { Id = 1, Code = "NL" });
}

public class VolumeRepository(ShelfContext db)
{
    public Task<List<Volume>> ForSeries(int seriesId) => db.Volumes.Where(v => v.SeriesId == seriesId && v.Series.Id == seriesId).ToListAsync();

    public Task<List<Series>> Related(int seriesId) =>
        db.Series.SelectMany(s => s.Relations.Where(r => r.SeriesId == seriesId || r.TargetSeriesId == r.SeriesId).Select(r => r.TargetSeries)).ToListAsync();
}

[ApiController, Route("api/series")]
public class SeriesController(VolumeRepository volumes, ShelfContext db) : ControllerBase
{
    [HttpGet("detail")]
    public async Task<SeriesDetailDto> Detail(int seriesId)
    {
        var all = await volumes.ForSeries(seriesId);
        var kept = new List<Volume>();
        foreach (var volume in all)
        {
            if (volume.Id == 0) continue;
            kept.Add(volume);
        }

        return new SeriesDetailDto { Volumes = kept, Specials = all.SelectMany(v => v.Chapters).Where(c => c.IsSpecial).ToList() };
    }

    [HttpGet("related")]
    public async Task<RelatedSeriesDto> Related(int seriesId) => new RelatedSeriesDto { Sequels = await volumes.Related(seriesId) };

    [HttpGet("stats")]
    public StatsDto Stats() => new StatsDto { Recent = db.Volumes.AsEnumerable().OrderByDescending(v => v.Id).Take(5) };

    [HttpGet("countries")]
    public Task<List<Country>> Countries() => db.Countries.ToListAsync();
}
