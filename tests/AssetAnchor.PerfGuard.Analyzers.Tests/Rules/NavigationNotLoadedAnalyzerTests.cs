using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.NavigationNotLoadedAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

/// <summary>
/// PG0002 cases run on the lazy-loading model, PG0003 cases on the eager one. The "not reported" traps run on
/// both models, so a trap that silences one rule must silence the other.
/// </summary>
public sealed class NavigationNotLoadedAnalyzerTests
{
    public static TheoryData<string, string> LazyLoadInLoop { get; } = new()
    {
        { "reference read per foreach element", """
            public class PropertyController(AnchorContext db)
            {
                public async Task<List<string>> OwnerNames()
                {
                    var properties = await db.Properties.ToListAsync();
                    var names = new List<string>();
                    foreach (var p in properties) names.Add({|PG0002:p.Owner|}.Name);
                    return names;
                }
            }
            """ },
        { "collection read per foreach element", """
            public class PropertyService(AnchorContext db)
            {
                public async Task<int> UnitCount()
                {
                    var total = 0;
                    foreach (var p in await db.Properties.Where(p => p.Name != "").ToListAsync()) total += {|PG0002:p.Units|}.Count;
                    return total;
                }
            }
            """ },
        { "read in a LINQ-to-objects Select", """
            public class LeaseController(AnchorContext db)
            {
                public async Task<List<string>> UnitNumbers()
                {
                    var leases = await db.Leases.Where(l => l.Active).ToListAsync();
                    return leases.Select(l => {|PG0002:l.Unit|}.Number).ToList();
                }
            }
            """ },
        { "foreach directly over the query", """
            public class DocumentService(AnchorContext db)
            {
                public List<string> Titles()
                {
                    var titles = new List<string>();
                    foreach (var d in db.Documents.Where(d => d.Title != "")) titles.Add({|PG0002:d.Property|}.Name + d.Title);
                    return titles;
                }
            }
            """ },
        { "nested navigation after an included collection", """
            public class PropertyReport(AnchorContext db)
            {
                public async Task<int> Leases()
                {
                    var properties = await db.Properties.Include(p => p.Units).ToListAsync();
                    var n = 0;
                    foreach (var p in properties)
                        foreach (var u in p.Units)
                            n += {|PG0002:u.Leases|}.Count;
                    return n;
                }
            }
            """ },
        { "both levels lazy", """
            public class PropertyReport(AnchorContext db)
            {
                public int Requests()
                {
                    var n = 0;
                    foreach (var p in db.Properties.ToList())
                        foreach (var u in {|PG0002:p.Units|})
                            n += {|PG0002:u.MaintenanceRequests|}.Count;
                    return n;
                }
            }
            """ },
        { "List.ForEach lambda", """
            public class Mailer(AnchorContext db)
            {
                public void Notify()
                {
                    var leases = db.Leases.ToList();
                    leases.ForEach(l => Console.WriteLine({|PG0002:l.Unit|}.Number));
                }
            }
            """ },
        { "Sum over a lazy collection", """
            public class Ledger(AnchorContext db)
            {
                public async Task<decimal> Paid()
                {
                    var leases = await db.Leases.ToListAsync();
                    return leases.Sum(l => {|PG0002:l.Payments|}.Sum(p => p.Amount));
                }
            }
            """ },
        { "other navigation included", """
            public class UnitService(AnchorContext db)
            {
                public async Task<List<string>> Labels()
                {
                    var units = await db.Units.Include(u => u.Leases).ToListAsync();
                    return units.Select(u => {|PG0002:u.Property|}.Name + u.Leases.Count).ToList();
                }
            }
            """ },
        { "string interpolation", """
            public class PaymentExport(AnchorContext db)
            {
                public async Task<List<string>> Lines()
                {
                    var lines = new List<string>();
                    foreach (var p in await db.Payments.OrderBy(p => p.PaidOn).ToListAsync()) lines.Add($"{p.Amount} {{|PG0002:p.Lease|}.Rent}");
                    return lines;
                }
            }
            """ },
        { "null-conditional read", """
            public class DocumentList(AnchorContext db)
            {
                public List<string?> Owners()
                {
                    var docs = db.Documents.AsNoTracking().ToList();
                    return docs.Select(d => {|PG0002:d.Property|}?.Name).ToList();
                }
            }
            """ },
        { "filtered in memory first", """
            public class Arrears(AnchorContext db)
            {
                public async Task<List<string>> Names()
                {
                    var leases = await db.Leases.ToListAsync();
                    var result = new List<string>();
                    foreach (var l in leases.Where(l => l.Rent > 1000).OrderBy(l => l.Id)) result.Add({|PG0002:l.Unit|}.Number);
                    return result;
                }
            }
            """ },
        { "through a source repository returning Set<T>()", """
            public class Repository<T>(AnchorContext db) where T : class { public IQueryable<T> Query() => db.Set<T>(); }
            public class OwnerService(Repository<Property> properties)
            {
                public async Task<List<string>> Names()
                {
                    var list = await properties.Query().ToListAsync();
                    return list.Select(p => {|PG0002:p.Owner|}.Name).ToList();
                }
            }
            """ },
        { "ThenInclude one level short", """
            public class TenantReport(AnchorContext db)
            {
                public async Task<decimal> Paid()
                {
                    var units = await db.Units.Include(u => u.Leases).ToListAsync();
                    decimal sum = 0;
                    foreach (var u in units) foreach (var l in u.Leases) sum += {|PG0002:l.Payments|}.Sum(p => p.Amount);
                    return sum;
                }
            }
            """ },
        { "ToArray and a for-each over the array", """
            public class UnitBoard(AnchorContext db)
            {
                public List<string> Board()
                {
                    var units = db.Units.ToArray();
                    var list = new List<string>();
                    foreach (var u in units) list.Add({|PG0002:u.Property|}.Name);
                    return list;
                }
            }
            """ },
        { "reference chain in a loop", """
            public class PaymentView(AnchorContext db)
            {
                public List<string> Units()
                {
                    var payments = db.Payments.Include(p => p.Lease).ToList();
                    return payments.Select(p => {|PG0002:p.Lease.Unit|}.Number).ToList();
                }
            }
            """ },
        { "Any over a collection in Where", """
            public class Vacancy(AnchorContext db)
            {
                public async Task<List<Unit>> Vacant()
                {
                    var units = await db.Units.ToListAsync();
                    return units.Where(u => !{|PG0002:u.Leases|}.Any(l => l.Active)).ToList();
                }
            }
            """ },
        { "count in an if inside foreach", """
            public class Alerts(AnchorContext db)
            {
                public async Task<int> Busy()
                {
                    var n = 0;
                    foreach (var u in await db.Units.ToListAsync()) { if ({|PG0002:u.MaintenanceRequests|}.Count > 3) n++; }
                    return n;
                }
            }
            """ },
        { "await foreach over AsAsyncEnumerable", """
            public class Stream(AnchorContext db)
            {
                public async Task<int> Count()
                {
                    var n = 0;
                    await foreach (var o in db.Owners.AsAsyncEnumerable()) n += {|PG0002:o.Properties|}.Count;
                    return n;
                }
            }
            """ },
        { "Set<T>() with a Where chain", """
            public class Docs(AnchorContext db)
            {
                public List<string> Names() => db.Set<Document>().Where(d => d.Id > 0).ToList().Select(d => {|PG0002:d.Property|}.Name).ToList();
            }
            """ },
    };

