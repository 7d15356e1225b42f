using AssetAnchor.PerfGuard.Engine.Statistics;

namespace AssetAnchor.PerfGuard.Engine.Model;

/// <summary>
/// Harrell-Davis estimates of the median, p95 and p99 of per-iteration times. Harrell-Davis weighs every value,
/// so with 20-30 iterations p99 is an estimate, not simply the largest value.
/// </summary>
public readonly record struct Quantiles(double Median, double P95, double P99)
{
    public static Quantiles Of(IReadOnlyList<double> values, double? knownMedian = null)
    {
        if (values.Count == 0)
        {
            return new Quantiles(double.NaN, double.NaN, double.NaN);
        }

        return new Quantiles(
            knownMedian ?? PerfolizerStatistics.HarrellDavisQuantile(values, 0.5),
            PerfolizerStatistics.HarrellDavisQuantile(values, 0.95),
            PerfolizerStatistics.HarrellDavisQuantile(values, 0.99));
    }

    public static double MedianOf(IReadOnlyList<double> values) =>
        values.Count == 0 ? double.NaN : PerfolizerStatistics.HarrellDavisQuantile(values, 0.5);
}
