using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;

namespace AssetAnchor.PerfGuard.BenchmarkDotNet;

/// <summary>
/// Writes <c>&lt;title&gt;-perfguard.json</c> beside <c>&lt;title&gt;-report-full.json</c> (contract 3): the categories of
/// every benchmark, keyed by the same FullName the full JSON uses, because the full JSON carries no categories.
/// </summary>
public sealed class PerfGuardCategoriesExporter : ExporterBase
{
    public const string Schema = "perfguard-benchmarks/1";

    public static PerfGuardCategoriesExporter Default { get; } = new();

    protected override string FileExtension => "json";

    protected override string FileCaption => "perfguard";

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
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
