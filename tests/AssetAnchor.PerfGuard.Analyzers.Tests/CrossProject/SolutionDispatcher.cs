namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// The dispatcher a Clean Architecture solution writes for itself (Practical.CleanArchitecture's): <c>IQuery&lt;T&gt;</c>,
/// <c>IQueryHandler&lt;TQuery, TResult&gt;</c> and a <c>Dispatcher</c> that resolves the handler at run time. Source text
/// for test projects, placed inside their own namespace (it needs System, System.Threading and System.Threading.Tasks).
/// </summary>
internal static class SolutionDispatcher
{
    public const string Source = Head + "}";

    /// <summary>The same, and beside <c>DispatchAsync</c> a method that takes a request through its interface and resolves nothing (the trap).</summary>
    public const string WithLookAlike = Head + LookAlike + "}";

    private const string Head = """
        public interface IQuery<TResult> { }

        public interface IQueryHandler<TQuery, TResult> where TQuery : IQuery<TResult>
        {
            Task<TResult> HandleAsync(TQuery query, CancellationToken cancellationToken = default);
        }

        public class Dispatcher(IServiceProvider provider)
        {
            public Task<T> DispatchAsync<T>(IQuery<T> query, CancellationToken cancellationToken = default)
            {
                var handlerType = typeof(IQueryHandler<,>).MakeGenericType(query.GetType(), typeof(T));
                var handler = provider.GetService(handlerType)!;
                return (Task<T>)handlerType.GetMethod("HandleAsync")!.Invoke(handler, new object[] { query, cancellationToken })!;
            }

        """;

    private const string LookAlike = """
            // Takes a request through its interface and resolves nothing: not a dispatcher.
            public Task<T> Describe<T>(IQuery<T> query) => Task.FromResult(default(T)!);

        """;
}
