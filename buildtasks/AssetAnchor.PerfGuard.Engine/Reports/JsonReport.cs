using System.Text;
using System.Text.Json;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;

namespace AssetAnchor.PerfGuard.Engine.Reports;

/// <summary>The comparison for machines: schema "perfguard-report/1", every number unrounded.</summary>
public static class JsonReport
{
    public const string SchemaId = "perfguard-report/1";

    public static string Render(GateReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("schema", SchemaId);
            json.WriteBoolean("passed", report.Passed);
            json.WriteNumber("errors", report.Findings.Count(f => f.IsError));
            json.WriteNumber("warnings", report.Findings.Count(f => f.Severity == FindingSeverity.Warning));
            json.WriteString("baseline", report.Baseline.Path);
            json.WriteString("budgets", report.Budgets.Path);
            json.WriteStartArray("results");
            foreach (var file in report.Current.SourceFiles)
            {
                json.WriteStringValue(file);
            }

            json.WriteEndArray();
            json.WriteString("threshold", report.Settings.Threshold.ToString());
            json.WriteNumber("significance", report.Settings.Significance);
            json.WriteBoolean("environmentMatches", report.EnvironmentDifferences.Count == 0);
            json.WriteStartArray("environmentDifferences");
            foreach (var difference in report.EnvironmentDifferences)
            {
                json.WriteStringValue(difference);
            }

            json.WriteEndArray();
            json.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                WriteFinding(json, finding);
            }

            json.WriteEndArray();
            json.WriteStartArray("benchmarks");
            foreach (var row in report.Benchmarks)
            {
                json.WriteStartObject();
                json.WriteString("key", row.Key);
                json.WriteString("verdict", ReportText.Verdict(row));
                json.WriteStartArray("categories");
                foreach (var category in row.Categories)
                {
                    json.WriteStringValue(category);
                }

                json.WriteEndArray();
                if (row.Baseline is { } b)
                {
                    json.WriteStartObject("baseline");
                    Number(json, "medianNs", b.Median);
                    Number(json, "p95Ns", b.P95);
                    Number(json, "p99Ns", b.P99);
                    Number(json, "bytesPerOp", b.BytesPerOp);
                    Number(json, "roundTripsPerOp", b.RoundTripsPerOp);
                    json.WriteNumber("runs", b.RunValues.Count);
                    json.WriteEndObject();
                }

                if (row.Current is { } c)
                {
                    json.WriteStartObject("current");
                    Number(json, "medianNs", c.Quantiles.Median);
                    Number(json, "p95Ns", c.Quantiles.P95);
                    Number(json, "p99Ns", c.Quantiles.P99);
                    Number(json, "bytesPerOp", c.BytesAllocatedPerOperation);
                    Number(json, "roundTripsPerOp", c.RoundTripsPerOperation);
                    json.WriteNumber("values", c.NanosecondsPerOperation.Count);
                    json.WriteString("file", c.SourceFile);
                    json.WriteEndObject();
                }

                if (row.Time is { } t)
                {
                    json.WriteStartObject("time");
                    json.WriteString("status", t.Status.ToString());
                    Number(json, "ratio", t.Ratio);
                    Number(json, "pValue", t.PValue);
                    Number(json, "relativeThreshold", t.RelativeThreshold);
                    Number(json, "absoluteThresholdNs", t.AbsoluteThreshold);
                    Number(json, "runNoise", t.RunNoise);
                    Number(json, "measuredRunNoise", t.MeasuredNoise);
                    Number(json, "confirmationRatio", t.ConfirmationRatio);
                    Number(json, "confirmationPValue", t.ConfirmationPValue);
                    json.WriteEndObject();
                }

                if (row.Cpu is { } cpu)
                {
                    json.WriteStartObject("cpuTime");
                    json.WriteString("status", cpu.Status.ToString());
                    Number(json, "baselineMedianNs", cpu.BaselineMedian);
                    Number(json, "currentMedianNs", cpu.CurrentMedian);
                    Number(json, "ratio", cpu.Ratio);
                    Number(json, "pValue", cpu.PValue);
                    Number(json, "relativeThreshold", cpu.RelativeThreshold);
                    Number(json, "runNoise", cpu.RunNoise);
                    Number(json, "measuredRunNoise", cpu.MeasuredNoise);
                    json.WriteEndObject();
                }

                if (row.Current?.Contention is { } contention)
                {
                    json.WriteStartObject("contention");
                    Number(json, "waitFraction", contention.WaitFraction);
                    Number(json, "loadAverage", contention.LoadAverage);
                    Number(json, "cpuPressure", contention.CpuPressure);
                    Number(json, "cpuToWall", contention.CpuToWall);
                    json.WriteBoolean("busy", row.MeasuredBusy);
                    json.WriteEndObject();
                }

                json.WriteStartArray("findings");
                foreach (var finding in row.Findings)
                {
                    WriteFinding(json, finding);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("code", finding.Code);
        json.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
        json.WriteString("file", finding.File);
        json.WriteNumber("line", finding.Line);
        json.WriteString("message", finding.Message);
        if (finding.BenchmarkKey is not null)
        {
            json.WriteString("benchmark", finding.BenchmarkKey);
        }

        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
