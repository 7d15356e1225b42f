using AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.DatabaseRoundTripInLoopAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

/// <summary>
/// PG0001 through dispatches and delegates, inside one project: MediatR's Publish (every notification handler runs),
/// a solution's own dispatcher that resolves handlers from DI by the request's type, method groups run per element
/// or handed to a helper that loops, and a loader delegate handed on through one more method.
/// </summary>
public sealed class DispatchAndDelegateRoundTripTests
{
    /// <summary>A dispatcher of the solution's own, as Clean Architecture templates write it.</summary>
    private const string OwnDispatcher = $$"""

        {{SolutionDispatcher.WithLookAlike}}

        public sealed record GetTenantQuery(int Id) : IQuery<Tenant?>;

        internal sealed class GetTenantQueryHandler(AnchorContext db) : IQueryHandler<GetTenantQuery, Tenant?>
        {
            public Task<Tenant?> HandleAsync(GetTenantQuery query, CancellationToken cancellationToken = default) =>
                db.Tenants.FirstOrDefaultAsync(t => t.Id == query.Id, cancellationToken);
        }

        public sealed record FormatQuery(string Name) : IQuery<string>;

        internal sealed class FormatQueryHandler : IQueryHandler<FormatQuery, string>
        {
            public Task<string> HandleAsync(FormatQuery query, CancellationToken cancellationToken = default) => Task.FromResult(query.Name.ToUpperInvariant());
        }
        """;

    /// <summary>An event dispatcher that runs every handler DI gives for the event's type, handlers on a base class.</summary>
    private const string EventDispatcher = """

        public interface IEvent { }

        public interface IEventHandler<in TEvent> where TEvent : IEvent
        {
            Task HandleAsync(TEvent @event, CancellationToken cancellationToken);
        }

        public abstract class EventHandlerBase<TEvent> : IEventHandler<TEvent> where TEvent : IEvent
        {
            public abstract Task HandleAsync(TEvent @event, CancellationToken cancellationToken);
        }

        public class EventDispatcher(IServiceProvider provider)
        {
            public async Task DispatchAsync(IEvent @event, CancellationToken cancellationToken = default)
            {
                var handlerType = typeof(IEventHandler<>).MakeGenericType(@event.GetType());
                var handlers = (IEnumerable<object>)provider.GetService(typeof(IEnumerable<>).MakeGenericType(handlerType))!;
                foreach (var handler in handlers)
                {
                    await (Task)handlerType.GetMethod("HandleAsync")!.Invoke(handler, new object[] { @event, cancellationToken })!;
                }
            }
        }

        public sealed record TenantMoved(int TenantId) : IEvent;
        """;

