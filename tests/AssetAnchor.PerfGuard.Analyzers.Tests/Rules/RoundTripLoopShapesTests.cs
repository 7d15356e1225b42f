using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

/// <summary>
/// PG0001 on the loop shapes of issue 10: loops that are not N+1 (they run once, leave on the path of the call,
/// probe until an answer, or only quote the call), loops that hide one (a small constant loop inside an unbounded
/// one), and in-memory queries that are reassigned.
/// </summary>
public sealed class RoundTripLoopShapesTests
{
    public static TheoryData<string, string> Reported { get; } = new()
    {
        { "an injected IEnumerable of entities is rows, not registered services", """
            public class TenantTotals(AnchorContext db, IEnumerable<Tenant> tenants)
            {
                public async Task<int> Sum()
                {
                    var total = 0;
                    foreach (var tenant in tenants)
                    {
                        total += await {|PG0001:db.Payments.CountAsync(p => p.Lease.TenantId == tenant.Id)|};
                    }
                    return total;
                }
            }
            """ },
        { "a list of services that is not the container's (a parameter of a method) is not exempt", """
            public interface ITenantLookup { int TenantId { get; } }

            public class LookupTotals(AnchorContext db)
            {
                public async Task<int> Sum(IEnumerable<ITenantLookup> lookups)
                {
                    var total = 0;
                    foreach (var lookup in lookups)
                    {
                        total += await {|PG0001:db.Payments.CountAsync(p => p.Lease.TenantId == lookup.TenantId)|};
                    }
                    return total;
                }
            }
            """ },
        { "small constant inner loop inside an unbounded foreach", """
            public class AttendanceService(AnchorContext db)
            {
                public async Task<int> Week(List<Tenant> all)
                {
                    var total = 0;
                    foreach (var tenant in all)
                    {
                        for (var day = 0; day <= 7; day++)
                        {
                            var since = DateTime.Today.AddDays(-day);
                            total += await {|PG0001:db.Payments.CountAsync(p => p.Lease.TenantId == tenant.Id && p.PaidOn >= since)|};
                        }
                    }
                    return total;
                }
            }
            """ },
        { "constant array loop inside an unbounded for", """
            public class StatusService(AnchorContext db)
            {
                public async Task<int> Count(int[] unitIds)
                {
                    var total = 0;
                    for (var i = 0; i < unitIds.Length; i++)
                    {
                        foreach (var status in new[] { "open", "closed" })
                        {
                            total += await {|PG0001:db.MaintenanceRequests.CountAsync(m => m.UnitId == unitIds[i] && m.Status == status)|};
                        }
                    }
                    return total;
                }
            }
            """ },
        { "break leaves only the inner loop: the outer one repeats it", """
            public class PaymentService(AnchorContext db)
            {
                public async Task MarkFirst(List<Lease> leases)
                {
                    foreach (var lease in leases)
                    {
                        foreach (var payment in lease.Payments)
                        {
                            if (payment.Amount > 0)
                            {
                                payment.PaidOn = DateTime.Today;
                                await {|PG0001:db.SaveChangesAsync()|};
                                break;
                            }
                        }
                    }
                }
            }
            """ },
        { "a continue after the round trip: not proven to leave", """
            public class TenantService(AnchorContext db)
            {
                public async Task<Tenant?> FirstWithEmail(List<int> ids)
                {
                    Tenant? found = null;
                    foreach (var id in ids)
                    {
                        found = await {|PG0001:db.Tenants.FindAsync(id)|};
                        if (found is null || found.Email.Length == 0)
                        {
                            continue;
                        }

                        break;
                    }
                    return found;
                }
            }
            """ },
        { "early return in a bounded for loop is still one query per element", """
            public class LeaseService(AnchorContext db)
            {
                public async Task<bool> AnyActive(List<int> unitIds)
                {
                    for (var i = 0; i < unitIds.Count; i++)
                    {
                        var unitId = unitIds[i];
                        if (await {|PG0001:db.Leases.AnyAsync(l => l.UnitId == unitId && l.Active)|})
                        {
                            return true;
                        }
                    }
                    return false;
                }
            }
            """ },
        { "while (true) draining a queue: the query is not the exit test", """
            public class TenantService(AnchorContext db)
            {
                public async Task<List<string>> Names(Queue<int> ids)
                {
                    var names = new List<string>();
                    while (true)
                    {
                        if (!ids.TryDequeue(out var id))
                        {
                            break;
                        }

                        var tenant = await {|PG0001:db.Tenants.FindAsync(id)|};
                        names.Add(tenant?.Name ?? "");
                    }
                    return names;
                }
            }
            """ },
        { "query lambda handed to a helper that loops", """
            public class Loader(AnchorContext db)
            {
                private static async Task<List<T>> LoadEach<T>(IEnumerable<int> ids, Func<int, Task<T>> load)
                {
                    var list = new List<T>();
                    foreach (var id in ids)
                    {
                        list.Add(await load(id));
                    }
                    return list;
                }

                public Task<List<Tenant?>> Tenants(List<int> ids) =>
                    LoadEach(ids, id => {|PG0001:db.Tenants.FirstOrDefaultAsync(t => t.Id == id)|});
            }
            """ },
        { "compiled async query invoked per element", """
            public class TenantService(AnchorContext db)
            {
                private static readonly Func<AnchorContext, int, Task<Tenant?>> ById =
                    EF.CompileAsyncQuery((AnchorContext context, int id) => context.Tenants.FirstOrDefault(t => t.Id == id));

                public async Task<List<string>> Names(List<int> ids)
                {
                    var names = new List<string>();
                    foreach (var id in ids)
                    {
                        var tenant = await {|PG0001:ById(db, id)|};
                        names.Add(tenant?.Name ?? "");
                    }
                    return names;
                }
            }
            """ },
        { "compiled query behind a helper, in a Select lambda", """
            public class LeaseService(AnchorContext db)
            {
                private static readonly Func<AnchorContext, int, int> CountForUnit =
                    EF.CompileQuery((AnchorContext context, int unitId) => context.Leases.Count(l => l.UnitId == unitId));

                private int Count(int unitId) => CountForUnit(db, unitId);

                public List<int> Counts(List<int> unitIds) => unitIds.Select(id => {|PG0001:Count(id)|}).ToList();
            }
            """ },
        { "compiled query held in a local", """
            public class LeaseService(AnchorContext db)
            {
                public int Total(List<int> unitIds)
                {
                    var countForUnit = EF.CompileQuery((AnchorContext context, int unitId) => context.Leases.Count(l => l.UnitId == unitId));
                    var total = 0;
                    foreach (var id in unitIds)
                    {
                        total += {|PG0001:countForUnit(db, id)|};
                    }
                    return total;
                }
            }
            """ },
        { "MediatR Send per element whose handler queries", """
            public sealed record GetTenant(int Id) : MediatR.IRequest<Tenant?>;

            public sealed class GetTenantHandler(AnchorContext db) : MediatR.IRequestHandler<GetTenant, Tenant?>
            {
                public Task<Tenant?> Handle(GetTenant request, CancellationToken cancellationToken) =>
                    db.Tenants.FirstOrDefaultAsync(t => t.Id == request.Id, cancellationToken);
            }

            public class TenantNames(MediatR.ISender sender)
            {
                public async Task<List<string>> Get(List<int> ids)
                {
                    var names = new List<string>();
                    foreach (var id in ids)
                    {
                        var tenant = await {|PG0001:sender.Send(new GetTenant(id))|};
                        names.Add(tenant?.Name ?? "");
                    }
                    return names;
                }
            }
            """ + AssetAnchorModel.MediatR },
        { "MediatR Send inside a helper called per element", """
            public sealed record CountLeases(int UnitId) : MediatR.IRequest<int>;

            public sealed class CountLeasesHandler(AnchorContext db) : MediatR.IRequestHandler<CountLeases, int>
            {
                public Task<int> Handle(CountLeases request, CancellationToken cancellationToken) =>
                    db.Leases.CountAsync(l => l.UnitId == request.UnitId, cancellationToken);
            }

            public class UnitReport(MediatR.IMediator mediator)
            {
                private Task<int> Count(int unitId) => mediator.Send(new CountLeases(unitId));

                public async Task<int> Total(List<int> unitIds)
                {
                    var total = 0;
                    foreach (var id in unitIds)
                    {
                        total += await {|PG0001:Count(id)|};
                    }
                    return total;
                }
            }
            """ + AssetAnchorModel.MediatR },
        { "entity from a helper that calls FindAsync", """
            public class OwnerService(AnchorContext db)
            {
                private async Task<Owner?> Get(int id) => await db.Owners.FindAsync(id);

                public async Task<List<string>> Names(List<int> ids)
                {
                    var names = new List<string>();
                    foreach (var id in ids)
                    {
                        var owner = await {|PG0001:Get(id)|};
                        names.Add(owner?.Name ?? "");
                    }
                    return names;
                }
            }
            """ },
        { "reassigned query that starts from a DbSet", """
            public class LeaseService(AnchorContext db)
            {
                public async Task<int> Count(List<int> unitIds, bool activeOnly)
                {
                    var query = db.Leases.AsQueryable();
                    if (activeOnly)
                    {
                        query = query.Where(l => l.Active);
                    }

                    var total = 0;
                    foreach (var id in unitIds)
                    {
                        total += await {|PG0001:query.CountAsync(l => l.UnitId == id)|};
                    }
                    return total;
                }
            }
            """ },
        { "one branch assigns a database query", """
            public class LeaseService(AnchorContext db)
            {
                public int Count(List<int> unitIds, List<Lease> cached, bool useCache)
                {
                    IQueryable<Lease> query;
                    if (useCache)
                    {
                        query = cached.AsQueryable();
                    }
                    else
                    {
                        query = db.Leases;
                    }

                    var total = 0;
                    foreach (var id in unitIds)
                    {
                        total += {|PG0001:query.Count(l => l.UnitId == id)|};
                    }
                    return total;
                }
            }
            """ },
    };

