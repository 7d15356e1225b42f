using AssetAnchor.PerfGuard.Contract;
using System.Collections.Concurrent;
using BenchmarkDotNet.Analysers;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet.RoundTrips;

/// <summary>
/// Reports database round trips per operation as the metric <c>PerfGuard.DbRoundTrips</c>: a column in the summary
/// table and an entry in each benchmark's Metrics in the full JSON. The count comes from
/// <see cref="DbRoundTripInterceptor"/> in the benchmark process, over the actual workload iterations only, so it is
/// exact for deterministic code. Benchmarks whose DbContext does not use the interceptor get no value.
/// </summary>
public sealed class DbRoundTripsDiagnoser : IDiagnoser
{
    public const string DiagnoserId = "PerfGuardDbRoundTrips";

    // The benchmark processes of a case this diagnoser watched (BenchmarkDotNet 0.15.8 attaches it to the last launch).
    private readonly ConcurrentDictionary<BenchmarkCase, ConcurrentQueue<int>> processIds = new();

    public static DbRoundTripsDiagnoser Default { get; } = new();

    public IEnumerable<string> Ids => [DiagnoserId];

    public IEnumerable<IExporter> Exporters => [];

    public IEnumerable<IAnalyser> Analysers => [];

    public RunMode GetRunMode(BenchmarkCase benchmarkCase) => RunMode.NoOverhead;

    public void Handle(HostSignal signal, DiagnoserActionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (signal == HostSignal.BeforeAnythingElse && parameters.Process is { } process)
        {
            processIds.GetOrAdd(parameters.BenchmarkCase, _ => new ConcurrentQueue<int>()).Enqueue(process.Id);
            RoundTripChannel.Discard(process.Id);
            RoundTripChannel.Request(process.Id);
        }
    }

    public IEnumerable<Metric> ProcessResults(DiagnoserResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        IEnumerable<int> launches = processIds.TryRemove(results.BenchmarkCase, out var ids) ? ids : [Environment.ProcessId];

        // Sum over the watched processes that reported (each file is read once and deleted).
        long commands = 0, operations = 0;
        foreach (var processId in launches.Distinct())
        {
            if (RoundTripChannel.TryTake(processId) is { } totals)
            {
                commands += totals.Commands;
                operations += totals.Operations;
            }
        }

        if (operations > 0)
        {
            yield return new Metric(DbRoundTripsMetricDescriptor.Instance, (double)commands / operations);
        }
    }

    public void DisplayResults(ILogger logger)
    {
    }

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) => [];
}

/// <summary>The metric of contract 1: <c>Descriptor.Id == "PerfGuard.DbRoundTrips"</c>, value = round trips per operation.</summary>
public sealed class DbRoundTripsMetricDescriptor : IMetricDescriptor
{
    public const string MetricId = PerfGuardContract.RoundTripsMetricId;

    public static DbRoundTripsMetricDescriptor Instance { get; } = new();

    public string Id => MetricId;

    public string DisplayName => "Round trips/op";

    public string Legend => "Database round trips (commands EF Core executed) per operation, counted by PerfGuard's interceptor";

    public string NumberFormat => "0.##";

    public UnitType UnitType => UnitType.Dimensionless;

    public string Unit => "Count";

    public bool TheGreaterTheBetter => false;

    public int PriorityInCategory => 0;

    public bool GetIsAvailable(Metric metric) => true;
}