    public static TheoryData<string, string> Reported { get; } = new()
    {
        { "event dispatcher per element, the handler's override on a base class queries", """
            public sealed class RecountLeases(AnchorContext db) : EventHandlerBase<TenantMoved>
            {
                public override Task HandleAsync(TenantMoved @event, CancellationToken cancellationToken) =>
                    db.Leases.CountAsync(l => l.TenantId == @event.TenantId, cancellationToken);
            }

            public class Moves(EventDispatcher events)
            {
                public async Task Moved(List<int> tenantIds)
                {
                    foreach (var id in tenantIds) await {|PG0001:events.DispatchAsync(new TenantMoved(id))|};
                }
            }
            """ + EventDispatcher },
        { "own dispatcher resolving the handler from DI, per element, whose handler queries", """
            public class TenantNames(Dispatcher dispatcher)
            {
                public async Task<List<string>> Get(List<int> ids)
                {
                    var names = new List<string>();
                    foreach (var id in ids)
                    {
                        var tenant = await {|PG0001:dispatcher.DispatchAsync(new GetTenantQuery(id))|};
                        names.Add(tenant?.Name ?? "");
                    }
                    return names;
                }
            }
            """ + OwnDispatcher },
        { "MediatR Publish per element: one of its handlers queries", """
            public sealed record LeaseViewed(int LeaseId) : MediatR.INotification;

            public sealed class LogLeaseViewed : MediatR.INotificationHandler<LeaseViewed>
            {
                public Task Handle(LeaseViewed notification, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public sealed class CountLeaseViews(AnchorContext db) : MediatR.INotificationHandler<LeaseViewed>
            {
                public async Task Handle(LeaseViewed notification, CancellationToken cancellationToken)
                {
                    var lease = await db.Leases.FindAsync(new object[] { notification.LeaseId }, cancellationToken);
                    if (lease is not null) lease.Rent += 0;
                }
            }

            public class LeaseFeed(MediatR.IPublisher publisher)
            {
                public async Task Viewed(List<int> leaseIds)
                {
                    foreach (var id in leaseIds)
                    {
                        await {|PG0001:publisher.Publish(new LeaseViewed(id))|};
                    }
                }
            }
            """ + AssetAnchorModel.MediatR },
        { "method group run per element by List.ForEach", """
            public class Reminders(AnchorContext db)
            {
                private void Remind(int tenantId)
                {
                    var tenant = db.Tenants.Single(t => t.Id == tenantId);
                    Console.WriteLine(tenant.Name);
                }

                public void All(List<int> tenantIds) => tenantIds.ForEach({|PG0001:Remind|});
            }
            """ },
        { "method group run per element by Select inside Task.WhenAll", """
            public class Loader(AnchorContext db)
            {
                private Task<Tenant> LoadAsync(int id) => db.Tenants.SingleAsync(t => t.Id == id);

                public Task<Tenant[]> All(List<int> ids) => Task.WhenAll(ids.Select({|PG0001:LoadAsync|}));
            }
            """ },
        { "method group handed to a helper that loops over it", """
            public class Loader(AnchorContext db)
            {
                private static async Task<List<T>> LoadEach<T>(IEnumerable<int> ids, Func<int, Task<T>> load)
                {
                    var list = new List<T>();
                    foreach (var id in ids) list.Add(await load(id));
                    return list;
                }

                private Task<Tenant> LoadAsync(int id) => db.Tenants.SingleAsync(t => t.Id == id);

                public Task<List<Tenant>> All(List<int> ids) => LoadEach(ids, {|PG0001:LoadAsync|});
            }
            """ },
        { "loader lambda handed on through one more method before the loop", """
            public class Loader(AnchorContext db)
            {
                private static async Task<List<T>> LoadEach<T>(IEnumerable<int> ids, Func<int, Task<T>> load)
                {
                    var list = new List<T>();
                    foreach (var id in ids) list.Add(await load(id));
                    return list;
                }

                private static Task<List<T>> LoadDistinct<T>(IEnumerable<int> ids, Func<int, Task<T>> loader) => LoadEach(ids.Distinct(), loader);

                public Task<List<Tenant>> All(List<int> ids) => LoadDistinct(ids, id => {|PG0001:db.Tenants.SingleAsync(t => t.Id == id)|});
            }
            """ },
        { "loader lambda invoked with Invoke in the helper's loop", """
            public class Loader(AnchorContext db)
            {
                private static async Task<List<T>> LoadEach<T>(IEnumerable<int> ids, Func<int, Task<T>> load)
                {
                    var list = new List<T>();
                    foreach (var id in ids)
                    {
                        list.Add(await load.Invoke(id));
                    }

                    return list;
                }

                public Task<List<Tenant>> All(List<int> ids) => LoadEach(ids, id => {|PG0001:db.Tenants.SingleAsync(t => t.Id == id)|});
            }
            """ },
        { "loader lambda run per element by Select in the helper", """
            public class Loader(AnchorContext db)
            {
                private static Task<T[]> LoadAll<T>(IEnumerable<int> ids, Func<int, Task<T>> load) => Task.WhenAll(ids.Select(id => load(id)));

                public Task<Tenant[]> All(List<int> ids) => LoadAll(ids, id => {|PG0001:db.Tenants.SingleAsync(t => t.Id == id)|});
            }
            """ },
        { "loader lambda called in a loop of the helper's local function", """
            public class Loader(AnchorContext db)
            {
                private static async Task<List<T>> LoadEach<T>(IEnumerable<int> ids, Func<int, Task<T>> load)
                {
                    return await Collect();

                    async Task<List<T>> Collect()
                    {
                        var list = new List<T>();
                        foreach (var id in ids) list.Add(await load(id));
                        return list;
                    }
                }

                public Task<List<Tenant>> All(List<int> ids) => LoadEach(ids, id => {|PG0001:db.Tenants.SingleAsync(t => t.Id == id)|});
            }
            """ },
        { "loader lambda handed to a local function that loops over it", """
            public class Loader(AnchorContext db)
            {
                public async Task<List<Tenant>> All(List<int> ids)
                {
                    return await LoadEach(id => {|PG0001:db.Tenants.SingleAsync(t => t.Id == id)|});

                    async Task<List<Tenant>> LoadEach(Func<int, Task<Tenant>> load)
                    {
                        var list = new List<Tenant>();
                        foreach (var id in ids) list.Add(await load(id));
                        return list;
                    }
                }
            }
            """ },
        { "per-element lambda wrapped in a delegate creation", """
            public class Loader(AnchorContext db)
            {
                public void All(List<int> ids) => ids.ForEach(new Action<int>(id => {|PG0001:db.Tenants.Single(t => t.Id == id)|}));
            }
            """ },
    };

