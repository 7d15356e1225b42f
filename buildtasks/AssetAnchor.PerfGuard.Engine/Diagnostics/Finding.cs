using System.Globalization;

namespace AssetAnchor.PerfGuard.Engine.Diagnostics;

public enum FindingSeverity
{
    Message,
    Warning,
    Error,
}

/// <summary>
/// One verdict the user sees: a stable code, the file a reviewer should open (with a line when known) and a
/// message that carries its numbers. <see cref="BenchmarkKey"/> is null for findings about a whole file.
/// </summary>
public sealed record Finding(
    string Code,
    FindingSeverity Severity,
    string File,
    int Line,
    int Column,
    string Message,
    string? BenchmarkKey = null)
{
    public bool IsError => Severity == FindingSeverity.Error;

    /// <summary>MSBuild's canonical form: <c>path(line,col): error PG1001: message</c>.</summary>
    public string ToCanonicalString()
    {
        var location = File.Length == 0 ? "perfguard" : File;
        if (Line > 0)
        {
            location += Column > 0
                ? string.Create(CultureInfo.InvariantCulture, $"({Line},{Column})")
                : string.Create(CultureInfo.InvariantCulture, $"({Line})");
        }

        var severity = Severity switch
        {
            FindingSeverity.Error => "error",
            FindingSeverity.Warning => "warning",
            _ => "info",
        };
        return $"{location}: {severity} {Code}: {Message}";
    }
}