    public static TheoryData<string, string> NeverLoaded { get; } = new()
    {
        { "query helper extension without Include", """
            public static class PropertyQueries
            {
                public static IQueryable<Property> Named(this IQueryable<Property> query) => query.Where(p => p.Name != "");
            }
            public class A(AnchorContext db)
            {
                public async Task<List<string>> Names() => (await db.Properties.Named().ToListAsync()).Select(p => {|PG0003:p.Owner|}.Name).ToList();
            }
            """ },

        { "single entity reference", """
            public class PropertyController(AnchorContext db)
            {
                public async Task<string> OwnerName(int id)
                {
                    var property = await db.Properties.FirstAsync(p => p.Id == id);
                    return {|PG0003:property.Owner|}.Name;
                }
            }
            """ },
        { "Find then collection", """
            public class UnitService(AnchorContext db)
            {
                public int LeaseCount(int id)
                {
                    var unit = db.Units.Find(id)!;
                    return {|PG0003:unit.Leases|}.Count;
                }
            }
            """ },
        { "foreach element", """
            public class Report(AnchorContext db)
            {
                public async Task<List<string>> Lines()
                {
                    var leases = await db.Leases.ToListAsync();
                    var lines = new List<string>();
                    foreach (var l in leases) lines.Add({|PG0003:l.Unit|}.Number);
                    return lines;
                }
            }
            """ },
        { "lambda element", """
            public class Report(AnchorContext db)
            {
                public async Task<List<int>> Counts() => (await db.Properties.ToListAsync()).Select(p => {|PG0003:p.Documents|}.Count).ToList();
            }
            """ },
        { "ThenInclude missing", """
            public class Report(AnchorContext db)
            {
                public async Task<decimal> Paid(int unitId)
                {
                    var unit = await db.Units.Include(u => u.Leases).SingleAsync(u => u.Id == unitId);
                    return unit.Leases.Sum(l => {|PG0003:l.Payments|}.Sum(p => p.Amount));
                }
            }
            """ },
        { "included one, read another", """
            public class Report(AnchorContext db)
            {
                public async Task<string> Describe(int id)
                {
                    var p = await db.Properties.Include(x => x.Units).FirstOrDefaultAsync(x => x.Id == id);
                    return p!.Units.Count + {|PG0003:p.Owner|}.Name;
                }
            }
            """ },
        { "SingleOrDefaultAsync with null-conditional", """
            public class LeaseController(AnchorContext db)
            {
                public async Task<string?> Unit(int id)
                {
                    var lease = await db.Leases.SingleOrDefaultAsync(l => l.Id == id);
                    return {|PG0003:lease?.Unit|}?.Number;
                }
            }
            """ },
        { "repository in source", """
            public class Repository<T>(AnchorContext db) where T : class { public IQueryable<T> Query() => db.Set<T>(); }
            public class OwnerService(Repository<Owner> owners)
            {
                public async Task<int> Count(int id) => {|PG0003:(await owners.Query().FirstAsync(o => o.Id == id)).Properties|}.Count;
            }
            """ },
        { "nested reference chain", """
            public class PaymentController(AnchorContext db)
            {
                public async Task<string> UnitOf(int paymentId)
                {
                    var payment = await db.Payments.Include(p => p.Lease).FirstAsync(p => p.Id == paymentId);
                    return {|PG0003:payment.Lease.Unit|}.Number;
                }
            }
            """ },
        { "collection Any", """
            public class MaintenanceController(AnchorContext db)
            {
                public async Task<bool> HasOpen(int unitId)
                {
                    var unit = await db.Units.FirstAsync(u => u.Id == unitId);
                    return {|PG0003:unit.MaintenanceRequests|}.Any(m => m.Status == "Open");
                }
            }
            """ },
        { "foreach over the query", """
            public class Export(AnchorContext db)
            {
                public IEnumerable<string> Lines()
                {
                    foreach (var d in db.Documents) yield return {|PG0003:d.Property|}.Name;
                }
            }
            """ },
        { "Where in memory then read", """
            public class Export(AnchorContext db)
            {
                public async Task<List<string>> Lines()
                {
                    var payments = await db.Payments.ToListAsync();
                    return payments.Where(p => p.Amount > 0).Select(p => {|PG0003:p.Lease|}.Id.ToString()).ToList();
                }
            }
            """ },
        { "tenant leases", """
            public class TenantController(AnchorContext db)
            {
                public async Task<decimal> Rent(int id)
                {
                    var tenant = await db.Tenants.SingleAsync(t => t.Id == id);
                    return {|PG0003:tenant.Leases|}.Sum(l => l.Rent);
                }
            }
            """ },
        { "AsNoTracking", """
            public class Docs(AnchorContext db)
            {
                public async Task<string> Title(int id)
                {
                    var doc = await db.Documents.AsNoTracking().FirstAsync(d => d.Id == id);
                    return {|PG0003:doc.Property|}.Name + doc.Title;
                }
            }
            """ },
        { "ordered query materialised into a local", """
            public class Units(AnchorContext db)
            {
                public List<int> Counts()
                {
                    var query = db.Units.OrderBy(u => u.Number);
                    var units = query.ToList();
                    return units.Select(u => {|PG0003:u.Leases|}.Count).ToList();
                }
            }
            """ },
        { "IgnoreAutoIncludes turns AutoInclude off", """
            public class Leases(AnchorContext db)
            {
                public async Task<string> Tenant(int id)
                {
                    var lease = await db.Leases.IgnoreAutoIncludes().FirstAsync(l => l.Id == id);
                    return {|PG0003:lease.Tenant|}.Name;
                }
            }
            """ },
        { "AutoInclude in a migration snapshot does not configure the runtime model", """
            public class AnchorSnapshot : Microsoft.EntityFrameworkCore.Infrastructure.ModelSnapshot
            {
                protected override void BuildModel(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<Lease>().Navigation(l => l.Unit).AutoInclude();
            }

            public class Board(AnchorContext db)
            {
                public async Task<string> Unit(int id)
                {
                    var lease = await db.Leases.FirstAsync(l => l.Id == id);
                    return {|PG0003:lease.Unit|}.Number;
                }
            }
            """ },
        { "string include of a different path", """
            public class Owners(AnchorContext db)
            {
                public async Task<int> Docs(int id)
                {
                    var owner = await db.Owners.Include("Properties").FirstAsync(o => o.Id == id);
                    return owner.Properties.Sum(p => {|PG0003:p.Documents|}.Count);
                }
            }
            """ },
        { "LastOrDefault", """
            public class Payments(AnchorContext db)
            {
                public string? LastUnit() => {|PG0003:db.Payments.OrderBy(p => p.PaidOn).LastOrDefault()?.Lease|}?.Unit.Number;
            }
            """ },
        { "read in a condition", """
            public class Guard(AnchorContext db)
            {
                public async Task<bool> Owned(int id)
                {
                    var p = await db.Properties.FirstAsync(x => x.Id == id);
                    return {|PG0003:p.Owner|} is not null;
                }
            }
            """ },
        { "unit of lease in a foreach over ToArrayAsync", """
            public class Board(AnchorContext db)
            {
                public async Task<int> Count()
                {
                    var n = 0;
                    foreach (var lease in await db.Leases.ToArrayAsync()) n += {|PG0003:lease.Unit|}.Number.Length;
                    return n;
                }
            }
            """ },
    };

