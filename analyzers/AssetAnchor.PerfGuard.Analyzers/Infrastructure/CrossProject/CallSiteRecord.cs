using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>What a call-site record asks of the implementation it is joined with (the UP direction).</summary>
internal enum CallSiteKind : byte
{
    /// <summary>PG0001: the call runs once per loop iteration; does the implementation make a round trip? (<c>v1c</c>)</summary>
    RoundTripInLoop,

    /// <summary>PG0006: an endpoint hands the request's unclamped page size to the call; does the implementation take it into Take unclamped? (<c>v1p</c>)</summary>
    PageSize,

    /// <summary>PG0002/PG0003: a navigation is read on the entity the call returns; does the implementation load it? (<c>v1n</c>)</summary>
    NavigationRead,

    /// <summary>PG0004/PG0007: an endpoint returns the rows the call returns with no row limit of its own; does every implementation return unbounded rows? (<c>v1r</c>)</summary>
    EndpointRows,

    /// <summary>PG0005: Skip/Take over the query the call returns, with no order between; is the implementation's query unordered? (<c>v1o</c>)</summary>
    RowLimit,
}

/// <summary>
/// A call on an interface (or abstract) method this project cannot see implemented (Application loops over
/// IOrderRepository; Infrastructure, built later, implements it), recorded with the file and position to report at,
/// so the first project that sees both this one and the implementation can join them and report at this project's
/// own line. Each kind has its own marker: a reader that does not know a kind skips its records.
/// </summary>
internal sealed class CallSiteRecord
{
    public const string Marker = "v1c";
    public const string PageSizeMarker = "v1p";
    public const string NavigationReadMarker = "v1n";
    public const string EndpointRowsMarker = "v1r";
    public const string RowLimitMarker = "v1o";

    /// <summary>v1o field 12: nothing on the call's chain orders the query.</summary>
    public const string RowLimitNoOrder = "N";

    /// <summary>v1o field 12: an OrderBy on the call's chain is discarded by a Distinct() after it.</summary>
    public const string RowLimitOrderDiscarded = "D";

    /// <summary>v1r field 12: the endpoint returns the rows as it gets them (directly, wrapped in a result or a response object).</summary>
    public const string RowsAsReturned = "A";

    /// <summary>v1r field 12: the endpoint pages them in memory, after every row was loaded (field 13 names the materializer).</summary>
    public const string RowsPagedInMemory = "M";

    private const char Separator = '\t';

    public CallSiteRecord(string targetId, string path, TextSpan span, LinePositionSpan lines, string callText, string loopDescription)
        : this(CallSiteKind.RoundTripInLoop, targetId, path, span, lines, callText, loopDescription, detail: string.Empty)
    {
    }

    /// <param name="callText">The text to name in the message: the call (v1c), the request value (v1p), the navigation read (v1n), the endpoint (v1r: its name or route), the row-limit operator (v1o: 'Take').</param>
    /// <param name="loopDescription">The loop the call or read repeats in (v1c, v1n; empty for a v1n read outside a loop); the largest page size to suggest (v1p); the call whose rows the endpoint returns (v1r); the contract call the limited query starts at (v1o).</param>
    /// <param name="detail">v1p: the ordinal of the page-size parameter; v1n: the navigation's name; v1r: what the endpoint does to the rows (<see cref="RowsAsReturned"/>, <see cref="RowsPagedInMemory"/>); v1o: <see cref="RowLimitNoOrder"/> or <see cref="RowLimitOrderDiscarded"/>; v1c: empty.</param>
    public CallSiteRecord(CallSiteKind kind, string targetId, string path, TextSpan span, LinePositionSpan lines, string callText, string loopDescription, string detail)
        : this(kind, targetId, path, span, lines, callText, loopDescription, detail, System.Array.Empty<string>())
    {
    }

    /// <param name="extra">v1r only, fields 13 to 16: the materializer of rows paged in memory, the type names the response
    /// carries beside the rows (comma-separated), and the endpoint file's PG0004.exempt_types and PG0004.reference_entities.</param>
    public CallSiteRecord(
        CallSiteKind kind, string targetId, string path, TextSpan span, LinePositionSpan lines, string callText, string loopDescription, string detail, string[] extra)
    {
        Extra = extra;
        Kind = kind;
        TargetId = targetId;
        Path = path;
        Span = span;
        Lines = lines;
        CallText = callText;
        LoopDescription = loopDescription;
        Detail = detail;
    }

    public CallSiteKind Kind { get; }

    public string TargetId { get; }

    public string Path { get; }

    public TextSpan Span { get; }

    public LinePositionSpan Lines { get; }

    public string CallText { get; }

    public string LoopDescription { get; }

    /// <summary>v1p: the page-size parameter's ordinal, or a parameter object's unbounded properties ("1.PageSize"); v1n: the navigation's name.</summary>
    public string Detail { get; }

    /// <summary>v1r: fields 13 to 16 (see the constructor); empty for the other kinds.</summary>
    public string[] Extra { get; }

    /// <summary>v1r: the materializer after which the endpoint pages in memory (ToList), or empty.</summary>
    public string InMemoryMaterializer => ExtraField(0);

    /// <summary>v1r: the type names the response carries beside the rows (its envelope, the members beside the rows).</summary>
    public string[] ResponseTypeNames => SplitList(ExtraField(1));

