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

    private readonly ConcurrentDictionary<BenchmarkCase, int> processIds = new();

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
            processIds[parameters.BenchmarkCase] = process.Id;
            RoundTripChannel.Discard(process.Id);
        }
    }

    public IEnumerable<Metric> ProcessResults(DiagnoserResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (!processIds.TryRemove(results.BenchmarkCase, out var processId))
        {
            processId = Environment.ProcessId;
        }

        if (RoundTripChannel.TryTake(processId) is { Operations: > 0 } totals)
        {
            yield return new Metric(DbRoundTripsMetricDescriptor.Instance, (double)totals.Commands / totals.Operations);
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
    public const string MetricId = "PerfGuard.DbRoundTrips";

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
