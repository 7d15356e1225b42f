using AssetAnchor.PerfGuard.Contract;
using System.Text;
using System.Text.Json;
using AssetAnchor.PerfGuard.BenchmarkDotNet.CpuTime;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet;

/// <summary>
/// Writes <c>&lt;title&gt;-perfguard.json</c> beside <c>&lt;title&gt;-report-full.json</c> (contract 3): the categories of
/// every benchmark, keyed by the same FullName the full JSON uses, because the full JSON carries no categories; and,
/// when the CPU-time diagnoser recorded them, the CPU time per operation of every measured iteration and the
/// contention measured around them (the full JSON's metrics hold one number per benchmark, the gate needs them all).
/// </summary>
public sealed class PerfGuardCategoriesExporter : ExporterBase
{
    public const string Schema = PerfGuardContract.SidecarSchema;

    public static PerfGuardCategoriesExporter Default { get; } = new();

    protected override string FileExtension => "json";

    protected override string FileCaption => PerfGuardContract.SidecarCaption;

    public override void ExportToLog(Summary summary, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(logger);
        logger.Write(Serialize(summary));
    }

    internal static string Serialize(Summary summary)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", Schema);
            writer.WriteStartArray("benchmarks");
            foreach (var report in summary.Reports)
            {
                writer.WriteStartObject();
                writer.WriteString("fullName", FullNameProvider.GetBenchmarkName(report.BenchmarkCase));
                writer.WriteStartArray("categories");
                foreach (var category in report.BenchmarkCase.Descriptor.Categories)
                {
                    writer.WriteStringValue(category);
                }

                writer.WriteEndArray();
                WriteCpuTime(writer, CpuTimeDiagnoser.ResultFor(report.BenchmarkCase));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteCpuTime(Utf8JsonWriter writer, CpuTimeResult? cpu)
    {
        if (cpu is null)
        {
            return;
        }

        writer.WriteStartArray(PerfGuardContract.Sidecar.CpuNanosecondsPerOperation);
        foreach (var value in cpu.NanosecondsPerOperation)
        {
            writer.WriteNumberValue(Math.Round(value, 3));
        }

        writer.WriteEndArray();
        writer.WriteStartObject(PerfGuardContract.Sidecar.Contention);
        Optional(PerfGuardContract.Sidecar.WaitFraction, cpu.WaitFraction);
        Optional(PerfGuardContract.Sidecar.LoadAverage, cpu.LoadAverage);
        Optional(PerfGuardContract.Sidecar.CpuPressure, cpu.CpuPressure);
        Optional(PerfGuardContract.Sidecar.CpuToWall, cpu.CpuToWall);
        writer.WriteEndObject();

        void Optional(string name, double? value)
        {
            if (value is { } v && double.IsFinite(v))
            {
                writer.WriteNumber(name, Math.Round(v, 4));
            }
        }
    }
}
