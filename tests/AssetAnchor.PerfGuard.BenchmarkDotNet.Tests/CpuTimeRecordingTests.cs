using AssetAnchor.PerfGuard.BenchmarkDotNet.CpuTime;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.Tests;

/// <summary>The CPU-time recording: its file format, the check against BenchmarkDotNet's own iterations, the readers of /proc.</summary>
public sealed class CpuTimeRecordingTests
{
    private static Measurement Actual(int index, long operations, double nanoseconds) =>
        new(1, IterationMode.Workload, IterationStage.Actual, index, operations, nanoseconds);

    private static CpuRecording Recording(params (long Operations, long Cpu)[] iterations) =>
        new(iterations.Select(i => new CpuIteration(i.Operations, i.Cpu, i.Cpu * 2, i.Cpu, i.Cpu / 4)).ToList(), 3.5, 0.25);

    [Fact]
    public void A_recording_survives_its_file_format()
    {
        var recording = Recording((1000, 5_000_000), (1000, 5_100_000));

        var parsed = CpuRecording.Parse(recording.Serialize());

        Assert.NotNull(parsed);
        Assert.Equal(recording.Iterations, parsed.Iterations);
        Assert.Equal(3.5, parsed.LoadAverage);
        Assert.Equal(0.25, parsed.CpuPressure);
        Assert.Equal(0.2, parsed.WaitFraction!.Value, 6); // wait / (wait + run) = 1/4 / (1 + 1/4)
    }

    [Theory]
    [InlineData("")]
    [InlineData("perfguard-cpu/0\nload -\npressure -\n")]
    [InlineData("perfguard-cpu/1\nload -\npressure -\nit 1 2 3\n")]
    [InlineData("perfguard-cpu/1\nload x\npressure -\n")]
    public void A_foreign_or_damaged_recording_gives_no_value(string text) => Assert.Null(CpuRecording.Parse(text));

    [Fact]
    public void Cpu_time_per_operation_is_taken_only_when_the_iterations_are_benchmarkdotnets_own()
    {
        var measurements = new List<Measurement>
        {
            new(1, IterationMode.Workload, IterationStage.Warmup, 1, 1000, 9e6),
            Actual(1, 1000, 10e6),
            Actual(2, 1000, 10e6),
        };

        var matched = CpuTimeDiagnoser.Match(Recording((1000, 5_000_000), (1000, 6_000_000)), measurements);
        Assert.NotNull(matched);
        Assert.Equal([5000.0, 6000.0], matched.NanosecondsPerOperation);
        Assert.Equal(0.55, matched.CpuToWall!.Value, 6);

        // Another operation count, or another number of iterations: not the same iterations, so no value.
        Assert.Null(CpuTimeDiagnoser.Match(Recording((1000, 5_000_000), (999, 6_000_000)), measurements));
        Assert.Null(CpuTimeDiagnoser.Match(Recording((1000, 5_000_000)), measurements));
    }

    [Fact]
    public void Scheduler_and_pressure_files_are_parsed()
    {
        Assert.True(MachineContention.TryParseSchedstat("184139614 10096295 434\n", out var run, out var wait));
        Assert.Equal(184139614, run);
        Assert.Equal(10096295, wait);
        Assert.False(MachineContention.TryParseSchedstat("garbage", out _, out _));

        Assert.Equal(61322508, MachineContention.ParseCpuPressureTotal("some avg10=52.95 avg60=32.06 avg300=14.18 total=61322508\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"));
        Assert.Null(MachineContention.ParseCpuPressureTotal(null));
    }

    [Fact]
    public void The_process_cpu_clock_advances_with_work_and_this_process_has_scheduler_statistics_on_linux()
    {
        var before = ProcessCpuClock.NowNanoseconds();
        var x = 0UL;
        for (var i = 0; i < 20_000_000; i++)
        {
            x = (x * 6364136223846793005UL) + 1442695040888963407UL;
        }

        Assert.NotEqual(0UL, x);
        Assert.True(ProcessCpuClock.NowNanoseconds() > before);
        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(MachineContention.ReadProcessScheduler());
        }
    }

    [Fact]
    public void The_job_loads_the_recorder_as_a_startup_hook_once_keeping_its_id_and_other_hooks()
    {
        var job = PerfGuardConfig.WithCpuTimeRecorder(PerfGuardJobs.Quick);
        Assert.Equal(PerfGuardJobs.QuickId, job.Id);
        var hook = Assert.Single(job.Environment.EnvironmentVariables!, v => v.Key == "DOTNET_STARTUP_HOOKS");
        Assert.Equal("AssetAnchor.PerfGuard.BenchmarkDotNet", hook.Value);
        Assert.Contains(job.Environment.EnvironmentVariables!, v => v.Key == PerfGuardJobs.TieredCompilationVariable);
        Assert.Same(job, PerfGuardConfig.WithCpuTimeRecorder(job));

        var other = PerfGuardConfig.WithCpuTimeRecorder(Job.Default.WithEnvironmentVariable("DOTNET_STARTUP_HOOKS", "Other.Hook").WithId("Mine"));
        Assert.Equal("Other.Hook" + Path.PathSeparator + "AssetAnchor.PerfGuard.BenchmarkDotNet",
            other.Environment.EnvironmentVariables!.Single(v => v.Key == "DOTNET_STARTUP_HOOKS").Value);
    }
}
