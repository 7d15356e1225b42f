using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Corpus.Dispatch
{
    public class Tenant { public int Id { get; set; } public string Name { get; set; } = ""; }

    public class DispatchContext : DbContext
    {
        public DbSet<Tenant> Tenants => Set<Tenant>();
    }

    public interface IQuery<TResult> { }

    public interface IQueryHandler<TQuery, TResult> where TQuery : IQuery<TResult>
    {
        Task<TResult> HandleAsync(TQuery query, CancellationToken cancellationToken = default);
    }

    public class Dispatcher(IServiceProvider provider)
    {
        public Task<T> DispatchAsync<T>(IQuery<T> query)
        {
            var handler = provider.GetService(typeof(IQueryHandler<,>).MakeGenericType(query.GetType(), typeof(T)));
            return (Task<T>)handler!.GetType().GetMethod("HandleAsync")!.Invoke(handler, new object[] { query, CancellationToken.None })!;
        }
    }

    public sealed record GetTenant(int Id) : IQuery<Tenant?>;

    internal sealed class GetTenantHandler(DispatchContext db) : IQueryHandler<GetTenant, Tenant?>
    {
        public Task<Tenant?> HandleAsync(GetTenant query, CancellationToken cancellationToken = default) => db.Tenants.FirstOrDefaultAsync(t => t.Id == query.Id, cancellationToken);
    }

    public sealed record TenantSeen(int Id) : MediatR.INotification;

    public sealed class TenantSeenHandler(DispatchContext db) : MediatR.INotificationHandler<TenantSeen>
    {
        public Task Handle(TenantSeen notification, CancellationToken cancellationToken) => db.Tenants.CountAsync(cancellationToken);
    }

    public class Shapes(DispatchContext db, Dispatcher dispatcher, MediatR.IPublisher publisher)
    {
        public async Task Loops(List<int> ids)
        {
            foreach (var id in ids)
            {
                await dispatcher.DispatchAsync(new GetTenant(id));
                await publisher.Publish(new TenantSeen(id));
            }

            ids.ForEach(Remind);
            await Task.WhenAll(ids.Select(LoadAsync));
            await LoadEach(ids, LoadAsync);
            await Forward(ids, id => db.Tenants.SingleAsync(t => t.Id == id));
            await PingPong(ids, LoadAsync);
        }

        private void Remind(int id) => db.Tenants.Single(t => t.Id == id);

        private Task<Tenant> LoadAsync(int id) => db.Tenants.SingleAsync(t => t.Id == id);

        private static async Task<List<T>> LoadEach<T>(IEnumerable<int> ids, Func<int, Task<T>> load)
        {
            var list = new List<T>();
            foreach (var id in ids) list.Add(await load(id));
            return list;
        }

        private static Task<List<T>> Forward<T>(IEnumerable<int> ids, Func<int, Task<T>> loader) => LoadEach(ids, loader);

        // Hands the delegate back and forth: followed one hop only.
        private static Task<List<T>> PingPong<T>(IEnumerable<int> ids, Func<int, Task<T>> loader) => Pong(ids, loader);

        private static Task<List<T>> Pong<T>(IEnumerable<int> ids, Func<int, Task<T>> loader) => PingPong(ids.Skip(1), loader);
    }
}

namespace MediatR
{
    public interface INotification { }
    public interface IPublisher { Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : INotification; }
    public interface INotificationHandler<in TNotification> where TNotification : INotification { Task Handle(TNotification notification, CancellationToken cancellationToken); }
}
