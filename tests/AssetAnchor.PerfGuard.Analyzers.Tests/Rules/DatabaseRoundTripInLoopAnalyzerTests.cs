using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

public sealed class DatabaseRoundTripInLoopAnalyzerTests
{
    public static TheoryData<string, string> Reported { get; } = new()
    {
        // A "flush" every other element, or a counter the branch never resets: a round trip per element (or per two).
        { "flush that is no batch", """
            public class Saver(AnchorContext db)
            {
                public async Task Run(List<Lease> leases)
                {
                    var pending = new List<Lease>();
                    var processed = 0;
                    foreach (var lease in leases)
                    {
                        pending.Add(lease);
                        if (pending.Count > 1)
                        {
                            await {|PG0001:db.SaveChangesAsync()|};
                            pending.Clear();
                        }

                        processed++;
                        if (processed >= 100)
                        {
                            await {|PG0001:db.SaveChangesAsync()|};
                        }
                    }
                }
            }
            """ },
        // A field of parts that the type also fills itself: not only what a container handed over.
        { "loop over parts a type collects itself", """
            public interface ILeasePart { Task<int> RunAsync(); }
            public class CountingPart(AnchorContext db) : ILeasePart { public Task<int> RunAsync() => db.Leases.CountAsync(); }
            public class Parts(IEnumerable<ILeasePart> parts, AnchorContext db)
            {
                private List<ILeasePart> _parts = parts.ToList();

                private readonly List<ILeasePart> _added = parts.ToList();

                public void AddPerLease() => _parts = db.Leases.Select(l => (ILeasePart)new CountingPart(db)).ToList();

                public void AddOne(int id) => _added.Add(new CountingPart(db));

                public async Task<int> RunAll()
                {
                    var n = 0;
                    foreach (var part in _parts) n += await {|PG0001:part.RunAsync()|};
                    foreach (var part in _added) n += await {|PG0001:part.RunAsync()|};
                    return n;
                }
            }
            """ },
        // Not offset paging: an index advanced by one is an element; an offset advanced but never handed on pages nothing.
        { "index advanced by one, or an offset kept to itself", """
            public class Walk(AnchorContext db)
            {
                public int Run(int n)
                {
                    var found = 0;
                    for (var id = 1; id < n; id += 1) if ({|PG0001:db.Leases.Find(id)|} != null) found++;
                    var seen = 0;
                    while (seen < n)
                    {
                        found += {|PG0001:db.Leases.Count(l => l.Id > found)|};
                        seen += 10;
                        System.Console.WriteLine(seen);
                    }
                    return found;
                }
            }
            """ },
        { "FirstOrDefaultAsync in foreach", """
            public class LeaseService(AnchorContext db)
            {
                public async Task<List<string>> TenantNames(List<int> tenantIds)
                {
                    var names = new List<string>();
                    foreach (var id in tenantIds)
                    {
                        var tenant = await {|PG0001:db.Tenants.FirstOrDefaultAsync(t => t.Id == id)|};
                        names.Add(tenant?.Name ?? "");
                    }
                    return names;
                }
            }
            """ },
        { "Find in for loop", """
            public class OwnerService(AnchorContext db)
            {
                public List<Owner> Load(int[] ids)
                {
                    var owners = new List<Owner>();
                    for (var i = 0; i < ids.Length; i++)
                    {
                        owners.Add({|PG0001:db.Owners.Find(ids[i])|}!);
                    }
                    return owners;
                }
            }
            """ },
        { "CountAsync in while body", """
            public class ReportService(AnchorContext db)
            {
                public async Task<int> Total(Queue<int> unitIds)
                {
                    var total = 0;
                    while (unitIds.Count > 0)
                    {
                        var unitId = unitIds.Dequeue();
                        total += await {|PG0001:db.Leases.CountAsync(l => l.UnitId == unitId)|};
                    }
                    return total;
                }
            }
            """ },
        { "AnyAsync in do loop", """
            public class UnitService(AnchorContext db)
            {
                public async Task<int> FirstFree(IEnumerator<int> unitIds)
                {
                    do
                    {
                        var id = unitIds.Current;
                        if (!await {|PG0001:db.Leases.AnyAsync(l => l.UnitId == id && l.Active)|})
                        {
                            return id;
                        }
                    }
                    while (unitIds.MoveNext());
                    return -1;
                }
            }
            """ },
        { "query per element of await foreach", """
            public class PaymentService(AnchorContext db)
            {
                public async Task<decimal> Sum(IAsyncEnumerable<Lease> leases)
                {
                    decimal sum = 0;
                    await foreach (var lease in leases)
                    {
                        sum += await {|PG0001:db.Payments.Where(p => p.LeaseId == lease.Id).SumAsync(p => p.Amount)|};
                    }
                    return sum;
                }
            }
            """ },
        { "First inside LINQ-to-objects Select", """
            public class OwnerController(AnchorContext db)
            {
                public List<string> Names(List<Property> properties) =>
                    properties.Select(p => {|PG0001:db.Owners.First(o => o.Id == p.OwnerId)|}.Name).ToList();
            }
            """ },
        { "SaveChanges in List.ForEach", """
            public class TenantImport(AnchorContext db)
            {
                public void Import(List<Tenant> tenants) =>
                    tenants.ForEach(t => { db.Tenants.Add(t); {|PG0001:db.SaveChanges()|}; });
            }
            """ },
        { "FindAsync in Parallel.ForEachAsync", """
            public class Sync(AnchorContext db)
            {
                public Task Run(List<int> ids) =>
                    Parallel.ForEachAsync(ids, async (id, ct) => { await {|PG0001:db.Units.FindAsync(new object[] { id }, ct)|}; });
            }
            """ },
        { "Task.WhenAll over Select", """
            public class LeaseQueries(AnchorContext db)
            {
                public Task<Lease?[]> ForUnits(IEnumerable<int> unitIds) =>
                    Task.WhenAll(unitIds.Select(id => {|PG0001:db.Leases.FirstOrDefaultAsync(l => l.UnitId == id)|}));
            }
            """ },
        { "SaveChangesAsync per element", """
            public class PaymentImporter(AnchorContext db)
            {
                public async Task Import(IEnumerable<Payment> payments)
                {
                    foreach (var payment in payments)
                    {
                        db.Payments.Add(payment);
                        await {|PG0001:db.SaveChangesAsync()|};
                    }
                }
            }
            """ },
        { "ExecuteUpdateAsync per element", """
            public class RentService(AnchorContext db)
            {
                public async Task Raise(Dictionary<int, decimal> rents)
                {
                    foreach (var (leaseId, rent) in rents)
                    {
                        await {|PG0001:db.Leases.Where(l => l.Id == leaseId).ExecuteUpdateAsync(s => s.SetProperty(l => l.Rent, rent))|};
                    }
                }
            }
            """ },
        { "ExecuteDelete per element", """
            public class Cleanup(AnchorContext db)
            {
                public void Purge(List<int> propertyIds)
                {
                    foreach (var id in propertyIds)
                    {
                        {|PG0001:db.Documents.Where(d => d.PropertyId == id).ExecuteDelete()|};
                    }
                }
            }
            """ },
        { "raw SQL per element", """
            public class Archive(AnchorContext db)
            {
                public async Task Run(List<int> ids)
                {
                    foreach (var id in ids)
                    {
                        await {|PG0001:db.Database.ExecuteSqlRawAsync("DELETE FROM Payments WHERE LeaseId = {0}", id)|};
                    }
                }
            }
            """ },
        { "explicit reference load per element", """
            public class LeaseReport(AnchorContext db)
            {
                public async Task Fill(List<Lease> leases)
                {
                    foreach (var lease in leases)
                    {
                        await {|PG0001:db.Entry(lease).Reference(l => l.Unit).LoadAsync()|};
                    }
                }
            }
            """ },
        { "explicit collection load per element", """
            public class UnitReport(AnchorContext db)
            {
                public void Fill(List<Unit> units)
                {
                    foreach (var unit in units)
                    {
                        {|PG0001:db.Entry(unit).Collection(u => u.Leases).Load()|};
                    }
                }
            }
            """ },
        { "helper method of the same class", """
            public class TenantService(AnchorContext db)
            {
                public async Task<List<string>> Emails(List<int> ids)
                {
                    var emails = new List<string>();
                    foreach (var id in ids)
                    {
                        emails.Add((await {|PG0001:GetTenantAsync(id)|})!.Email);
                    }
                    return emails;
                }

                private Task<Tenant?> GetTenantAsync(int id) => db.Tenants.FirstOrDefaultAsync(t => t.Id == id);
            }
            """ },
        { "local function", """
            public class UnitService(AnchorContext db)
            {
                public async Task<int> Open(List<int> unitIds)
                {
                    var open = 0;
                    foreach (var id in unitIds)
                    {
                        if (await {|PG0001:HasOpenRequest(id)|}) open++;
                    }
                    return open;

                    Task<bool> HasOpenRequest(int unitId) => db.MaintenanceRequests.AnyAsync(m => m.UnitId == unitId && m.Status == "Open");
                }
            }
            """ },
        { "lambda held in a local", """
            public class OwnerService(AnchorContext db)
            {
                public async Task<List<Owner?>> Load(List<int> ids)
                {
                    Func<int, Task<Owner?>> load = id => db.Owners.SingleOrDefaultAsync(o => o.Id == id);
                    var owners = new List<Owner?>();
                    foreach (var id in ids)
                    {
                        owners.Add(await {|PG0001:load(id)|});
                    }
                    return owners;
                }
            }
            """ },
        { "service behind an interface", """
            public interface ITenantDirectory { Task<Tenant?> GetTenantAsync(int id); }
            public class TenantDirectory(AnchorContext db) : ITenantDirectory
            {
                public Task<Tenant?> GetTenantAsync(int id) => db.Tenants.FirstOrDefaultAsync(t => t.Id == id);
            }
            public class LeaseController(ITenantDirectory tenants)
            {
                public async Task<List<string>> Names(List<Lease> leases)
                {
                    var names = new List<string>();
                    foreach (var lease in leases)
                    {
                        var tenant = await {|PG0001:tenants.GetTenantAsync(lease.TenantId)|};
                        names.Add(tenant?.Name ?? "");
                    }
                    return names;
                }
            }
            """ },
        { "generic repository FindAsync", """
            public interface IRepository<T> where T : class { ValueTask<T?> GetByIdAsync(int id); IQueryable<T> Query(); }
            public class EfRepository<T>(AnchorContext db) : IRepository<T> where T : class
            {
                public ValueTask<T?> GetByIdAsync(int id) => db.Set<T>().FindAsync(id);
                public IQueryable<T> Query() => db.Set<T>();
            }
            public class PaymentService(IRepository<Lease> leases)
            {
                public async Task<decimal> Rent(List<Payment> payments)
                {
                    decimal total = 0;
                    foreach (var payment in payments)
                    {
                        var lease = await {|PG0001:leases.GetByIdAsync(payment.LeaseId)|};
                        total += lease?.Rent ?? 0;
                    }
                    return total;
                }
            }
            """ },
        { "repository Query() IQueryable executed in loop", """
            public interface IRepository<T> where T : class { IQueryable<T> Query(); }
            public class MaintenanceService(IRepository<MaintenanceRequest> requests)
            {
                public async Task<Dictionary<int, int>> OpenCounts(List<Unit> units)
                {
                    var counts = new Dictionary<int, int>();
                    foreach (var unit in units)
                    {
                        counts[unit.Id] = await {|PG0001:requests.Query().Where(r => r.UnitId == unit.Id).CountAsync()|};
                    }
                    return counts;
                }
            }
            """ },
        { "foreach over an EF query inside a loop", """
            public class StatementService(AnchorContext db)
            {
                public decimal Total(List<int> leaseIds)
                {
                    decimal total = 0;
                    foreach (var leaseId in leaseIds)
                    {
                        foreach (var payment in {|PG0001:db.Payments.Where(p => p.LeaseId == leaseId)|})
                        {
                            total += payment.Amount;
                        }
                    }
                    return total;
                }
            }
            """ },
        { "materialised inner loop source in outer loop", """
            public class StatementService(AnchorContext db)
            {
                public async Task<decimal> Total(List<Lease> leases)
                {
                    decimal total = 0;
                    foreach (var lease in leases)
                    {
                        foreach (var payment in await {|PG0001:db.Payments.Where(p => p.LeaseId == lease.Id).ToListAsync()|})
                        {
                            total += payment.Amount;
                        }
                    }
                    return total;
                }
            }
            """ },
        { "top-N per parent is still one query per parent", """
            public class OwnerDashboard(AnchorContext db)
            {
                public async Task<List<Property>> Latest(List<Owner> owners)
                {
                    var result = new List<Property>();
                    foreach (var owner in owners)
                    {
                        result.AddRange(await {|PG0001:db.Properties.Where(p => p.OwnerId == owner.Id).OrderByDescending(p => p.Id).Take(3).ToListAsync()|});
                    }
                    return result;
                }
            }
            """ },
        { "two levels of helpers", """
            public class LeaseService(AnchorContext db)
            {
                public async Task<decimal> Balance(List<int> leaseIds)
                {
                    decimal sum = 0;
                    foreach (var id in leaseIds) sum += await {|PG0001:BalanceOf(id)|};
                    return sum;
                }

                private async Task<decimal> BalanceOf(int leaseId) => (await LoadLease(leaseId)).Rent - await Paid(leaseId);
                private Task<Lease> LoadLease(int id) => db.Leases.SingleAsync(l => l.Id == id);
                private Task<decimal> Paid(int id) => db.Payments.Where(p => p.LeaseId == id).SumAsync(p => p.Amount);
            }
            """ },
        { "SelectMany lambda", """
            public class Portfolio(AnchorContext db)
            {
                public List<Unit> Units(List<Property> properties) =>
                    properties.SelectMany(p => {|PG0001:db.Units.Where(u => u.PropertyId == p.Id).ToList()|}).ToList();
            }
            """ },
    };

