using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// A call made once per loop iteration on an interface (or abstract) method this project cannot see implemented
/// (Application loops over IOrderRepository; Infrastructure, built later, implements it). Recorded with the call's
/// file and position so the composition root, which references both, can join it with the implementation's summary
/// and report PG0001 at the loop's own line.
/// </summary>
internal sealed class CallSiteRecord
{
    public const string Marker = "v1c";
    private const char Separator = '\t';

    public CallSiteRecord(string targetId, string path, TextSpan span, LinePositionSpan lines, string callText, string loopDescription)
    {
        TargetId = targetId;
        Path = path;
        Span = span;
        Lines = lines;
        CallText = callText;
        LoopDescription = loopDescription;
    }

    public string TargetId { get; }

    public string Path { get; }

    public TextSpan Span { get; }

    public LinePositionSpan Lines { get; }

    public string CallText { get; }

    public string LoopDescription { get; }

    public Location ToLocation() => Location.Create(Path, Span, Lines);

    public string Encode() => string.Join(
        Separator.ToString(),
        Marker,
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

    public static CallSiteRecord? Decode(string value)
    {
        var parts = value.Split(Separator);
        if (parts.Length < 11 || parts[0] != Marker || parts[1].Length == 0 || parts[2].Length == 0 ||
            !TryInt(parts[3], out var start) || !TryInt(parts[4], out var length) || !TryInt(parts[5], out var startLine) ||
            !TryInt(parts[6], out var startColumn) || !TryInt(parts[7], out var endLine) || !TryInt(parts[8], out var endColumn))
        {
            return null;
        }

        return new CallSiteRecord(
            parts[1],
            parts[2],
            new TextSpan(start, length),
            new LinePositionSpan(new LinePosition(startLine, startColumn), new LinePosition(endLine, endColumn)),
            parts[9],
            parts[10]);
    }

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 0;

    private static string Flatten(string text) => text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
