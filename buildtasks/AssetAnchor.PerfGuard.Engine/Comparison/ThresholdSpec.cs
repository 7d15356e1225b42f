using System.Globalization;

namespace AssetAnchor.PerfGuard.Engine.Comparison;

/// <summary>
/// A time threshold in BenchmarkDotNet/ResultsComparer style: a relative part and an absolute noise floor,
/// "5%|2ns". A change counts only when it exceeds both: 5% of the baseline median and 2 ns.
/// </summary>
public sealed record ThresholdSpec(double Relative, double AbsoluteNanoseconds)
{
    public static ThresholdSpec Default { get; } = new(0.05, 2);

    public static bool TryParse(string? text, out ThresholdSpec threshold, out string error)
    {
        threshold = Default;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the threshold is empty";
            return false;
        }

        double relative = 0, absolute = 0;
        foreach (var part in text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.EndsWith('%'))
            {
                if (!double.TryParse(part[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || !double.IsFinite(percent) || percent < 0)
                {
                    error = $"'{part}' is not a percentage";
                    return false;
                }

                relative = percent / 100;
            }
            else if (Units.TryParseNanoseconds(part, out var nanoseconds) && part.Any(char.IsLetter))
            {
                absolute = nanoseconds;
            }
            else
            {
                error = $"'{part}' is neither a percentage (5%) nor a time with unit (2ns, 1us, 1ms)";
                return false;
            }
        }

        threshold = new ThresholdSpec(relative, absolute);
        return true;
    }

    public static ThresholdSpec Parse(string text) =>
        TryParse(text, out var threshold, out var error) ? threshold : throw new FormatException(error);

    public override string ToString() => $"{Units.Format(Relative * 100)}%|{Units.Format(AbsoluteNanoseconds)}ns";
}
