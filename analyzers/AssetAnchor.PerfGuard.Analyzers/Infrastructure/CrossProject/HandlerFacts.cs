using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The questions a rule asks about a dispatch whose handler sits in a referenced project: which request it carries,
/// whether running its handler makes a round trip (PG0001) and what rows it returns (PG0004), per the handler records
/// completed with the records of the projects that implement the handler's interfaces.
/// </summary>
internal static class HandlerFacts
{
    /// <summary>
    /// The request of a call to a referenced dispatcher (MediatR's Send/Publish, or a method a referenced project recorded
    /// as a dispatcher) for which a referenced project recorded handlers; null otherwise (a dispatcher whose handler
    /// cannot be resolved is not followed).
    /// </summary>
    public static IReadOnlyList<HandlerRecord>? FindRecordedHandlers(ReferencedSummaries summaries, IInvocationOperation invocation)
    {
        if (!summaries.HasHandlers)
        {
            return null;
        }

        var method = invocation.TargetMethod;
        if (!RequestHandlers.IsMediatorDispatch(method) && !summaries.IsDispatcher(method))
        {
            return null;
        }

        if (RequestHandlers.GetDispatchedRequest(invocation) is not { } request)
        {
            return null;
        }

        foreach (var key in RequestHandlers.GetRequestKeys(request))
        {
            if (summaries.FindHandlers(key) is { } handlers)
            {
                return handlers;
            }
        }

        return null;
    }

    /// <summary>PG0001's policy (any handler): the chain to the first round trip one of the handlers makes, or null.</summary>
    public static string? FindRoundTrip(ReferencedSummaries summaries, IReadOnlyList<HandlerRecord> handlers)
    {
        foreach (var handler in handlers)
        {
            if (handler.RoundTrip is not null)
            {
                return handler.RoundTrip;
            }

            foreach (var contract in handler.DeferredRoundTrips)
            {
                if (summaries.Find(contract) is not { } records)
                {
                    continue;
                }

                foreach (var record in records)
                {
                    if (record.RoundTrip is not null)
                    {
                        return handler.HandlerName + " -> " + record.RoundTrip;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// PG0004's policy (every handler): the rows the handlers return. Bounded when any handler is bounded, unbounded
    /// when every one is, else none (unknown).
    /// </summary>
    public static DispatchedRows FindRows(ReferencedSummaries summaries, IReadOnlyList<HandlerRecord> handlers)
    {
        DispatchedRows? first = null;
        foreach (var handler in handlers)
        {
            var rows = FindRows(summaries, handler);
            switch (rows.Kind)
            {
                case SummaryRows.Bounded:
                    return rows;
                case SummaryRows.Unbounded:
                    first ??= rows;
                    break;
                default:
                    return default;
            }
        }

        return first ?? default;
    }

    private static DispatchedRows FindRows(ReferencedSummaries summaries, HandlerRecord handler)
    {
        if (handler.Rows != SummaryRows.None)
        {
            return new DispatchedRows(handler.Rows, handler.Entity, handler.QueryText, handler.Ordered, handler.HandlerName);
        }

        var steps = handler.DeferredRows;
        if (steps.IsEmpty || steps[steps.Length - 1].PassedOrdinal >= 0)
        {
            return default;
        }

        // Innermost first: the leaf produces the rows, each outer call must return its argument's rows.
        var leaf = Combine(summaries.Find(steps[steps.Length - 1].MethodId), passedOrdinal: -1);
        if (leaf.Kind != SummaryRows.Unbounded)
        {
            return leaf.Kind == SummaryRows.Bounded ? new DispatchedRows(SummaryRows.Bounded, null, null, false, handler.HandlerName) : default;
        }

        for (var i = steps.Length - 2; i >= 0; i--)
        {
            var step = Combine(summaries.Find(steps[i].MethodId), steps[i].PassedOrdinal);
            switch (step.Kind)
            {
                case SummaryRows.Bounded:
                    return new DispatchedRows(SummaryRows.Bounded, null, null, false, handler.HandlerName);
                case SummaryRows.Unbounded when !step.PassesThrough:
                    leaf = step;
                    break;
                case SummaryRows.Unbounded:
                    break;
                default:
                    return default;
            }
        }

        return new DispatchedRows(
            SummaryRows.Unbounded, handler.Entity ?? leaf.Entity, handler.QueryText ?? leaf.QueryText, handler.Ordered || leaf.Ordered, handler.HandlerName);
    }

    /// <summary>
    /// One step over every record of an interface method: any bounded one bounds it; unbounded when every record is
    /// unbounded, or (for an outer step) every record returns the rows of the passed parameter.
    /// </summary>
    private static (SummaryRows Kind, string? Entity, string? QueryText, bool Ordered, bool PassesThrough) Combine(IReadOnlyList<MethodSummary>? records, int passedOrdinal)
    {
        if (records is null || records.Count == 0)
        {
            return default;
        }

        MethodSummary? unbounded = null;
        var passes = true;
        foreach (var record in records)
        {
            if (record.Rows == SummaryRows.Bounded)
            {
                return (SummaryRows.Bounded, null, null, false, false);
            }

            if (record.Rows == SummaryRows.Unbounded)
            {
                unbounded ??= record;
                passes = false;
            }
            else if (passedOrdinal < 0 || record.RowsOfParameter != passedOrdinal)
            {
                return default;
            }
        }

        if (unbounded is not null && passes == false)
        {
            // Mixed pass-through and own rows among implementations: only a complete agreement counts.
            foreach (var record in records)
            {
                if (record.Rows != SummaryRows.Unbounded)
                {
                    return default;
                }
            }

            return (SummaryRows.Unbounded, unbounded.Entity, unbounded.QueryText, unbounded.Ordered, false);
        }

        return (SummaryRows.Unbounded, null, null, false, true);
    }

    /// <summary>What a dispatch returns, per the records; <see cref="Kind"/> None when not known.</summary>
    internal readonly struct DispatchedRows
    {
        public DispatchedRows(SummaryRows kind, string? entity, string? queryText, bool ordered, string handlerName)
        {
            Kind = kind;
            Entity = entity;
            QueryText = queryText;
            Ordered = ordered;
            HandlerName = handlerName;
        }

        public SummaryRows Kind { get; }

        /// <summary>The entity type (documentation-comment ID), when known.</summary>
        public string? Entity { get; }

        public string? QueryText { get; }

        public bool Ordered { get; }

        public string? HandlerName { get; }
    }
}
