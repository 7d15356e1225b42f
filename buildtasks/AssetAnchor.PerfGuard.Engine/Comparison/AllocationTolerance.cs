using System.Globalization;

namespace AssetAnchor.PerfGuard.Engine.Comparison;

/// <summary>
/// How much allocated bytes/op may grow before PG1002: a relative part and an absolute part, "1%|16B"; the larger
/// wins (unlike the time threshold, where a change must exceed both). Written like the time threshold.
/// </summary>
public sealed record AllocationTolerance(double Relative, double AbsoluteBytes)
{
    /// <summary>1%, and 16 B: less than the smallest object on a 64-bit runtime (24 B), so one extra object per call fails.</summary>
    public static AllocationTolerance Default { get; } = new(0.01, 16);

    /// <summary>The growth allowed over a baseline of <paramref name="baselineBytes"/> per operation.</summary>
    public double Of(double baselineBytes) => Math.Max(baselineBytes * Relative, AbsoluteBytes);

    public static bool TryParse(string? text, out AllocationTolerance tolerance, out string error)
    {
        tolerance = Default;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the tolerance is empty";
            return false;
        }

        double relative = 0, absolute = 0;
        foreach (var part in text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.EndsWith('%'))
            {
                if (!TryNonNegative(part[..^1], out var percent))
                {
                    error = $"'{part}' is not a percentage";
                    return false;
                }

                relative = percent / 100;
            }
            else if (part.EndsWith('B') && TryNonNegative(part[..^1], out var bytes))
            {
                absolute = bytes;
            }
            else
            {
                error = $"'{part}' is neither a percentage (1%) nor a byte count (16B)";
                return false;
            }
        }

        tolerance = new AllocationTolerance(relative, absolute);
        return true;
    }

    public static AllocationTolerance Parse(string text) =>
        TryParse(text, out var tolerance, out var error) ? tolerance : throw new FormatException(error);

    public override string ToString() => $"{Units.Format(Relative * 100)}%|{Units.Format(AbsoluteBytes)}B";

    private static bool TryNonNegative(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && value >= 0;
}