    public static TheoryData<string, string> Loaded { get; } = new()
    {
        { "related entity fetched separately is fixed up", """
            public class A(AnchorContext db)
            {
                public async Task<string> Describe(int id)
                {
                    var p = await db.Properties.FirstAsync(x => x.Id == id);
                    await db.Owners.FindAsync(p.OwnerId);
                    return p.Owner.Name;
                }
            }
            """ },

        { "navigation assigned earlier in the method", """
            public class A(AnchorContext db)
            {
                public async Task<string> Reassign(int id, Owner owner)
                {
                    var p = await db.Properties.FirstAsync(x => x.Id == id);
                    p.Owner = owner;
                    return p.Owner.Name;
                }
            }
            """ },
        { "value object without a key is not a navigation", """
            public class Money { public decimal Amount { get; set; } public string Currency { get; set; } = "GBP"; }
            public class Invoice { public int Id { get; set; } public Money Total { get; set; } = new(); }
            public class BillingContext : DbContext
            {
                public DbSet<Invoice> Invoices => Set<Invoice>();
                protected override void OnModelCreating(ModelBuilder b) => b.Entity<Invoice>().ComplexProperty(i => i.Total);
            }
            public class A(BillingContext db)
            {
                public async Task<decimal> Total(int id) => (await db.Invoices.FirstAsync(i => i.Id == id)).Total.Amount;
            }
            """ },
        { "Include inside a query helper extension", """
            public static class PropertyQueries
            {
                public static IQueryable<Property> WithOwner(this IQueryable<Property> query) => query.Include(p => p.Owner);
            }
            public class A(AnchorContext db)
            {
                public async Task<List<string>> Names() => (await db.Properties.WithOwner().ToListAsync()).Select(p => p.Owner.Name).ToList();
            }
            """ },

        { "Include lambda", """
            public class A(AnchorContext db)
            {
                public async Task<List<string>> Names() =>
                    (await db.Properties.Include(p => p.Owner).ToListAsync()).Select(p => p.Owner.Name).ToList();
            }
            """ },
        { "Include string path", """
            public class A(AnchorContext db)
            {
                public async Task<int> Count()
                {
                    var n = 0;
                    foreach (var p in await db.Properties.Include("Units.Leases").ToListAsync())
                        foreach (var u in p.Units) n += u.Leases.Count;
                    return n;
                }
            }
            """ },
        { "Include then ThenInclude", """
            public class A(AnchorContext db)
            {
                public async Task<decimal> Paid(int id)
                {
                    var unit = await db.Units.Include(u => u.Leases).ThenInclude(l => l.Payments).SingleAsync(u => u.Id == id);
                    return unit.Leases.Sum(l => l.Payments.Sum(p => p.Amount));
                }
            }
            """ },
        { "filtered Include", """
            public class A(AnchorContext db)
            {
                public async Task<int> Active(int id)
                {
                    var unit = await db.Units.Include(u => u.Leases.Where(l => l.Active).OrderBy(l => l.Id)).FirstAsync(u => u.Id == id);
                    return unit.Leases.Count;
                }
            }
            """ },
        { "AutoInclude in OnModelCreating", """
            public class A(AnchorContext db)
            {
                public async Task<List<string>> Tenants() => (await db.Leases.ToListAsync()).Select(l => l.Tenant.Name).ToList();
            }
            """ },
        { "owned type", """
            public class A(AnchorContext db)
            {
                public async Task<List<string>> Cities() => (await db.Owners.ToListAsync()).Select(o => o.Address.City).ToList();
            }
            """ },
        { "projection into a DTO", """
            public record PropertyRow(string Name, string Owner, int Units);
            public class A(AnchorContext db)
            {
                public Task<List<PropertyRow>> Rows() =>
                    db.Properties.Select(p => new PropertyRow(p.Name, p.Owner.Name, p.Units.Count)).ToListAsync();
            }
            """ },
        { "explicit Load before use", """
            public class A(AnchorContext db)
            {
                public async Task<string> Owner(int id)
                {
                    var p = await db.Properties.FirstAsync(x => x.Id == id);
                    await db.Entry(p).Reference(x => x.Owner).LoadAsync();
                    return p.Owner.Name;
                }
            }
            """ },
        { "fix-up from a second query", """
            public class A(AnchorContext db)
            {
                public async Task<int> Leases()
                {
                    var units = await db.Units.ToListAsync();
                    var ids = units.Select(u => u.Id).ToList();
                    await db.Leases.Where(l => ids.Contains(l.UnitId)).LoadAsync();
                    return units.Sum(u => u.Leases.Count);
                }
            }
            """ },
        { "foreign key scalar", """
            public class A(AnchorContext db)
            {
                public async Task<List<int>> OwnerIds() => (await db.Properties.ToListAsync()).Select(p => p.OwnerId).ToList();
            }
            """ },
        { "entity from a parameter", """
            public class A
            {
                public string Owner(Property property) => property.Owner.Name;
                public int Units(List<Property> properties) => properties.Sum(p => p.Units.Count);
            }
            """ },
        { "navigation assigned, not read", """
            public class A(AnchorContext db)
            {
                public async Task Move(int id, Owner owner)
                {
                    var p = await db.Properties.FirstAsync(x => x.Id == id);
                    p.Owner = owner;
                    await db.SaveChangesAsync();
                }
            }
            """ },
        { "Add to an unloaded collection", """
            public class A(AnchorContext db)
            {
                public async Task AddUnit(int id)
                {
                    var p = await db.Properties.FirstAsync(x => x.Id == id);
                    p.Units.Add(new Unit { Number = "1A" });
                    await db.SaveChangesAsync();
                }
            }
            """ },
        { "navigation inside an EF query lambda", """
            public class A(AnchorContext db)
            {
                public Task<List<Property>> WithOwner(string name) => db.Properties.Where(p => p.Owner.Name == name && p.Units.Any()).ToListAsync();
            }
            """ },
        { "new entity", """
            public class A
            {
                public int Count() { var p = new Property(); return p.Units.Count + p.Owner.Id; }
            }
            """ },
        { "query from an IQueryable parameter (unknown includes)", """
            public class A
            {
                public Task<List<string>> Names(IQueryable<Property> source) =>
                    source.ToListAsync().ContinueWith(t => t.Result.Select(p => p.Owner.Name).ToList());
            }
            """ },
        { "projection of entities to a list of names first", """
            public class A(AnchorContext db)
            {
                public async Task<List<int>> Lengths()
                {
                    var names = await db.Properties.Select(p => p.Name).ToListAsync();
                    return names.Select(n => n.Length).ToList();
                }
            }
            """ },
        { "nameof", """
            public class A(AnchorContext db)
            {
                public async Task<string> Name(int id) { var p = await db.Properties.FirstAsync(x => x.Id == id); return nameof(p.Owner); }
            }
            """ },
        { "Include through a local query variable", """
            public class A(AnchorContext db)
            {
                public async Task<List<string>> Names()
                {
                    var query = db.Leases.Include(l => l.Unit).Where(l => l.Active);
                    var leases = await query.ToListAsync();
                    return leases.Select(l => l.Unit.Number).ToList();
                }
            }
            """ },
        { "Include of a reference chain", """
            public class A(AnchorContext db)
            {
                public async Task<string> Unit(int id)
                {
                    var payment = await db.Payments.Include(p => p.Lease.Unit).FirstAsync(p => p.Id == id);
                    return payment.Lease.Unit.Number;
                }
            }
            """ },
        { "entity from a field", """
            public class A
            {
                private readonly List<Lease> leases = new();
                public List<string> Tenants() => leases.Select(l => l.Unit.Number).ToList();
            }
            """ },
        { "explicit collection Load by string", """
            public class A(AnchorContext db)
            {
                public int Count(int id)
                {
                    var p = db.Properties.First(x => x.Id == id);
                    db.Entry(p).Collection("Documents").Load();
                    return p.Documents.Count;
                }
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(LazyLoadInLoop))]
    public Task LazyNavigationReadPerElement_IsPG0002(string name, string code)
    {
        Assert.NotNull(name);
        return VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Lazy + code);
    }

    [Theory]
    [MemberData(nameof(NeverLoaded))]
    public Task UnloadedNavigationWithoutLazyLoading_IsPG0003(string name, string code)
    {
        Assert.NotNull(name);
        return VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + code);
    }

    [Theory]
    [MemberData(nameof(Loaded))]
    public Task LoadedOrUnknownNavigation_IsNotReportedWithoutLazyLoading(string name, string code)
    {
        Assert.NotNull(name);
        return VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + code);
    }

    [Theory]
    [MemberData(nameof(Loaded))]
    public Task LoadedOrUnknownNavigation_IsNotReportedWithLazyLoading(string name, string code)
    {
        Assert.NotNull(name);
        return VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Lazy + code);
    }

    [Fact]
    public Task SingleEntityLazyRead_IsNotAnN1() => VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Lazy + """
        public class A(AnchorContext db)
        {
            public async Task<string> Owner(int id) => (await db.Properties.FirstAsync(p => p.Id == id)).Owner.Name;
        }
        """);

    [Fact]
    public Task LazyLoadingFromAddDbContext_IsPG0002() => VerifyCS.VerifyAnalyzerAsync(
        AssetAnchorModel.Eager.Replace("public Owner Owner", "public virtual Owner Owner", StringComparison.Ordinal) + """
        public static class Startup
        {
            public static void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
                Microsoft.Extensions.DependencyInjection.EntityFrameworkServiceCollectionExtensions.AddDbContext<AnchorContext>(
                    services, o => o.UseLazyLoadingProxies());
        }
        public class A(AnchorContext db)
        {
            public List<string> Owners() => db.Properties.ToList().Select(p => {|PG0002:p.Owner|}.Name).ToList();
        }
        """);

    [Fact]
    public Task LazyLoaderInjectedEntity_IsPG0002() => VerifyCS.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Infrastructure;

        public class Landlord { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class Building
        {
            private readonly ILazyLoader? lazyLoader;
            private Landlord? landlord;
            public Building() { }
            private Building(ILazyLoader lazyLoader) { this.lazyLoader = lazyLoader; }
            public int Id { get; set; }
            public int LandlordId { get; set; }
            public Landlord? Landlord { get => lazyLoader.Load(this, ref landlord); set => landlord = value; }
        }
        public class BuildingContext : DbContext
        {
            public DbSet<Building> Buildings => Set<Building>();
            public DbSet<Landlord> Landlords => Set<Landlord>();
        }
        public class A(BuildingContext db)
        {
            public List<string?> Names() => db.Buildings.ToList().Select(b => {|PG0002:b.Landlord|}?.Name).ToList();
            public List<int> Ids() => db.Buildings.ToList().Select(b => b.LandlordId).ToList();
        }
        """);
}
