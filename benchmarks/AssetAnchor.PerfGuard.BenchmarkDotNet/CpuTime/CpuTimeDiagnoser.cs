using System.Collections.Concurrent;
using AssetAnchor.PerfGuard.Contract;
using BenchmarkDotNet.Analysers;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.CpuTime;

/// <summary>What the host keeps per benchmark for the sidecar: CPU time per operation of each measured iteration.</summary>
internal sealed record CpuTimeResult(
    IReadOnlyList<double> NanosecondsPerOperation,
    double? WaitFraction,
    double? LoadAverage,
    double? CpuPressure,
    double? CpuToWall);

/// <summary>
/// Reports process CPU time per operation (<c>PerfGuard.CpuTime</c>, the median, as a summary column) and the share of
/// runnable time the benchmark waited for a core (<c>PerfGuard.CpuWait</c>), and hands the per-iteration CPU values to
/// the sidecar exporter, which the gate reads. The recording comes from <see cref="IterationCpuRecorder"/> in the
/// benchmark process. It is accepted only when its iterations carry exactly the operation counts of BenchmarkDotNet's
/// own workload-actual measurements of that launch, in the same order: otherwise there is no value, never a wrong one.
/// </summary>
public sealed class CpuTimeDiagnoser : IDiagnoser
{
    public const string DiagnoserId = "PerfGuardCpuTime";

    private static readonly ConcurrentDictionary<BenchmarkCase, CpuTimeResult> Results = new();
    private readonly ConcurrentDictionary<BenchmarkCase, ConcurrentQueue<int>> processIds = new();

    private CpuTimeDiagnoser()
    {
        // With an in-process toolchain the host is the benchmark process; elsewhere this listener hears nothing.
        BenchmarkEngineListener.EnsureStarted();
    }

    public static CpuTimeDiagnoser Default { get; } = new();

    public IEnumerable<string> Ids => [DiagnoserId];

    public IEnumerable<IExporter> Exporters => [];

    public IEnumerable<IAnalyser> Analysers => [];

    public RunMode GetRunMode(BenchmarkCase benchmarkCase) => RunMode.NoOverhead;

    /// <summary>The values recorded for a benchmark of this host process (for the sidecar), or null.</summary>
    internal static CpuTimeResult? ResultFor(BenchmarkCase benchmarkCase) => Results.GetValueOrDefault(benchmarkCase);

    public void Handle(HostSignal signal, DiagnoserActionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (signal == HostSignal.BeforeAnythingElse && parameters.Process is { } process)
        {
            processIds.GetOrAdd(parameters.BenchmarkCase, _ => new ConcurrentQueue<int>()).Enqueue(process.Id);
            ProcessFileChannel.CpuTime.Discard(process.Id);
            ProcessFileChannel.CpuTime.Request(process.Id);
        }
    }

    public IEnumerable<Metric> ProcessResults(DiagnoserResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        IEnumerable<int> launches = processIds.TryRemove(results.BenchmarkCase, out var ids) ? ids : [Environment.ProcessId];
        CpuRecording? recording = null;
        foreach (var processId in launches.Distinct())
        {
            // The last watched launch that reported is the one whose measurements DiagnoserResults carries.
            if (ProcessFileChannel.CpuTime.TryTake(processId) is { } text && CpuRecording.Parse(text) is { } parsed)
            {
                recording = parsed;
            }
        }

        if (recording is null || Match(recording, results.Measurements) is not { } result)
        {
            yield break;
        }

        Results[results.BenchmarkCase] = result;
        yield return new Metric(CpuTimeMetricDescriptor.Instance, Median(result.NanosecondsPerOperation));
        if (result.WaitFraction is { } wait)
        {
            yield return new Metric(CpuWaitMetricDescriptor.Instance, wait);
        }
    }

    /// <summary>
    /// The CPU values per operation, when the recording's iterations are exactly BenchmarkDotNet's workload-actual
    /// iterations (same count, same operations each, in order); null otherwise.
    /// </summary>
    internal static CpuTimeResult? Match(CpuRecording recording, IReadOnlyList<Measurement> measurements)
    {
        var actual = measurements
            .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual)
            .OrderBy(m => m.LaunchIndex).ThenBy(m => m.IterationIndex)
            .ToList();
        var iterations = recording.Iterations;
        if (actual.Count == 0 || actual.Count != iterations.Count)
        {
            return null;
        }

        var perOperation = new List<double>(actual.Count);
        var cpuToWall = new List<double>(actual.Count);
        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i].Operations != iterations[i].Operations || iterations[i].Operations <= 0 || iterations[i].CpuNanoseconds < 0)
            {
                return null;
            }

            perOperation.Add((double)iterations[i].CpuNanoseconds / iterations[i].Operations);
            if (actual[i].Nanoseconds > 0)
            {
                cpuToWall.Add(iterations[i].CpuNanoseconds / actual[i].Nanoseconds);
            }
        }

        return new CpuTimeResult(perOperation, recording.WaitFraction, recording.LoadAverage, recording.CpuPressure,
            cpuToWall.Count > 0 ? Median(cpuToWall) : null);
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public void DisplayResults(ILogger logger)
    {
    }

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) => [];
}

/// <summary><c>PerfGuard.CpuTime</c>: median process CPU time per operation of the measured iterations.</summary>
public sealed class CpuTimeMetricDescriptor : IMetricDescriptor
{
    public const string MetricId = PerfGuardContract.CpuTimeMetricId;

    public static CpuTimeMetricDescriptor Instance { get; } = new();

    public string Id => MetricId;

    public string DisplayName => "CPU time/op";

    public string Legend => "Median process CPU time per operation (all threads) of the measured iterations, recorded by PerfGuard";

    public string NumberFormat => "0.###";

    public UnitType UnitType => UnitType.Time;

    public string Unit => "ns";

    public bool TheGreaterTheBetter => false;

    public int PriorityInCategory => 0;

    public bool GetIsAvailable(Metric metric) => true;
}

/// <summary><c>PerfGuard.CpuWait</c>: the share of runnable time the benchmark's threads waited for a core (Linux).</summary>
public sealed class CpuWaitMetricDescriptor : IMetricDescriptor
{
    public const string MetricId = PerfGuardContract.CpuWaitMetricId;

    public static CpuWaitMetricDescriptor Instance { get; } = new();

    public string Id => MetricId;

    public string DisplayName => "CPU wait";

    public string Legend => "Share of the time the benchmark's threads were runnable but waited for a core (0 = the machine was free)";

    public string NumberFormat => "0.00";

    public UnitType UnitType => UnitType.Dimensionless;

    public string Unit => "Fraction";

    public bool TheGreaterTheBetter => false;

    public int PriorityInCategory => 1;

    public bool GetIsAvailable(Metric metric) => true;
}
