using System.Globalization;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace AssetAnchor.PerfGuard.Engine.Comparison;

/// <summary>
/// How much a whole run's median may move on its own, between two runs of the same build. A single run knows
/// nothing about that, so PerfGuard measures it from a pooled baseline (<c>baseline update --runs k</c>):
/// the spread of the k per-run medians (in log space) gives an upper 99% prediction bound for the next run's
/// median, using Student's t with k-1 degrees of freedom. With one run it assumes <see cref="SingleRunDefault"/>.
/// </summary>
public static class RunNoise
{
    /// <summary>
    /// 50%: two runs of the same build on a shared 2-core CI machine differed by up to 1.5x per benchmark.
    /// A one-run baseline can therefore only catch a time regression beyond 1.5x; pool runs to tighten it.
    /// </summary>
    public const double SingleRunDefault = 0.5;

    private const double PredictionLevel = 0.99;

    /// <summary>"auto" (null) or a percentage such as "20%".</summary>
    public static bool TryParse(string? text, out double? noise, out string error)
    {
        noise = null;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var trimmed = text.Trim();
        if (trimmed.EndsWith('%') && double.TryParse(trimmed[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            && double.IsFinite(percent) && percent >= 0)
        {
            noise = percent / 100;
            return true;
        }

        error = $"run noise '{text}' must be 'auto' or a percentage such as '20%'";
        return false;
    }

    /// <summary>The relative change of a run median that between-run noise alone can explain.</summary>
    public static double Estimate(IReadOnlyList<double> runMedians, double singleRunNoise = SingleRunDefault)
    {
        var positive = runMedians.Where(m => m > 0 && double.IsFinite(m)).ToList();
        if (positive.Count < 2)
        {
            return singleRunNoise;
        }

        var logs = positive.Select(m => Math.Log(m)).ToList();
        var mean = logs.Average();
        var variance = logs.Sum(l => (l - mean) * (l - mean)) / (logs.Count - 1);
        var k = logs.Count;
        var t = new StudentDistribution(k - 1).Quantile(PredictionLevel);
        return Math.Exp(t * Math.Sqrt(variance * (1 + (1.0 / k)))) - 1;
    }
}
