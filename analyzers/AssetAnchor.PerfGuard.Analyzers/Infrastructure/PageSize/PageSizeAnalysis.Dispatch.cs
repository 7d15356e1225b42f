using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// PG0006 through a dispatch: <c>dispatcher.DispatchAsync(new GetPagedQuery { PageSize = pageSize })</c> or MediatR's
/// <c>Send</c>, whose handler takes the request's <c>PageSize</c> into Take unbounded. The handler is judged by its body
/// when it is in this compilation, else by its <c>v1h</c> record (field 12); every handler of the request must say so.
/// </summary>
internal sealed partial class PageSizeAnalysis
{
    private readonly ConcurrentDictionary<IMethodSymbol, bool> sourceDispatchers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, List<IMethodSymbol>> requestHandlers = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The request's properties every handler of the dispatched request takes into Take unbounded, and the request type;
    /// null when the call is no dispatch, a handler is not found (a dispatcher whose handler is unknown is not
    /// followed), or some handler has no such property.
    /// </summary>
    public DispatchedPageSizes? FindDispatchedPageSizes(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Arguments.Length == 0)
        {
            return null;
        }

        var method = invocation.TargetMethod;
        var inCompilation = IsInCompilation(method);
        if (RequestHandlers.IsMediatorDispatch(method) || (inCompilation && IsSourceDispatcher(method)))
        {
            if (RequestHandlers.GetDispatchedRequest(invocation) is not { } request)
            {
                return null;
            }

            var handlers = FindRequestHandlers(request);
            if (handlers.Count > 0)
            {
                var common = ParameterSet.All;
                foreach (var handler in handlers)
                {
                    common = common.Intersect(HandlerWriter.RequestPageSizes(SummarizeParameters(handler, cancellationToken)));
                    if (common.IsEmpty)
                    {
                        return null;
                    }
                }

                return new DispatchedPageSizes(request, common);
            }
        }

        if (inCompilation)
        {
            return null;
        }

        // The handlers sit in a referenced project: their records (a record without field 12 has no page-size fact).
        var summaries = data.GetReferencedSummaries(cancellationToken);
        if (HandlerFacts.FindRecordedHandlers(summaries, invocation) is not { Count: > 0 } recorded ||
            RequestHandlers.GetDispatchedRequest(invocation) is not { } recordedRequest)
        {
            return null;
        }

        var agreed = ParameterSet.All;
        foreach (var record in recorded)
        {
            agreed = agreed.Intersect(record.PageSizes);
            if (agreed.IsEmpty)
            {
                return null;
            }
        }

        return new DispatchedPageSizes(recordedRequest, agreed);
    }

    private bool IsSourceDispatcher(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary)
        {
            return false;
        }

        var definition = method.OriginalDefinition;
        return sourceDispatchers.TryGetValue(definition, out var known)
            ? known
            : sourceDispatchers.GetOrAdd(definition, RequestHandlers.IsSourceDispatcher(definition));
    }

    private List<IMethodSymbol> FindRequestHandlers(INamedTypeSymbol request) =>
        requestHandlers.TryGetValue(request, out var known) ? known : requestHandlers.GetOrAdd(request, RequestHandlers.FindInCompilation(data.Types, request));
}

/// <summary>What a dispatch's handlers take into Take: the request type and its properties ("0.PageSize").</summary>
internal sealed class DispatchedPageSizes
{
    public DispatchedPageSizes(INamedTypeSymbol request, ParameterSet properties)
    {
        Request = request;
        Properties = properties;
    }

    public INamedTypeSymbol Request { get; }

    /// <summary>Properties of parameter 0 (the request), in field 8's form.</summary>
    public ParameterSet Properties { get; }
}
