using System.Globalization;
using System.Text;

namespace AssetAnchor.PerfGuard.SelfBenchmarks;

/// <summary>
/// Generates an EF Core application of 300+ files (entities, a DbContext, a generic repository, services and
/// controller-like classes) with a known number of deliberate N+1s, so the analyzer benchmark can check the
/// analyzers really ran: every generated problem increments the expected count of its rule as it is written.
/// Everything else is written the way a careful team writes it (batched queries, Include, projections), so an
/// unexpected diagnostic is a precision bug and also fails the setup.
/// </summary>
public static class AnalyzerCostProjectGenerator
{
    public sealed record GeneratedProject(IReadOnlyList<(string Path, string Source)> Files, IReadOnlyDictionary<string, int> ExpectedDiagnostics);

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        """;

    public static GeneratedProject Generate(int entityCount = 60, int serviceCount = 90)
    {
        var files = new List<(string, string)>();
        var expected = new Dictionary<string, int>(StringComparer.Ordinal) { ["PG0001"] = 0, ["PG0002"] = 0, ["PG0003"] = 0 };

        for (var i = 0; i < entityCount; i++)
        {
            var next = (i + 1) % entityCount;
            files.Add(($"Domain/Entity{i}.cs", Usings + $$"""
                namespace Generated.Domain;

                public class Entity{{i}}
                {
                    public int Id { get; set; }
                    public string Name { get; set; } = "";
                    public decimal Amount { get; set; }
                    public int? RelatedId { get; set; }
                    public Entity{{next}}? Related { get; set; }
                    public List<Child{{i}}> Children { get; set; } = new();
                }
                """));
            files.Add(($"Domain/Child{i}.cs", Usings + $$"""
                namespace Generated.Domain;

                public class Child{{i}}
                {
                    public int Id { get; set; }
                    public int ParentId { get; set; }
                    public Entity{{i}} Parent { get; set; } = null!;
                    public string Label { get; set; } = "";
                }
                """));
        }

        var context = new StringBuilder(Usings + "using Generated.Domain;\nnamespace Generated.Data;\n\npublic class AppDbContext : DbContext\n{\n");
        for (var i = 0; i < entityCount; i++)
        {
            context.Append(CultureInfo.InvariantCulture, $"    public DbSet<Entity{i}> Entities{i} => Set<Entity{i}>();\n");
            context.Append(CultureInfo.InvariantCulture, $"    public DbSet<Child{i}> Children{i} => Set<Child{i}>();\n");
        }

        context.Append("}\n");
        files.Add(("Data/AppDbContext.cs", context.ToString()));
        files.Add(("Data/Repository.cs", Usings + """
            namespace Generated.Data;

            public interface IRepository<T> where T : class { IQueryable<T> Query(); ValueTask<T?> GetAsync(int id); }

            public class Repository<T>(AppDbContext db) : IRepository<T> where T : class
            {
                public IQueryable<T> Query() => db.Set<T>();
                public ValueTask<T?> GetAsync(int id) => db.Set<T>().FindAsync(id);
            }
            """));

        for (var s = 0; s < serviceCount; s++)
        {
            var e = s % entityCount;
            var n1InLoop = s % 10 == 0;
            var unloaded = s % 15 == 7;
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $$"""
                    public async Task<List<string>> NamesAsync(List<int> ids)
                    {
                        var rows = await db.Entities{{e}}.Where(x => ids.Contains(x.Id)).Include(x => x.Children).ToListAsync();
                        var byId = rows.ToDictionary(x => x.Id);
                        var names = new List<string>();
                        foreach (var id in ids)
                        {
                            if (byId.TryGetValue(id, out var row)) names.Add(row.Name + row.Children.Count);
                        }
                        return names;
                    }

                    public Task<List<Summary{{s}}>> SummariesAsync() =>
                        db.Entities{{e}}.OrderBy(x => x.Id).Take(50)
                            .Select(x => new Summary{{s}}(x.Id, x.Name, x.Children.Count, x.Related != null ? x.Related.Name : ""))
                            .ToListAsync();

                    public async Task<decimal> TotalAsync()
                    {
                        var amounts = await db.Entities{{e}}.Select(x => x.Amount).ToListAsync();
                        decimal total = 0;
                        foreach (var amount in amounts) total += amount;
                        return total;
                    }

                    public async Task RenameAllAsync(IEnumerable<Entity{{e}}> entities)
                    {
                        foreach (var entity in entities) entity.Name = entity.Name.Trim();
                        await db.SaveChangesAsync();
                    }

                    public Task<Entity{{e}}?> GetAsync(int id) => db.Entities{{e}}.FirstOrDefaultAsync(x => x.Id == id);

                """);
            if (n1InLoop)
            {
                body.Append(CultureInfo.InvariantCulture, $$"""
                        public async Task<int> CountChildrenNaiveAsync(List<int> ids)
                        {
                            var total = 0;
                            foreach (var id in ids) total += await db.Children{{e}}.CountAsync(c => c.ParentId == id);
                            return total;
                        }

                    """);
                expected["PG0001"]++;
            }

            if (unloaded)
            {
                body.Append(CultureInfo.InvariantCulture, $$"""
                        public async Task<string> RelatedNameAsync(int id)
                        {
                            var entity = await db.Entities{{e}}.FirstAsync(x => x.Id == id);
                            return entity.Related?.Name ?? "";
                        }

                    """);
                expected["PG0003"]++;
            }

            files.Add(($"Services/Service{s}.cs", Usings + $$"""
                using Generated.Data;
                using Generated.Domain;
                namespace Generated.Services;

                public record Summary{{s}}(int Id, string Name, int Children, string Related);

                public interface IService{{s}} { Task<Entity{{e}}?> GetAsync(int id); Task<List<string>> NamesAsync(List<int> ids); }

                public class Service{{s}}(AppDbContext db) : IService{{s}}
                {
                {{body}}}
                """));

            var controllerLoop = s % 10 == 5;
            var controllerBody = controllerLoop
                ? $$"""
                        public async Task<List<string>> DetailsAsync(List<int> ids)
                        {
                            var result = new List<string>();
                            foreach (var id in ids) result.Add((await service.GetAsync(id))?.Name ?? "");
                            return result;
                        }
                    """
                : """
                        public Task<List<string>> DetailsAsync(List<int> ids) => service.NamesAsync(ids);
                    """;
            if (controllerLoop)
            {
                expected["PG0001"]++;
            }

            files.Add(($"Controllers/Controller{s}.cs", Usings + $$"""
                using Generated.Services;
                namespace Generated.Controllers;

                public class Controller{{s}}(IService{{s}} service)
                {
                {{controllerBody}}
                    public async Task<string> OneAsync(int id) => (await service.GetAsync(id))?.Name ?? "";
                }
                """));
        }

        return new GeneratedProject(files, expected);
    }
}
