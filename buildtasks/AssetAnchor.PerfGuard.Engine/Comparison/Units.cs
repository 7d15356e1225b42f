using System.Globalization;

namespace AssetAnchor.PerfGuard.Engine.Comparison;

/// <summary>Parsing and printing of times ("250us", "1.2s") and byte counts, invariant culture throughout.</summary>
public static class Units
{
    /// <summary>Parses a time with unit ns, us (or µs), ms or s into nanoseconds. A bare number is nanoseconds.</summary>
    public static bool TryParseNanoseconds(string text, out double nanoseconds)
    {
        nanoseconds = 0;
        var trimmed = text.Trim();
        (string Suffix, double Factor)[] units = [("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9)];
        foreach (var (suffix, factor) in units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                var number = trimmed[..^suffix.Length].Trim();
                if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0)
                {
                    nanoseconds = value * factor;
                    return true;
                }

                return false;
            }
        }

        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out nanoseconds)
            && double.IsFinite(nanoseconds) && nanoseconds >= 0;
    }

    /// <summary>"46.28 ns", "1.234 us", "12.35 ms", "1.2 s" (4 significant digits).</summary>
    public static string FormatTime(double nanoseconds)
    {
        if (double.IsNaN(nanoseconds))
        {
            return "-";
        }

        var abs = Math.Abs(nanoseconds);
        return abs switch
        {
            < 1e3 => Format(nanoseconds) + " ns",
            < 1e6 => Format(nanoseconds / 1e3) + " us",
            < 1e9 => Format(nanoseconds / 1e6) + " ms",
            _ => Format(nanoseconds / 1e9) + " s",
        };
    }

    public static string FormatBytes(double? bytes) => bytes is null ? "-" : Format(bytes.Value) + " B";

    public static string FormatCount(double? count) => count is null ? "-" : Format(count.Value);

    public static string FormatPercent(double fraction) => Format(fraction * 100) + "%";

    public static string FormatRatio(double ratio) => double.IsNaN(ratio) ? "-" : ratio.ToString("0.000", CultureInfo.InvariantCulture) + "x";

    public static string FormatPValue(double p) => double.IsNaN(p) ? "-" : p < 0.0001 ? "<0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>Shortest invariant text of a value rounded to 4 significant digits.</summary>
    public static string Format(double value) => RoundSignificant(value, 4).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Rounds to <paramref name="digits"/> significant digits, but never below a whole number: 123456.7 stays
    /// 123457 (exact enough, and integers diff well), 46.2847 becomes 46.28.
    /// </summary>
    public static double RoundSignificant(double value, int digits)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var decimals = digits - 1 - magnitude;
        if (decimals <= 0)
        {
            return Math.Round(value, MidpointRounding.AwayFromZero);
        }

        return Math.Round(value, Math.Min(decimals, 15), MidpointRounding.AwayFromZero);
    }
}
