using System.Globalization;
using AssetAnchor.PerfGuard.Engine.Statistics;

namespace AssetAnchor.PerfGuard.Engine.Comparison;

/// <summary>
/// How much a whole run's median may move on its own, between two runs of the same build. A single run knows
/// nothing about that, so PerfGuard measures it from a pooled baseline (<c>baseline update --runs k</c>):
/// the spread of the k per-run medians (in log space) gives an upper 95% prediction bound for the next run's
/// median, using Student's t with k-1 degrees of freedom. The allowance is never below a minimum
/// (<see cref="MinimumDefault"/>), because baseline runs measured in a quiet minute say little about a busy one.
/// </summary>
public static class RunNoise
{
    /// <summary>
    /// 50%: two runs of the same build on a shared 2-core CI machine differ by up to 1.5x per benchmark, and that
    /// must not fail a build. On a dedicated, quiet runner lower it (minimumRunNoise / PerfGuardMinimumRunNoise).
    /// </summary>
    public const double MinimumDefault = 0.5;

    private const double PredictionLevel = 0.95;

    /// <summary>"auto" (null: measured, at least the minimum) or a fixed percentage such as "20%".</summary>
    public static bool TryParse(string? text, out double? noise, out string error)
    {
        noise = null;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (TryParsePercentage(text, out var value))
        {
            noise = value;
            return true;
        }

        error = $"run noise '{text}' must be 'auto' or a percentage such as '20%'";
        return false;
    }

    /// <summary>"20%" -> 0.2.</summary>
    public static bool TryParsePercentage(string? text, out double fraction)
    {
        fraction = 0;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.EndsWith('%') && double.TryParse(trimmed[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            && double.IsFinite(percent) && percent >= 0)
        {
            fraction = percent / 100;
            return true;
        }

        return false;
    }

    /// <summary>The relative change of a run median that between-run noise alone can explain; null with fewer than 2 runs.</summary>
    public static double? Measure(IReadOnlyList<double> runMedians)
    {
        var positive = runMedians.Where(m => m > 0 && double.IsFinite(m)).ToList();
        if (positive.Count < 2)
        {
            return null;
        }

        var logs = positive.Select(m => Math.Log(m)).ToList();
        var mean = logs.Average();
        var variance = logs.Sum(l => (l - mean) * (l - mean)) / (logs.Count - 1);
        var k = logs.Count;
        var t = PerfolizerStatistics.StudentQuantile(k - 1, PredictionLevel);
        return Math.Exp(t * Math.Sqrt(variance * (1 + (1.0 / k)))) - 1;
    }
}
