using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The handler of a request type, as the project that holds the handler records it (<c>v1h</c>): a mediator request
/// (<c>IRequestHandler&lt;TRequest, TResponse&gt;</c>), a notification (<c>INotificationHandler&lt;T&gt;</c>) or a
/// solution's own handler interface of the same shape. A dependent project sees <c>Send(new GetProductsQuery())</c> or
/// <c>dispatcher.DispatchAsync(new GetProductsQuery())</c> and finds here what running the handler costs and returns,
/// although the handler itself is internal to its project.
/// </summary>
/// <remarks>
/// Besides the handler's own facts (read from its body, as any method summary), the record holds facts that are
/// <b>conditional on interfaces implemented later</b>: the handler of an Application project calls
/// <c>IRepository&lt;T&gt;.ToListAsync(repository.GetQueryableSet())</c>, implemented in Persistence, which Application does
/// not reference. The record names those interface methods; the project that references both (the web project)
/// completes the chain with Persistence's records.
/// </remarks>
internal sealed class HandlerRecord
{
    public const string Marker = "v1h";
    private const char Separator = '\t';
    private const char ListSeparator = '|';

    public HandlerRecord(
        string requestId, string handlerId, string handlerName, string? roundTrip, SummaryRows rows, string? entity, string? queryText, bool ordered,
        ImmutableArray<string> deferredRoundTrips, ImmutableArray<RowsStep> deferredRows, ParameterSet pageSizes = default)
    {
        RequestId = requestId;
        HandlerId = handlerId;
        HandlerName = handlerName;
        RoundTrip = roundTrip;
        Rows = rows;
        Entity = entity;
        QueryText = queryText;
        Ordered = ordered;
        DeferredRoundTrips = deferredRoundTrips.IsDefault ? ImmutableArray<string>.Empty : deferredRoundTrips;
        DeferredRows = deferredRows.IsDefault ? ImmutableArray<RowsStep>.Empty : deferredRows;
        PageSizes = pageSizes;
    }

    /// <summary>The request (or notification) type, documentation-comment ID of its generic definition.</summary>
    public string RequestId { get; }

    /// <summary>The handler method (documentation-comment ID).</summary>
    public string HandlerId { get; }

    /// <summary>The handler method's name, for messages ("HandleAsync").</summary>
    public string HandlerName { get; }

    /// <summary>The chain to the first round trip the handler's own body makes ("Handle -> ToListAsync"), null when none is seen.</summary>
    public string? RoundTrip { get; }

    public SummaryRows Rows { get; }

    public string? Entity { get; }

    public string? QueryText { get; }

    public bool Ordered { get; }

    /// <summary>Interface methods the handler calls that its project cannot see implemented: a round trip when an implementation's record says so.</summary>
    public ImmutableArray<string> DeferredRoundTrips { get; }

    /// <summary>
    /// How the handler's returned rows come from interface methods implemented later, outermost call first:
    /// <c>ToListAsync(#0) &lt;- GetQueryableSet()</c> is [ToListAsync, passes its argument 0] then [GetQueryableSet, leaf].
    /// Empty when the returned value is not such a chain.
    /// </summary>
    public ImmutableArray<RowsStep> DeferredRows { get; }

    /// <summary>
    /// PG0006: the properties of the request (parameter 0) the handler takes into Take with no upper bound, in field 8's
    /// form (<c>0.PageSize</c>); empty when none, and for a record of a writer from before this field.
    /// </summary>
    public ParameterSet PageSizes { get; }

    public bool HasFacts => RoundTrip is not null || Rows != SummaryRows.None || !DeferredRoundTrips.IsEmpty || !DeferredRows.IsEmpty || !PageSizes.IsEmpty;

