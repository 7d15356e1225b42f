using System.Text;
using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Diagnostics;

namespace AssetAnchor.PerfGuard.Engine.Tests;

/// <summary>Every kind of unusable input gives exactly one PG1201 with path and position, never an exception.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _baseline;

    public BadInputTests()
    {
        _baseline = _folder.File("baseline.json");
        BaselineStore.WriteAtomic(_baseline, BaselineStore.Serialize(Fixtures.BaselineFrom("baseline-run1")));
    }

    public void Dispose() => _folder.Dispose();

    private static string RealJson => File.ReadAllText(Fixtures.File("repeat"));

    private Finding CompareResults(string content, string name = "broken-report-full.json")
    {
        var path = _folder.File(name);
        File.WriteAllText(path, content);
        return SingleError(PerfGuardGate.Compare(new CompareRequest { Results = [path], Baseline = _baseline }), path);
    }

    private static Finding SingleError(CompareOutcome outcome, string path)
    {
        Assert.Null(outcome.Report);
        Assert.Equal(2, outcome.ExitCode);
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(BuildCodes.UnreadableInput, finding.Code);
        Assert.True(finding.IsError);
        Assert.Equal(path, finding.File);
        Assert.DoesNotContain("   at ", finding.Message, StringComparison.Ordinal);
        Assert.Contains(path, finding.Message, StringComparison.Ordinal);
        return finding;
    }

    [Fact]
    public void A_truncated_file_reports_the_line_where_it_ends()
    {
        var json = RealJson;
        var cut = json[..(json.Length / 2)];

        var finding = CompareResults(cut);

        Assert.Equal(cut.Count(c => c == '\n') + 1, finding.Line);
        Assert.Contains($"at line {finding.Line}, column {finding.Column}: ", finding.Message, StringComparison.Ordinal);
        // The position once, 1-based: not System.Text.Json's own 0-based "LineNumber: n | BytePositionInLine: m" too.
        Assert.DoesNotContain("LineNumber", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_json_is_reported_at_line_1()
    {
        var finding = CompareResults("BenchmarkDotNet v0.15.8, Linux\n| Method | Mean |\n");

        Assert.Equal(1, finding.Line);
        Assert.Equal(1, finding.Column);
    }

    [Fact]
    public void An_empty_file_is_reported()
    {
        Assert.Contains("the file is empty", CompareResults(string.Empty).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_FullName_is_reported_with_its_json_path_and_line()
    {
        var json = RealJson;
        var first = json.IndexOf("\"FullName\"", StringComparison.Ordinal);
        var broken = json[..first] + "\"FullNam\"" + json[(first + "\"FullName\"".Length)..];

        var finding = CompareResults(broken);

        Assert.Contains("$.Benchmarks[0]: the required property 'FullName' is missing", finding.Message, StringComparison.Ordinal);
        // The line of the first benchmark object, which holds the missing property.
        var benchmarksAt = json.IndexOf("\"Benchmarks\"", StringComparison.Ordinal);
        var objectAt = json.IndexOf('{', benchmarksAt);
        Assert.Equal(json[..objectAt].Count(c => c == '\n') + 1, finding.Line);
    }

    [Fact]
    public void NaN_written_as_a_string_is_reported()
    {
        var json = RealJson;
        // The first measurement the gate uses: Workload/Result (Overhead and Warmup values are not read).
        var result = json.IndexOf("\"IterationStage\":\"Result\"", StringComparison.Ordinal);
        var at = json.IndexOf("\"Nanoseconds\":", result, StringComparison.Ordinal) + "\"Nanoseconds\":".Length;
        var end = json.IndexOfAny([',', '}'], at);
        var broken = json[..at] + " \"NaN\"" + json[end..];

        var finding = CompareResults(broken);

        Assert.Contains("expected a number", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Nanoseconds", finding.Message, StringComparison.Ordinal);
        Assert.Equal(broken[..at].Count(c => c == '\n') + 1, finding.Line);
    }

    [Fact]
    public void A_bare_NaN_token_is_a_syntax_error_with_position()
    {
        var json = RealJson;
        var at = json.IndexOf("\"Nanoseconds\":", StringComparison.Ordinal) + "\"Nanoseconds\":".Length;
        var end = json.IndexOfAny([',', '}'], at);

        var finding = CompareResults(json[..at] + " NaN" + json[end..]);

        Assert.True(finding.Line > 1);
    }

    [Fact]
    public void A_benchmark_without_measurements_is_reported()
    {
        var json = RealJson.Replace("\"IterationStage\": \"Result\"", "\"IterationStage\": \"Dropped\"", StringComparison.Ordinal)
            .Replace("\"IterationStage\":\"Result\"", "\"IterationStage\":\"Dropped\"", StringComparison.Ordinal);

        var finding = CompareResults(json);

        Assert.Contains("has no Workload/Result measurements", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_benchmark_listed_twice_is_a_duplicate_key()
    {
        var json = RealJson;
        var fullName = "\"FullName\":\"" + Fixtures.BuildKey100 + "\"";
        var other = "\"FullName\":\"" + Fixtures.Lookup100 + "\"";
        Assert.Contains(fullName, json, StringComparison.Ordinal); // the fixture's own spelling

        var finding = CompareResults(json.Replace(other, fullName, StringComparison.Ordinal));

        Assert.Contains($"duplicate benchmark '{Fixtures.BuildKey100}'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_json_property_is_reported()
    {
        var finding = CompareResults("""
            {
              "Benchmarks": [],
              "Benchmarks": []
            }
            """);

        Assert.Equal(3, finding.Line);
        Assert.Contains("'Benchmarks' appears twice", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_benchmark_in_two_files_of_one_run_is_reported()
    {
        var copy = _folder.File("copy-report-full.json");
        File.Copy(Fixtures.File("repeat"), copy);

        var outcome = PerfGuardGate.Compare(new CompareRequest { Results = [Fixtures.File("repeat"), copy], Baseline = _baseline });

        var finding = SingleError(outcome, copy);
        Assert.Contains("is also in", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_baseline_is_reported_with_its_position()
    {
        File.WriteAllText(_baseline, "{\n  \"schema\": \"perfguard-baseline/1\",\n  \"environment\": 42\n}\n");

        var outcome = PerfGuardGate.Compare(new CompareRequest { Results = [Fixtures.Run("repeat")], Baseline = _baseline });

        var finding = SingleError(outcome, _baseline);
        Assert.Equal(3, finding.Line);
        Assert.Contains("$.environment: expected an object", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_baseline_is_reported()
    {
        File.Delete(_baseline);

        SingleError(PerfGuardGate.Compare(new CompareRequest { Results = [Fixtures.Run("repeat")], Baseline = _baseline }), _baseline);
    }

    [Fact]
    public void A_folder_without_full_json_is_reported()
    {
        var empty = Directory.CreateDirectory(_folder.File("empty")).FullName;

        var finding = SingleError(PerfGuardGate.Compare(new CompareRequest { Results = [empty], Baseline = _baseline }), empty);

        Assert.Contains("--exporters fulljson", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_sidecar_is_reported()
    {
        var results = Directory.CreateDirectory(_folder.File("results")).FullName;
        File.Copy(Fixtures.File("repeat"), Path.Combine(results, Fixtures.FileName));
        var sidecar = Path.Combine(results, "AssetAnchor.PerfGuard.SelfBenchmarks.GateFixtureBenchmarks-perfguard.json");
        File.WriteAllText(sidecar, """{"schema":"perfguard-benchmarks/1","benchmarks":[{"fullName":"x","categories":"Read"}]}""", Encoding.UTF8);

        var finding = SingleError(PerfGuardGate.Compare(new CompareRequest { Results = [results], Baseline = _baseline }), sidecar);

        Assert.Contains("$.benchmarks[0].categories: expected an array", finding.Message, StringComparison.Ordinal);
    }
}
