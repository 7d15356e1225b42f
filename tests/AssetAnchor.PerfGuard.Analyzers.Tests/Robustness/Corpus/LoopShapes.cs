using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Corpus.Loops
{
    public class Tenant { public int Id { get; set; } public string Name { get; set; } = ""; public List<Lease> Leases { get; set; } = new(); }
    public class Lease { public int Id { get; set; } public int TenantId { get; set; } public bool Active { get; set; } }

    public class LoopContext : DbContext
    {
        public DbSet<Tenant> Tenants => Set<Tenant>();
        public DbSet<Lease> Leases => Set<Lease>();
    }

    public sealed record GetTenant(int Id) : MediatR.IRequest<Tenant?>;

    public sealed class GetTenantHandler(LoopContext db) : MediatR.IRequestHandler<GetTenant, Tenant?>
    {
        public Task<Tenant?> Handle(GetTenant request, CancellationToken cancellationToken) => db.Tenants.FirstOrDefaultAsync(t => t.Id == request.Id, cancellationToken);
    }

    public static class Jobs { public static string Enqueue(Expression<Action> job) => job.ToString(); }

    public class LoopShapes(LoopContext db, MediatR.ISender sender)
    {
        private static readonly Func<LoopContext, int, Task<Tenant?>> ById = EF.CompileAsyncQuery((LoopContext c, int id) => c.Tenants.FirstOrDefault(t => t.Id == id));
        private static Func<LoopContext, int, int> CountFor { get; } = EF.CompileQuery((LoopContext c, int id) => c.Leases.Count(l => l.TenantId == id));

        private static async Task<List<T>> Each<T>(IEnumerable<int> ids, Func<int, Task<T>> load)
        {
            var list = new List<T>();
            foreach (var id in ids) { list.Add(await load(id)); }
            return list;
        }

        public async Task<string> Probe(string name, List<int> ids, List<Tenant> cached, bool flag)
        {
            var candidate = name;
            for (var n = 0; ; n++)
            {
                var taken = await db.Tenants.AnyAsync(t => t.Name == candidate);
                if (!taken) break;
                candidate = name + n;
            }

            IQueryable<Tenant> query = cached.AsQueryable();
            if (flag) query = query.Where(t => t.Id > 0);
            (query, var other) = (query.OrderBy(t => t.Name), 1);
            foreach (var id in ids)
            {
                switch (id)
                {
                    case 0:
                        await db.SaveChangesAsync();
                        break;
                    case 1:
                        await db.SaveChangesAsync();
                        return candidate;
                    default:
                        if (await ById(db, id) is null) goto done;
                        break;
                }

                try { await db.SaveChangesAsync(); return "x"; } catch (DbUpdateException) { }
                for (var day = 0; day <= 7; day++) { other += CountFor(db, id) + query.Count(t => t.Id == id); }
                Jobs.Enqueue(() => db.Tenants.First(t => t.Id == id));
                await sender.Send(new GetTenant(id));
            }

            done:
            Console.WriteLine(candidate);
            var loaded = await Each(ids, id => db.Tenants.FirstAsync(t => t.Id == id));
            var nested = db.Tenants.Where(t => t.Leases.All(l => ids.AsQueryable().Contains(l.Id))).ToList();
            return candidate + loaded.Count + nested.Count + other;
        }
    }
}

namespace MediatR
{
    public interface IRequest<out TResponse> { }
    public interface ISender { Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default); }
    public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse> { Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken); }
}
