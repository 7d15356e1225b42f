using AssetAnchor.PerfGuard.Engine.Comparison;

namespace AssetAnchor.PerfGuard.Engine.Tests;

public sealed class StatisticsTests
{
    [Theory]
    [InlineData(3, 3, 0.05)]       // 1 / C(6,3) = 1/20
    [InlineData(4, 4, 1.0 / 70)]   // 1 / C(8,4)
    [InlineData(5, 5, 1.0 / 252)]  // 1 / C(10,5): the first equal sizes that reach p < 0.01
    [InlineData(25, 0, 1)]
    public void The_smallest_reachable_p_value_is_one_over_the_number_of_rankings(int n, int m, double expected)
    {
        Assert.Equal(expected, Comparer.MinimumPValue(n, m), 12);
    }

    [Fact]
    public void One_run_cannot_measure_between_run_noise()
    {
        Assert.Null(RunNoise.Measure([42.0]));
        Assert.Null(RunNoise.Measure([]));
    }

    [Fact]
    public void Identical_run_medians_mean_no_between_run_noise()
    {
        Assert.Equal(0, RunNoise.Measure([10.0, 10.0, 10.0])!.Value, 12);
    }

    [Fact]
    public void More_spread_between_runs_allows_more_change_and_more_runs_allow_less()
    {
        var small = RunNoise.Measure([100.0, 102.0, 98.0])!.Value;
        var large = RunNoise.Measure([100.0, 120.0, 85.0])!.Value;
        var manyRuns = RunNoise.Measure([100.0, 102.0, 98.0, 100.0, 102.0, 98.0])!.Value;

        Assert.True(large > small);
        Assert.True(manyRuns < small);
        // Three runs 2% apart (log sd 0.02): a 95% prediction bound, t(2 df) = 2.92 x 0.02 x sqrt(1 + 1/3), allows about 7%.
        Assert.InRange(small, 0.06, 0.08);
    }

    [Theory]
    [InlineData("5%|2ns", 0.05, 2)]
    [InlineData("10%", 0.10, 0)]
    [InlineData("1us", 0, 1000)]
    [InlineData(" 2.5% | 0.5ms ", 0.025, 500_000)]
    public void Thresholds_parse(string text, double relative, double absolute)
    {
        var threshold = ThresholdSpec.Parse(text);

        Assert.Equal(relative, threshold.Relative, 12);
        Assert.Equal(absolute, threshold.AbsoluteNanoseconds, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("five%")]
    [InlineData("-5%")]
    [InlineData("5%|2parsecs")]
    public void Bad_thresholds_are_refused(string text)
    {
        Assert.False(ThresholdSpec.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData("200ms", 200e6)]
    [InlineData("1.2s", 1.2e9)]
    [InlineData("850us", 850e3)]
    [InlineData("850µs", 850e3)]
    [InlineData("40ns", 40)]
    public void Times_parse_with_units(string text, double nanoseconds)
    {
        Assert.True(Units.TryParseNanoseconds(text, out var parsed));
        Assert.Equal(nanoseconds, parsed, 6);
    }

    [Theory]
    [InlineData(46.28471454262894, 46.28)]
    [InlineData(0.0012345678, 0.001235)]
    [InlineData(123456.7, 123457)]
    [InlineData(1348.94, 1349)]
    public void Values_are_rounded_to_four_significant_digits_but_never_below_a_whole_number(double value, double rounded)
    {
        Assert.Equal(rounded, Units.RoundSignificant(value, 4));
    }
}