    /// <summary>
    /// v1h \t request \t handler \t name \t round trip \t U|B|- \t entity \t query \t O|- \t deferred round trips \t
    /// deferred rows [\t page sizes]. The last field is written only when the handler has a page-size fact, so every
    /// other record reads as before; a reader from before it reads the first eleven fields.
    /// </summary>
    public string Encode()
    {
        var steps = new List<string>(DeferredRows.Length);
        foreach (var step in DeferredRows)
        {
            steps.Add(step.PassedOrdinal < 0 ? step.MethodId : step.MethodId + "#" + step.PassedOrdinal.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var encoded = string.Join(
            Separator.ToString(),
            Marker,
            RequestId,
            HandlerId,
            HandlerName,
            Flatten(RoundTrip),
            Rows switch { SummaryRows.Unbounded => "U", SummaryRows.Bounded => "B", _ => "-" },
            Flatten(Entity),
            Flatten(QueryText),
            Ordered ? "O" : "-",
            string.Join(ListSeparator.ToString(), DeferredRoundTrips),
            string.Join(ListSeparator.ToString(), steps));
        return PageSizes.IsEmpty ? encoded : encoded + Separator + PageSizes.Encode();
    }

    /// <summary>Null for another kind of record or a damaged one.</summary>
    public static HandlerRecord? Decode(string value)
    {
        if (!value.StartsWith(Marker + Separator, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = value.Split(Separator);
        if (parts.Length < 11 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return null;
        }

        var steps = ImmutableArray.CreateBuilder<RowsStep>();
        foreach (var text in Split(parts[10]))
        {
            var hash = text.LastIndexOf('#');
            if (hash > 0 && int.TryParse(text.Substring(hash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ordinal))
            {
                steps.Add(new RowsStep(text.Substring(0, hash), ordinal));
            }
            else
            {
                steps.Add(new RowsStep(text, -1));
            }
        }

        var rows = parts[5] switch { "U" => SummaryRows.Unbounded, "B" => SummaryRows.Bounded, _ => SummaryRows.None };
        return new HandlerRecord(
            parts[1], parts[2], parts[3], NullIfEmpty(parts[4]), rows, NullIfEmpty(parts[6]), NullIfEmpty(parts[7]), parts[8] == "O",
            Split(parts[9]).ToImmutableArray(), steps.ToImmutable(),
            // Absent (an older writer) is no fact; ParameterSet.Decode skips every part it cannot read.
            parts.Length > 11 ? ParameterSet.Decode(parts[11]) : ParameterSet.None);
    }

    private static List<string> Split(string text)
    {
        var result = new List<string>();
        foreach (var part in text.Split(ListSeparator))
        {
            if (part.Length > 0)
            {
                result.Add(part);
            }
        }

        return result;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string Flatten(string? text) =>
        text is null ? string.Empty : text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');

    public override string ToString() => Encode();

    /// <summary>One interface call of a deferred rows chain; <see cref="PassedOrdinal"/> -1 for the leaf that produces the rows.</summary>
    internal readonly struct RowsStep
    {
        public RowsStep(string methodId, int passedOrdinal)
        {
            MethodId = methodId;
            PassedOrdinal = passedOrdinal;
        }

        public string MethodId { get; }

        public int PassedOrdinal { get; }
    }
}

/// <summary>
/// A dispatcher method of the solution (<c>v1d</c>): it takes a request through an interface parameter and resolves the
/// request's handler from DI (<c>GetService</c>/<c>GetRequiredService</c>) by the request's type. A call to it in a
/// dependent project is followed to the request's handler record; a method that only looks like one is not.
/// </summary>
internal static class DispatcherRecord
{
    public const string Marker = "v1d";

    public static string Encode(string methodId) => Marker + "\t" + methodId;

    /// <summary>The dispatcher's method ID, or null for another kind of record.</summary>
    public static string? Decode(string value)
    {
        var prefix = Marker + "\t";
        return value.StartsWith(prefix, StringComparison.Ordinal) && value.Length > prefix.Length ? value.Substring(prefix.Length).Split('\t')[0] : null;
    }
}