    public static TheoryData<string, string> NotReported { get; } = new()
    {
        { "event dispatcher per element: the only type of the event's shape is a framework comparer, not a handler", """
            public sealed class TenantMovedComparer(AnchorContext db) : IComparer<TenantMoved>
            {
                public int Compare(TenantMoved? x, TenantMoved? y) => db.Leases.Count();
            }

            public class Moves(EventDispatcher events)
            {
                public async Task Moved(List<int> tenantIds)
                {
                    foreach (var id in tenantIds) await events.DispatchAsync(new TenantMoved(id));
                }
            }
            """ + EventDispatcher },
        { "own dispatcher per element whose handler makes no round trip", """
            public class Labels(Dispatcher dispatcher)
            {
                public async Task<List<string>> Get(List<string> names)
                {
                    var labels = new List<string>();
                    foreach (var name in names) labels.Add(await dispatcher.DispatchAsync(new FormatQuery(name)));
                    return labels;
                }
            }
            """ + OwnDispatcher },
        { "a method taking the request through its interface that resolves no handler is no dispatcher", """
            public class Labels(Dispatcher dispatcher)
            {
                public async Task<int> Get(List<int> ids)
                {
                    var found = 0;
                    foreach (var id in ids) if (await dispatcher.Describe(new GetTenantQuery(id)) is not null) found++;
                    return found;
                }
            }
            """ + OwnDispatcher },
        { "own dispatcher once, outside any loop", """
            public class TenantPage(Dispatcher dispatcher)
            {
                public Task<Tenant?> Get(int id) => dispatcher.DispatchAsync(new GetTenantQuery(id));
            }
            """ + OwnDispatcher },
        { "MediatR Publish per element: no handler queries", """
            public sealed record LeaseViewed(int LeaseId) : MediatR.INotification;

            public sealed class LogLeaseViewed : MediatR.INotificationHandler<LeaseViewed>
            {
                public Task Handle(LeaseViewed notification, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public class LeaseFeed(MediatR.IPublisher publisher)
            {
                public async Task Viewed(List<int> leaseIds)
                {
                    foreach (var id in leaseIds) await publisher.Publish(new LeaseViewed(id));
                }
            }
            """ + AssetAnchorModel.MediatR },
        { "MediatR Publish per element of a notification nobody here handles", """
            public sealed record LeaseViewed(int LeaseId) : MediatR.INotification;

            public class LeaseFeed(MediatR.IPublisher publisher)
            {
                public async Task Viewed(List<int> leaseIds)
                {
                    foreach (var id in leaseIds) await publisher.Publish(new LeaseViewed(id));
                }
            }
            """ + AssetAnchorModel.MediatR },
        { "method group run per element that makes no round trip", """
            public class Reminders
            {
                private static void Log(int tenantId) => Console.WriteLine(tenantId);

                public void All(List<int> tenantIds) => tenantIds.ForEach(Log);
            }
            """ },
        { "method group that queries, handed to a helper that calls it once", """
            public class Loader(AnchorContext db)
            {
                private static Task<T> LoadFirst<T>(IEnumerable<int> ids, Func<int, Task<T>> load) => load(ids.First());

                private Task<Tenant> LoadAsync(int id) => db.Tenants.SingleAsync(t => t.Id == id);

                public Task<Tenant> First(List<int> ids) => LoadFirst(ids, LoadAsync);
            }
            """ },
        { "method group that queries, run per element of a small constant array", """
            public class Loader(AnchorContext db)
            {
                private Task<Tenant> LoadAsync(int id) => db.Tenants.SingleAsync(t => t.Id == id);

                public Task<Tenant[]> Three() => Task.WhenAll(new[] { 1, 2, 3 }.Select(LoadAsync));
            }
            """ },
        { "loader lambda handed on to a helper that calls it once", """
            public class Loader(AnchorContext db)
            {
                private static Task<T> LoadOne<T>(int id, Func<int, Task<T>> load) => load(id);

                private static Task<T> Load<T>(int id, Func<int, Task<T>> loader) => LoadOne(id, loader);

                public Task<Tenant> One(int id) => Load(id, i => db.Tenants.SingleAsync(t => t.Id == i));
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(Reported))]
    public Task Shape_IsReported(string name, string code)
    {
        Assert.NotNull(name);
        return VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + code);
    }

    [Theory]
    [MemberData(nameof(NotReported))]
    public Task Shape_IsNotReported(string name, string code)
    {
        Assert.NotNull(name);
        return VerifyCS.VerifyAnalyzerAsync(AssetAnchorModel.Eager + code);
    }

    [Fact]
    public Task Message_NamesTheDispatchedRequestAndItsHandler() => VerifyCS.VerifyAnalyzerAsync(
        AssetAnchorModel.Eager + """
            public class TenantNames(Dispatcher dispatcher)
            {
                public async Task<int> Count(List<int> ids)
                {
                    var found = 0;
                    foreach (var id in ids) if (await {|#0:dispatcher.DispatchAsync(new GetTenantQuery(id))|} is not null) found++;
                    return found;
                }
            }
            """ + OwnDispatcher,
        editorConfig: null,
        new DiagnosticResult("PG0001", DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("DispatchAsync(GetTenantQuery) -> HandleAsync -> FirstOrDefaultAsync", "foreach loop", "load the rows once before it"));

    [Fact]
    public Task Message_NamesTheHelperAndTheMethodThatHandsTheLoaderOn() => VerifyCS.VerifyAnalyzerAsync(
        AssetAnchorModel.Eager + """
            public class Loader(AnchorContext db)
            {
                private static async Task<List<T>> LoadEach<T>(IEnumerable<int> ids, Func<int, Task<T>> load)
                {
                    var list = new List<T>();
                    foreach (var id in ids) list.Add(await load(id));
                    return list;
                }

                private static Task<List<T>> LoadDistinct<T>(IEnumerable<int> ids, Func<int, Task<T>> loader) => LoadEach(ids.Distinct(), loader);

                private Task<Tenant> LoadAsync(int id) => db.Tenants.SingleAsync(t => t.Id == id);

                public Task<List<Tenant>> All(List<int> ids) => LoadDistinct(ids, {|#0:LoadAsync|});
            }
            """,
        editorConfig: null,
        new DiagnosticResult("PG0001", DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("LoadAsync -> SingleAsync", "foreach loop in 'LoadEach' (handed on by 'LoadDistinct'), which calls this method", "load the rows once before it"));
}