    /// <summary>v1r: PG0004.exempt_types of the endpoint's file.</summary>
    public string[] ExemptTypes => SplitList(ExtraField(2));

    /// <summary>v1r: PG0004.reference_entities of the endpoint's file.</summary>
    public string[] ReferenceEntities => SplitList(ExtraField(3));

    /// <summary>v1p: the page-size parameter's ordinal, or -1 (also for a parameter object, <see cref="PageSizeProperties"/>).</summary>
    public int ArgumentOrdinal => Kind == CallSiteKind.PageSize && TryInt(Detail, out var ordinal) ? ordinal : -1;

    /// <summary>
    /// v1p of a bound parameter object handed on whole: the properties the endpoint leaves unbounded, as field 8 of a
    /// method record writes them ("1.PageNumber,1.PageSize"); empty for an integral argument. A reader that knows only
    /// ordinals gets -1 from <see cref="ArgumentOrdinal"/> and skips the record.
    /// </summary>
    public ParameterSet PageSizeProperties =>
        Kind == CallSiteKind.PageSize && ArgumentOrdinal < 0 ? ParameterSet.Decode(IsBuiltValue ? Detail.Substring(1) : Detail) : ParameterSet.None;

    /// <summary>
    /// v1p of a request object the endpoint builds (<c>new ActivityLogQuery { Limit = limit }</c>): one record per property
    /// set from a request value, at that value, whose text the record holds ("=0.Limit"; a reader that knows only the
    /// bound-object form decodes no property and skips it).
    /// </summary>
    public bool IsBuiltValue => Kind == CallSiteKind.PageSize && Detail.StartsWith(BuiltValuePrefix, System.StringComparison.Ordinal);

    /// <summary>The detail of a built request object's property: "=" and the property ("=0.Limit").</summary>
    public static string BuiltValueDetail(ParameterSet property) => BuiltValuePrefix + property.Encode();

    private const string BuiltValuePrefix = "=";

    public Location ToLocation() => Location.Create(Path, Span, Lines);

    public string Encode()
    {
        var text = string.Join(
            Separator.ToString(),
            MarkerOf(Kind),
            TargetId,
            Path,
            Span.Start.ToString(CultureInfo.InvariantCulture),
            Span.Length.ToString(CultureInfo.InvariantCulture),
            Lines.Start.Line.ToString(CultureInfo.InvariantCulture),
            Lines.Start.Character.ToString(CultureInfo.InvariantCulture),
            Lines.End.Line.ToString(CultureInfo.InvariantCulture),
            Lines.End.Character.ToString(CultureInfo.InvariantCulture),
            Flatten(CallText),
            Flatten(LoopDescription));
        if (Kind == CallSiteKind.RoundTripInLoop)
        {
            return text;
        }

        text += Separator + Flatten(Detail);
        foreach (var field in Extra)
        {
            text += Separator + Flatten(field);
        }

        return text;
    }

    public static CallSiteRecord? Decode(string value)
    {
        var parts = value.Split(Separator);
        if (parts.Length < 11 || KindOf(parts[0]) is not { } kind || parts[1].Length == 0 || parts[2].Length == 0 ||
            !TryInt(parts[3], out var start) || !TryInt(parts[4], out var length) || !TryInt(parts[5], out var startLine) ||
            !TryInt(parts[6], out var startColumn) || !TryInt(parts[7], out var endLine) || !TryInt(parts[8], out var endColumn) ||
            (kind != CallSiteKind.RoundTripInLoop && (parts.Length < 12 || parts[11].Length == 0)))
        {
            return null;
        }

        var extra = System.Array.Empty<string>();
        if (kind == CallSiteKind.EndpointRows && parts.Length > 12)
        {
            extra = new string[parts.Length - 12];
            System.Array.Copy(parts, 12, extra, 0, extra.Length);
        }

        return new CallSiteRecord(
            kind,
            parts[1],
            parts[2],
            new TextSpan(start, length),
            new LinePositionSpan(new LinePosition(startLine, startColumn), new LinePosition(endLine, endColumn)),
            parts[9],
            parts[10],
            kind == CallSiteKind.RoundTripInLoop ? string.Empty : parts[11],
            extra);
    }

    private string ExtraField(int index) => index < Extra.Length ? Extra[index] : string.Empty;

    private static string[] SplitList(string text) =>
        text.Length == 0 ? System.Array.Empty<string>() : text.Split(new[] { ',' }, System.StringSplitOptions.RemoveEmptyEntries);

    private static string MarkerOf(CallSiteKind kind) => kind switch
    {
        CallSiteKind.PageSize => PageSizeMarker,
        CallSiteKind.NavigationRead => NavigationReadMarker,
        CallSiteKind.EndpointRows => EndpointRowsMarker,
        CallSiteKind.RowLimit => RowLimitMarker,
        _ => Marker,
    };

    private static CallSiteKind? KindOf(string marker) => marker switch
    {
        Marker => CallSiteKind.RoundTripInLoop,
        PageSizeMarker => CallSiteKind.PageSize,
        NavigationReadMarker => CallSiteKind.NavigationRead,
        EndpointRowsMarker => CallSiteKind.EndpointRows,
        RowLimitMarker => CallSiteKind.RowLimit,
        _ => null,
    };

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 0;

    private static string Flatten(string text) => text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
