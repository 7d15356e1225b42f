using System.Globalization;

namespace AssetAnchor.PerfGuard.Engine.Diagnostics;

/// <summary>
/// A results, baseline or budget file that cannot be used. Carries the path and position so that the caller
/// reports exactly one PG1201 and never a stack trace.
/// </summary>
public sealed class PerfGuardInputException : Exception
{
    public PerfGuardInputException(string path, long line, long bytePositionInLine, string reason, Exception? inner = null)
        : this(path, line, bytePositionInLine, reason, Describe(path, line, bytePositionInLine, reason), inner)
    {
    }

    private PerfGuardInputException(string path, long line, long bytePositionInLine, string reason, string message, Exception? inner)
        : base(message, inner)
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

    /// <summary>A setting that cannot be used, where it was written (a project file or perfguard.json; empty: the command line).</summary>
    public static PerfGuardInputException InvalidSetting(string path, long line, long bytePositionInLine, string reason)
    {
        var where = path.Length == 0 ? string.Empty
            : line > 0 ? string.Create(CultureInfo.InvariantCulture, $" in '{path}' at line {line}, column {bytePositionInLine + 1}")
            : $" in '{path}'";
        return new PerfGuardInputException(path, line, bytePositionInLine, reason, $"invalid setting{where}: {reason}", null);
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