    public static TheoryData<string, string> NotReported { get; } = new()
    {
        { "a loop over the registered services of a container, ordered and listed first", """
            public interface ISeeder { int Priority { get; } Task SeedAsync(); }

            public sealed class TenantSeeder(AnchorContext db) : ISeeder
            {
                public int Priority => 1;
                public async Task SeedAsync() => await db.Tenants.CountAsync();
            }

            public class SeedRunner(IServiceProvider provider)
            {
                public async Task Run()
                {
                    var seeders = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                        .GetServices<ISeeder>(provider).OrderBy(s => s.Priority).ToList();
                    foreach (var seeder in seeders)
                    {
                        await seeder.SeedAsync();
                        await db().Tenants.CountAsync();
                    }
                }

                private AnchorContext db() => (AnchorContext)provider.GetService(typeof(AnchorContext))!;
            }
            """ },
        { "a loop over an injected IEnumerable of an interface (every registered implementation)", """
            public interface ITenantCheck { Task<int> CountAsync(); }

            public sealed class ActiveTenants(AnchorContext db) : ITenantCheck
            {
                public Task<int> CountAsync() => db.Tenants.CountAsync();
            }

            public class HealthReport(IEnumerable<ITenantCheck> checks)
            {
                public async Task<int> Sum()
                {
                    var total = 0;
                    foreach (var check in checks)
                    {
                        total += await check.CountAsync();
                    }
                    return total;
                }
            }
            """ },
        { "AsQueryable over a list, reassigned and counted in a loop", """
            public class PropertyStats
            {
                public Dictionary<int, int> Counts(List<Property> properties, List<Owner> owners, string? filter)
                {
                    IQueryable<Property> query = properties.AsQueryable();
                    if (filter is not null)
                    {
                        query = query.Where(p => p.Name.Contains(filter));
                    }

                    query = query.OrderBy(p => p.Name);
                    var counts = new Dictionary<int, int>();
                    foreach (var owner in owners)
                    {
                        counts[owner.Id] = query.Count(p => p.OwnerId == owner.Id);
                    }
                    return counts;
                }
            }
            """ },
        { "AsQueryable over arrays assigned in both branches", """
            public class PropertyStats
            {
                public int Count(Property[] mine, Property[] all, bool onlyMine, List<int> ownerIds)
                {
                    IQueryable<Property> query;
                    if (onlyMine)
                    {
                        query = mine.AsQueryable();
                    }
                    else
                    {
                        query = all.AsQueryable().Where(p => p.Id > 0);
                    }

                    var total = 0;
                    foreach (var id in ownerIds)
                    {
                        total += query.Any(p => p.OwnerId == id) ? 1 : 0;
                    }
                    return total;
                }
            }
            """ },
        { "loop body always ends in break", """
            public class TenantService(AnchorContext db)
            {
                public async Task<string> FirstName(List<int> ids)
                {
                    var name = "";
                    foreach (var id in ids)
                    {
                        var tenant = await db.Tenants.FindAsync(id);
                        name = tenant?.Name ?? "";
                        break;
                    }
                    return name;
                }
            }
            """ },
        { "loop body always ends in return", """
            public class TenantService(AnchorContext db)
            {
                public async Task<Tenant?> First(IEnumerable<int> ids)
                {
                    foreach (var id in ids)
                    {
                        return await db.Tenants.FirstOrDefaultAsync(t => t.Id == id);
                    }
                    return null;
                }
            }
            """ },
        { "round trip inside the returned expression", """
            public class Localizer(AnchorContext db)
            {
                public async Task<string> Translate(int tenantId, string key) =>
                    (await db.Tenants.SingleAsync(t => t.Id == tenantId)).Name + key;
            }

            public class SettingsController(Localizer localizer)
            {
                public async Task<string> Update(List<string> addresses, int tenantId)
                {
                    foreach (var address in addresses)
                    {
                        if (!System.Net.IPAddress.TryParse(address, out _))
                        {
                            return await localizer.Translate(tenantId, "ip-address-invalid");
                        }
                    }
                    return "ok";
                }
            }
            """ },
        { "save then return on an error path", """
            public class ScrobbleService(AnchorContext db)
            {
                public async Task<int> Process(List<Lease> leases)
                {
                    var processed = 0;
                    foreach (var lease in leases)
                    {
                        if (!lease.Active)
                        {
                            db.Add(new Document { Title = "inactive lease " + lease.Id });
                            await db.SaveChangesAsync();
                            return 0;
                        }

                        processed++;
                    }
                    return processed;
                }
            }
            """ },
        { "save then an if whose branches both leave", """
            public class LeaseService(AnchorContext db)
            {
                public async Task<int> Close(List<Lease> leases, bool strict)
                {
                    foreach (var lease in leases)
                    {
                        lease.Active = false;
                        await db.SaveChangesAsync();
                        if (strict)
                        {
                            return 1;
                        }
                        else
                        {
                            throw new InvalidOperationException("only one lease can be closed");
                        }
                    }
                    return 0;
                }
            }
            """ },
        { "while (true) probing for a free slug", """
            public class PropertyNames(AnchorContext db)
            {
                public async Task<string> FreeName(string name)
                {
                    var candidate = name;
                    var suffix = 0;
                    while (true)
                    {
                        var taken = await db.Properties.AnyAsync(p => p.Name == candidate);
                        if (!taken)
                        {
                            return candidate;
                        }

                        candidate = name + "-" + ++suffix;
                    }
                }
            }
            """ },
        { "for (;;) whose exit test is the query", """
            public class TenantEmails(AnchorContext db)
            {
                public async Task<string> FreeEmail(string email)
                {
                    for (var n = 1; ; n++)
                    {
                        if (!await db.Tenants.AnyAsync(t => t.Email == email))
                        {
                            return email;
                        }

                        email = n + "." + email;
                    }
                }
            }
            """ },
        { "write retried until it succeeds", """
            public class LeaseWriter(AnchorContext db)
            {
                private async Task<bool> TrySave()
                {
                    try
                    {
                        await db.SaveChangesAsync();
                        return true;
                    }
                    catch (DbUpdateConcurrencyException)
                    {
                        return false;
                    }
                }

                public async Task Raise(Lease lease)
                {
                    var saved = false;
                    while (!saved)
                    {
                        lease.Rent += 10;
                        saved = await TrySave();
                    }
                }
            }
            """ },
        { "Hangfire-style job enqueued per element (an expression, run later)", """
            public class Scanner(AnchorContext db)
            {
                public async Task Scan(int unitId) => await db.Units.FirstAsync(u => u.Id == unitId);
            }

            public class Jobs(Scanner scanner)
            {
                public void ScanUnit(int unitId) => BackgroundJob.Enqueue(() => scanner.Scan(unitId));

                public void ScanAll(List<int> unitIds)
                {
                    foreach (var id in unitIds)
                    {
                        ScanUnit(id);
                    }
                }
            }

            public static class BackgroundJob
            {
                public static string Enqueue(System.Linq.Expressions.Expression<Func<Task>> job) => job.ToString();
            }
            """ },
        { "Contains in a per-element lambda inside an EF Where over a captured IQueryable", """
            public class LeaseSearch(AnchorContext db)
            {
                public async Task<List<Unit>> Units(string name)
                {
                    var tenantIds = db.Tenants.Where(t => t.Name.Contains(name)).Select(t => t.Id);
                    return await db.Units
                        .Where(u => u.Leases.All(l => tenantIds.Contains(l.TenantId)))
                        .ToListAsync();
                }
            }
            """ },
        { "Contains inside an EF SelectMany over a captured IQueryable", """
            public class LeaseSearch(AnchorContext db)
            {
                public async Task<List<Lease>> Leases(int ownerId)
                {
                    var unitIds = db.Units.Where(u => u.Property.OwnerId == ownerId).Select(u => u.Id);
                    return await db.Tenants
                        .SelectMany(t => t.Leases.Where(l => unitIds.Contains(l.UnitId)))
                        .ToListAsync();
                }
            }
            """ },
        { "MediatR Send whose handler does not query", """
            public sealed record Format(string Name) : MediatR.IRequest<string>;

            public sealed class FormatHandler : MediatR.IRequestHandler<Format, string>
            {
                public Task<string> Handle(Format request, CancellationToken cancellationToken) => Task.FromResult(request.Name.ToUpperInvariant());
            }

            public class Names(MediatR.ISender sender)
            {
                public async Task<List<string>> Get(List<string> names)
                {
                    var result = new List<string>();
                    foreach (var name in names)
                    {
                        result.Add(await sender.Send(new Format(name)));
                    }
                    return result;
                }
            }
            """ + AssetAnchorModel.MediatR },
        { "query lambda handed to a helper that calls it once", """
            public class Loader(AnchorContext db)
            {
                private static async Task<T> Timed<T>(Func<Task<T>> load)
                {
                    var started = DateTime.UtcNow;
                    var result = await load();
                    Console.WriteLine(DateTime.UtcNow - started);
                    return result;
                }

                public Task<List<Tenant>> All() => Timed(() => db.Tenants.ToListAsync());
            }
            """ },
        { "query lambda handed to a helper that loops over a small constant set", """
            public class Loader(AnchorContext db)
            {
                private static async Task<int> ForEachStatus(Func<string, Task<int>> count)
                {
                    var total = 0;
                    foreach (var status in new[] { "open", "closed", "waiting" })
                    {
                        total += await count(status);
                    }
                    return total;
                }

                public Task<int> Requests(int unitId) =>
                    ForEachStatus(status => db.MaintenanceRequests.CountAsync(m => m.UnitId == unitId && m.Status == status));
            }
            """ },
        { "a plain delegate field invoked per element", """
            public class Formatter
            {
                private static readonly Func<string, string> Upper = s => s.ToUpperInvariant();

                public List<string> Format(List<string> names)
                {
                    var result = new List<string>();
                    foreach (var name in names)
                    {
                        result.Add(Upper(name));
                    }
                    return result;
                }
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(Reported))]
    public Task LoopShape_IsReported(string name, string code)
    {
        Assert.NotNull(name);
        return VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + code);
    }

    [Theory]
    [MemberData(nameof(NotReported))]
    public Task LoopShape_IsNotReported(string name, string code)
    {
        Assert.NotNull(name);
        return VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + code);
    }

    [Fact]
    public Task Message_NamesTheOuterLoopAroundASmallOne() => VerifyCS.VerifyAnalyzerAsync(
        AssetAnchorModel.Eager + """
            public class AttendanceService(AnchorContext db)
            {
                public async Task<int> Week(List<Tenant> all)
                {
                    var total = 0;
                    foreach (var tenant in all)
                    {
                        for (var day = 0; day < 7; day++)
                        {
                            total += await {|#0:db.Leases.CountAsync(l => l.TenantId == tenant.Id)|};
                        }
                    }
                    return total;
                }
            }
            """,
        editorConfig: null,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult("PG0001", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("CountAsync", "foreach loop around a for loop", "load the rows once before it"));

    [Fact]
    public Task Message_NamesTheHelperThatCallsTheLambda() => VerifyCS.VerifyAnalyzerAsync(
        AssetAnchorModel.Eager + """
            public class Loader(AnchorContext db)
            {
                private static async Task<List<T>> LoadEach<T>(IEnumerable<int> ids, Func<int, Task<T>> load)
                {
                    var list = new List<T>();
                    foreach (var id in ids) list.Add(await load(id));
                    return list;
                }

                public Task<List<Tenant>> Tenants(List<int> ids) => LoadEach(ids, id => {|#0:db.Tenants.SingleAsync(t => t.Id == id)|});
            }
            """,
        editorConfig: null,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult("PG0001", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("SingleAsync", "foreach loop in 'LoadEach', which calls this lambda", "load the rows once before it"));

    [Fact]
    public Task Message_NamesTheMediatorRequest() => VerifyCS.VerifyAnalyzerAsync(
        AssetAnchorModel.Eager + """
            public sealed record GetTenant(int Id) : MediatR.IRequest<Tenant?>;

            public sealed class GetTenantHandler(AnchorContext db) : MediatR.IRequestHandler<GetTenant, Tenant?>
            {
                public Task<Tenant?> Handle(GetTenant request, CancellationToken cancellationToken) =>
                    db.Tenants.FirstOrDefaultAsync(t => t.Id == request.Id, cancellationToken);
            }

            public class TenantNames(MediatR.ISender sender)
            {
                public async Task<int> Count(List<int> ids)
                {
                    var count = 0;
                    foreach (var id in ids)
                    {
                        count += await {|#0:sender.Send(new GetTenant(id))|} is null ? 0 : 1;
                    }
                    return count;
                }
            }
            """ + AssetAnchorModel.MediatR,
        editorConfig: null,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult("PG0001", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("Send(GetTenant) -> Handle -> FirstOrDefaultAsync", "foreach loop", "load the rows once before it"));
}
