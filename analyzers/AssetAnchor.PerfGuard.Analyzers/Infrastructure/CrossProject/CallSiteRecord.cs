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
    private const char Separator = '\t';

    public CallSiteRecord(string targetId, string path, TextSpan span, LinePositionSpan lines, string callText, string loopDescription)
        : this(CallSiteKind.RoundTripInLoop, targetId, path, span, lines, callText, loopDescription, detail: string.Empty)
    {
    }

    /// <param name="callText">The text to name in the message: the call (v1c), the request value (v1p), the navigation read (v1n).</param>
    /// <param name="loopDescription">The loop the call or read repeats in (v1c, v1n; empty for a v1n read outside a loop); the largest page size to suggest (v1p).</param>
    /// <param name="detail">v1p: the ordinal of the page-size parameter; v1n: the navigation's name; v1c: empty.</param>
    public CallSiteRecord(CallSiteKind kind, string targetId, string path, TextSpan span, LinePositionSpan lines, string callText, string loopDescription, string detail)
    {
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

    /// <summary>v1p: the page-size parameter's ordinal; v1n: the navigation's name.</summary>
    public string Detail { get; }

    /// <summary>v1p: the page-size parameter's ordinal, or -1.</summary>
    public int ArgumentOrdinal => Kind == CallSiteKind.PageSize && TryInt(Detail, out var ordinal) ? ordinal : -1;

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
        return Kind == CallSiteKind.RoundTripInLoop ? text : text + Separator + Flatten(Detail);
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

        return new CallSiteRecord(
            kind,
            parts[1],
            parts[2],
            new TextSpan(start, length),
            new LinePositionSpan(new LinePosition(startLine, startColumn), new LinePosition(endLine, endColumn)),
            parts[9],
            parts[10],
            kind == CallSiteKind.RoundTripInLoop ? string.Empty : parts[11]);
    }

    private static string MarkerOf(CallSiteKind kind) => kind switch
    {
        CallSiteKind.PageSize => PageSizeMarker,
        CallSiteKind.NavigationRead => NavigationReadMarker,
        _ => Marker,
    };

    private static CallSiteKind? KindOf(string marker) => marker switch
    {
        Marker => CallSiteKind.RoundTripInLoop,
        PageSizeMarker => CallSiteKind.PageSize,
        NavigationReadMarker => CallSiteKind.NavigationRead,
        _ => null,
    };

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 0;

    private static string Flatten(string text) => text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
