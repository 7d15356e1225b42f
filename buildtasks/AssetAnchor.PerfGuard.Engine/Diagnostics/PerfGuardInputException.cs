using System.Globalization;

namespace AssetAnchor.PerfGuard.Engine.Diagnostics;

/// <summary>
/// A results, baseline or budget file that cannot be used. Carries the path and position so that the caller
/// reports exactly one PG1201 and never a stack trace.
/// </summary>
public sealed class PerfGuardInputException : Exception
{
    public PerfGuardInputException(string path, long line, long bytePositionInLine, string reason, Exception? inner = null)
        : base(Describe(path, line, bytePositionInLine, reason), inner)
    {
        Path = path;
        Line = line;
        BytePositionInLine = bytePositionInLine;
        Reason = reason;
    }

    public PerfGuardInputException()
        : this(string.Empty, 0, 0, "unreadable input")
    {
    }

    public PerfGuardInputException(string message)
        : this(string.Empty, 0, 0, message)
    {
    }

    public PerfGuardInputException(string message, Exception innerException)
        : this(string.Empty, 0, 0, message, innerException)
    {
    }

    public string Path { get; }

    /// <summary>1-based line, 0 when unknown.</summary>
    public long Line { get; }

    /// <summary>0-based byte position within <see cref="Line"/>.</summary>
    public long BytePositionInLine { get; }

    public string Reason { get; }

    public Finding ToFinding() => new(
        BuildCodes.UnreadableInput,
        FindingSeverity.Error,
        Path,
        (int)Math.Min(Line, int.MaxValue),
        Line > 0 ? (int)Math.Min(BytePositionInLine + 1, int.MaxValue) : 0,
        Message);

    private static string Describe(string path, long line, long bytePositionInLine, string reason)
    {
        var where = line > 0
            ? string.Create(CultureInfo.InvariantCulture, $" at line {line}, column {bytePositionInLine + 1}")
            : string.Empty;
        return path.Length == 0 ? $"invalid setting: {reason}" : $"cannot read '{path}'{where}: {reason}";
    }
}