    public static TheoryData<string, string> NotReported { get; } = new()
    {
        // jellyfin's migrations: a flush every Limit rows, or when the pending list reaches a batch, resetting what it tests.
        { "flush of what the loop accumulated", """
            public class Renamer(AnchorContext db)
            {
                private const int Limit = 500;
                private readonly List<Lease> pending = new();

                public async Task Run(List<Lease> leases)
                {
                    var processed = 0;
                    foreach (var lease in leases)
                    {
                        lease.Active = false;
                        processed++;
                        if (processed >= Limit)
                        {
                            await db.SaveChangesAsync();
                            processed = 0;
                        }
                    }

                    const int BatchSize = 20;
                    var batch = new List<int>();
                    foreach (var lease in leases)
                    {
                        batch.Add(lease.Id);
                        if (batch.Count >= BatchSize)
                        {
                            await db.Leases.Where(l => batch.Contains(l.Id)).ExecuteDeleteAsync();
                            batch = new List<int>();
                        }

                        pending.Add(lease);
                        if (pending.Count == Limit)
                        {
                            db.Leases.UpdateRange(pending);
                            await db.SaveChangesAsync();
                            pending.Clear();
                        }
                    }
                }
            }
            """ },
        // jellyfin's UserManager and LibraryManager: the parts a container handed over, kept in a field or property that
        // the type assigns only from a collection parameter (a constructor's, or AddParts'), through ToList/ToArray.
        { "loop over injected parts kept in a field or property", """
            public interface ILeasePart { Task<int> RunAsync(); }
            public class CountingPart(AnchorContext db) : ILeasePart { public Task<int> RunAsync() => db.Leases.CountAsync(); }
            public class Parts(IEnumerable<ILeasePart> parts)
            {
                private readonly IReadOnlyCollection<ILeasePart> _parts = parts.ToList();
                private ILeasePart[] _late = [];
                public ILeasePart[] Ordered { get; private set; } = [];

                public void AddParts(IEnumerable<ILeasePart> more)
                {
                    _late = more.ToArray();
                    Ordered = more.OrderBy(p => p.GetType().Name).ToArray();
                }

                public async Task<int> RunAll()
                {
                    var n = 0;
                    foreach (var part in _parts) n += await part.RunAsync();
                    foreach (var part in _late.OfType<CountingPart>()) n += await part.RunAsync();
                    foreach (var part in Ordered) n += await part.RunAsync();
                    return n;
                }
            }
            """ },
        // jellyfin's page loops: the offset advances by a page and goes into the method that pages (an argument, a
        // property of the query object it builds, or a property set on it).
        { "offset paging through a method", """
            public class LeasePageQuery { public int StartIndex { get; set; } public int Limit { get; set; } }
            public class Backfill(AnchorContext db)
            {
                private List<Lease> Page(int offset, int size) => db.Leases.OrderBy(l => l.Id).Skip(offset).Take(size).ToList();
                private List<Lease> Page(LeasePageQuery query) => db.Leases.OrderBy(l => l.Id).Skip(query.StartIndex).Take(query.Limit).ToList();

                public int Run(int total)
                {
                    var done = 0;
                    for (var offset = 0; offset < total; offset += 500) done += Page(offset, 500).Count;
                    var start = 0;
                    while (start < total)
                    {
                        var page = Page(new LeasePageQuery { StartIndex = start, Limit = 100 });
                        start += page.Count;
                    }
                    var query = new LeasePageQuery { Limit = 50 };
                    var next = 0;
                    do
                    {
                        query.StartIndex = next;
                        done += Page(query).Count;
                        next += query.Limit;
                    } while (next < total);
                    return done;
                }
            }
            """ },
        { "message loop driven by a channel", """
            public class PaymentConsumer(AnchorContext db, System.Threading.Channels.Channel<int> channel)
            {
                public async Task Run(CancellationToken token)
                {
                    while (await channel.Reader.WaitToReadAsync(token))
                    {
                        var id = await channel.Reader.ReadAsync(token);
                        var payment = await db.Payments.FindAsync(id);
                        await db.SaveChangesAsync(token);
                    }

                    await foreach (var id in channel.Reader.ReadAllAsync(token))
                    {
                        await db.Payments.Where(p => p.Id == id).ExecuteDeleteAsync(token);
                    }
                }
            }
            """ },

        { "the loop's own source", """
            public class PropertyService(AnchorContext db)
            {
                public async Task<int> Total()
                {
                    var total = 0;
                    foreach (var p in await db.Properties.ToListAsync()) total += p.Id;
                    return total;
                }
            }
            """ },
        { "queries built but not executed in the loop", """
            public class SearchService(AnchorContext db)
            {
                public IQueryable<Tenant> Filter(List<string> names)
                {
                    IQueryable<Tenant> query = db.Tenants;
                    foreach (var name in names)
                    {
                        query = query.Where(t => t.Name != name);
                    }
                    return query;
                }
            }
            """ },
        { "LINQ-to-objects on materialised lists", """
            public class PropertyService(AnchorContext db)
            {
                public async Task<List<string>> Names()
                {
                    var owners = await db.Owners.ToListAsync();
                    var properties = await db.Properties.ToListAsync();
                    var names = new List<string>();
                    foreach (var p in properties) names.Add(owners.First(o => o.Id == p.OwnerId).Name);
                    return names;
                }
            }
            """ },
        { "AsQueryable over a list", """
            public class PropertyService
            {
                public int Count(List<Owner> owners, List<int> ids)
                {
                    var total = 0;
                    foreach (var id in ids) total += owners.AsQueryable().Count(o => o.Id == id);
                    return total;
                }
            }
            """ },
        { "AsQueryable local over an array", """
            public class PropertyService
            {
                public int Count(Owner[] owners, List<int> ids)
                {
                    var query = owners.AsQueryable();
                    var total = 0;
                    foreach (var id in ids) total += query.Count(o => o.Id == id);
                    return total;
                }
            }
            """ },
        { "EF sub-query inside an EF Select", """
            public class OwnerReport(AnchorContext db)
            {
                public async Task<object> Summaries(List<int> ownerIds)
                {
                    return await db.Owners
                        .Where(o => ownerIds.Contains(o.Id))
                        .Select(o => new { o.Name, Count = db.Properties.Count(p => p.OwnerId == o.Id), Any = o.Properties.Any() })
                        .ToListAsync();
                }
            }
            """ },
        { "batched read with Where(ids.Contains) then a dictionary", """
            public class LeaseService(AnchorContext db)
            {
                public async Task<List<string>> TenantNames(List<Lease> leases)
                {
                    var ids = leases.Select(l => l.TenantId).Distinct().ToList();
                    var tenants = await db.Tenants.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id);
                    return leases.Select(l => tenants[l.TenantId].Name).ToList();
                }
            }
            """ },
        { "paging loop with Skip/Take", """
            public class Exporter(AnchorContext db)
            {
                public async Task Export(Action<List<Payment>> write)
                {
                    for (var page = 0; ; page++)
                    {
                        var batch = await db.Payments.OrderBy(p => p.Id).Skip(page * 500).Take(500).ToListAsync();
                        if (batch.Count == 0) break;
                        write(batch);
                    }
                }
            }
            """ },
        { "keyset batching loop", """
            public class Reindexer(AnchorContext db)
            {
                public async Task Run()
                {
                    var lastId = 0;
                    while (true)
                    {
                        var batch = await db.Documents.Where(d => d.Id > lastId).OrderBy(d => d.Id).Take(1000).ToListAsync();
                        if (batch.Count == 0) return;
                        foreach (var d in batch) d.Title = d.Title.Trim();
                        await db.SaveChangesAsync();
                        lastId = batch[^1].Id;
                    }
                }
            }
            """ },
        { "chunked ids", """
            public class TenantLookup(AnchorContext db)
            {
                public async Task<List<Tenant>> Load(List<int> ids)
                {
                    var result = new List<Tenant>();
                    foreach (var chunk in ids.Chunk(500))
                    {
                        result.AddRange(await db.Tenants.Where(t => chunk.Contains(t.Id)).ToListAsync());
                    }
                    return result;
                }
            }
            """ },
        { "retry loop", """
            public class PaymentWriter(AnchorContext db)
            {
                public async Task Save(int attempts)
                {
                    while (true)
                    {
                        try
                        {
                            await db.SaveChangesAsync();
                            return;
                        }
                        catch (DbUpdateConcurrencyException) when (--attempts > 0)
                        {
                        }
                    }
                }
            }
            """ },
        { "polling loop", """
            public class LeaseWatcher(AnchorContext db)
            {
                public async Task Watch(CancellationToken token)
                {
                    while (!token.IsCancellationRequested)
                    {
                        var expired = await db.Leases.Where(l => !l.Active).CountAsync(token);
                        Console.WriteLine(expired);
                        await Task.Delay(TimeSpan.FromMinutes(1), token);
                    }
                }
            }
            """ },
        { "small constant array", """
            public class StatusReport(AnchorContext db)
            {
                public async Task<Dictionary<string, int>> Counts()
                {
                    var counts = new Dictionary<string, int>();
                    foreach (var status in new[] { "Open", "InProgress", "Closed" })
                    {
                        counts[status] = await db.MaintenanceRequests.CountAsync(m => m.Status == status);
                    }
                    return counts;
                }
            }
            """ },
        { "small constant for range", """
            public class Quarterly(AnchorContext db)
            {
                public async Task<decimal[]> Totals(int year)
                {
                    var totals = new decimal[4];
                    for (var q = 0; q < 4; q++)
                    {
                        var from = new DateTime(year, q * 3 + 1, 1);
                        totals[q] = await db.Payments.Where(p => p.PaidOn >= from && p.PaidOn < from.AddMonths(3)).SumAsync(p => p.Amount);
                    }
                    return totals;
                }
            }
            """ },
        { "small static readonly set", """
            public class Regions(AnchorContext db)
            {
                private static readonly string[] Cities = { "Leeds", "York" };
                public async Task<List<int>> Counts()
                {
                    var result = new List<int>();
                    foreach (var city in Cities) result.Add(await db.Owners.CountAsync(o => o.Address.City == city));
                    return result;
                }
            }
            """ },
        { "Add in a loop, one SaveChanges after", """
            public class TenantImport(AnchorContext db)
            {
                public async Task Import(IEnumerable<Tenant> tenants)
                {
                    foreach (var tenant in tenants) db.Tenants.Add(tenant);
                    await db.SaveChangesAsync();
                }
            }
            """ },
        { "while condition drains a queue table", """
            public class Outbox(AnchorContext db)
            {
                public async Task Drain()
                {
                    while (await db.MaintenanceRequests.AnyAsync(m => m.Status == "New"))
                    {
                        Console.WriteLine("processing");
                        break;
                    }
                }
            }
            """ },
        { "helper without database access", """
            public class Formatter(AnchorContext db)
            {
                public List<string> Labels(List<Unit> units)
                {
                    var labels = new List<string>();
                    foreach (var unit in units) labels.Add(Label(unit));
                    return labels;
                }

                private static string Label(Unit unit) => "Unit " + unit.Number;
            }
            """ },
        { "interface implemented by an in-memory cache", """
            public interface ITenantCache { Tenant? Get(int id); }
            public class TenantCache(Dictionary<int, Tenant> map) : ITenantCache
            {
                public Tenant? Get(int id) => map.TryGetValue(id, out var t) ? t : null;
            }
            public class LeaseView(ITenantCache cache)
            {
                public List<string?> Names(List<Lease> leases) => leases.Select(l => cache.Get(l.TenantId)?.Name).ToList();
            }
            """ },
        { "lambda handed to Task.Run is not per element", """
            public class Background(AnchorContext db)
            {
                public Task<int> CountLater() => Task.Run(() => db.Tenants.CountAsync());
            }
            """ },
        { "collection Contains and Count on lists in a loop", """
            public class Matching
            {
                public int Matches(List<int> ids, List<Lease> leases)
                {
                    var n = 0;
                    foreach (var lease in leases) if (ids.Contains(lease.TenantId) && leases.Count > 1) n++;
                    return n;
                }
            }
            """ },
        { "query after the loop", """
            public class Totals(AnchorContext db)
            {
                public async Task<int> Run(List<int> ids)
                {
                    var filtered = new List<int>();
                    foreach (var id in ids) if (id > 0) filtered.Add(id);
                    return await db.Units.CountAsync(u => filtered.Contains(u.Id));
                }
            }
            """ },
        { "loop over enum values", """
            public enum LeaseState { Draft, Active, Ended }
            public class LeaseStats(AnchorContext db)
            {
                public List<int> Counts()
                {
                    var counts = new List<int>();
                    foreach (var state in Enum.GetValues<LeaseState>()) counts.Add(db.Leases.Count(l => l.Active == (state == LeaseState.Active)));
                    return counts;
                }
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(Reported))]
    public Task RoundTripPerIteration_IsReported(string name, string code)
    {
        Assert.NotNull(name);
        return VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + code);
    }

    [Theory]
    [MemberData(nameof(NotReported))]
    public Task NotAnN1_IsNotReported(string name, string code)
    {
        Assert.NotNull(name);
        return VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + code);
    }

    [Fact]
    public Task Message_NamesTheCallChain() => VerifyCS.VerifyAnalyzerAsync(
        AssetAnchorModel.Eager + """
            public interface ITenantDirectory { Task<Tenant?> GetTenantAsync(int id); }
            public class TenantDirectory(AnchorContext db) : ITenantDirectory
            {
                public Task<Tenant?> GetTenantAsync(int id) => db.Tenants.FirstOrDefaultAsync(t => t.Id == id);
            }
            public class LeaseController(ITenantDirectory tenants)
            {
                public async Task Touch(List<int> ids)
                {
                    foreach (var id in ids) await {|#0:tenants.GetTenantAsync(id)|};
                }
            }
            """,
        editorConfig: null,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult("PG0001", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
            .WithLocation(0)
            .WithArguments("GetTenantAsync -> FirstOrDefaultAsync", "foreach loop", "load the rows once before it"));
}
