using Perfolizer.Horology;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;
using Perfolizer.Mathematics.QuantileEstimators;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;
using Pragmastat.Metrology;

namespace AssetAnchor.PerfGuard.Engine.Statistics;

/// <summary>
/// The one place that talks to Perfolizer and Pragmastat: everything else in the engine passes plain doubles
/// (nanoseconds, fractions). A Perfolizer upgrade that moves a type or changes a signature is fixed here alone.
/// </summary>
internal static class PerfolizerStatistics
{
    /// <summary>The Harrell-Davis estimate of quantile <paramref name="probability"/> of the values (nanoseconds).</summary>
    public static double HarrellDavisQuantile(IReadOnlyList<double> values, double probability) =>
        HarrellDavisQuantileEstimator.Instance.Quantile(Sample(values), probability).NominalValue;

    /// <summary>
    /// p-value of the one-sided Mann-Whitney test "x is greater than y shifted by the threshold"; Perfolizer applies
    /// the larger of the relative part (a fraction) and the absolute part (nanoseconds).
    /// </summary>
    public static double MannWhitneyGreaterPValue(IReadOnlyList<double> x, IReadOnlyList<double> y, double relative, double absoluteNanoseconds)
    {
        var threshold = new Threshold(
            new Measurement(relative * 100, PercentUnit.Instance),
            new Measurement(absoluteNanoseconds, TimeUnit.Nanosecond));
        return MannWhitneyTest.Instance.Perform(Sample(x), Sample(y), AlternativeHypothesis.Greater, threshold).PValue.Value;
    }

    /// <summary>The quantile of Student's t distribution with the given degrees of freedom.</summary>
    public static double StudentQuantile(double degreesOfFreedom, double probability) =>
        new StudentDistribution(degreesOfFreedom).Quantile(probability);

    private static Sample Sample(IReadOnlyList<double> values) => new(values, TimeUnit.Nanosecond);
}
