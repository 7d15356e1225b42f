using Perfolizer.Horology;
using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;

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

        var sample = ToSample(values);
        return new Quantiles(
            knownMedian ?? HarrellDavisQuantileEstimator.Instance.Quantile(sample, 0.5).NominalValue,
            HarrellDavisQuantileEstimator.Instance.Quantile(sample, 0.95).NominalValue,
            HarrellDavisQuantileEstimator.Instance.Quantile(sample, 0.99).NominalValue);
    }

    public static double MedianOf(IReadOnlyList<double> values) =>
        values.Count == 0 ? double.NaN : HarrellDavisQuantileEstimator.Instance.Quantile(ToSample(values), 0.5).NominalValue;

    internal static Sample ToSample(IReadOnlyList<double> values) => new(values, TimeUnit.Nanosecond);
}
