using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Diagnostics;

namespace AssetAnchor.PerfGuard.Engine.Tests;

public sealed class BaselineTests
{
    [Fact]
    public void Updating_twice_from_the_same_results_gives_a_byte_identical_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("baseline.json");
        UpdateRequest request = new() { Results = [Fixtures.Run("baseline-run1"), Fixtures.Run("baseline-run2")], Baseline = path, Runs = 2 };

        var first = PerfGuardGate.UpdateBaseline(request);
        var bytes = File.ReadAllBytes(path);
        var second = PerfGuardGate.UpdateBaseline(request);

        Assert.True(first.Written);
        Assert.False(second.Written); // nothing to rewrite
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(["no change"], second.Changes);
    }

    [Fact]
    public void A_baseline_read_back_serializes_to_the_same_text()
    {
        using var folder = new TempFolder();
        var path = folder.File("baseline.json");
        var text = BaselineStore.Serialize(Fixtures.BaselineFrom("baseline-run1", "baseline-run2", "baseline-run3"));
        File.WriteAllText(path, text);

        Assert.Equal(text, BaselineStore.Serialize(BaselineStore.Read(path)));
    }

    [Fact]
    public void The_file_is_sorted_rounded_and_free_of_timestamps()
    {
        var baseline = Fixtures.BaselineFrom("baseline-run1");
        var text = BaselineStore.Serialize(baseline);

        Assert.Equal(baseline.Benchmarks.Select(b => b.Key).Order(StringComparer.Ordinal), baseline.Benchmarks.Select(b => b.Key));
        Assert.DoesNotContain("2026", text, StringComparison.Ordinal);
        // 4 significant digits: no value in the file has more than 4 digits after the first non-zero one,
        // except integers (values of 10,000 ns and above keep their whole part).
        foreach (var value in baseline.Benchmarks.SelectMany(b => b.PooledValues))
        {
            Assert.Equal(value, Comparison.Units.RoundSignificant(value, 4));
        }

        Assert.Contains("\"job\": \"IterationCount=25, IterationTime=100ms, LaunchCount=1, RunStrategy=Throughput, WarmupCount=3\"", text, StringComparison.Ordinal);
        Assert.Contains("\"cpu\": \"AMD EPYC\"", text, StringComparison.Ordinal);
        Assert.Contains("\"benchmarkDotNet\": \"0.15.8\"", text, StringComparison.Ordinal);
        Assert.Contains("\"tool\": \"perfguard ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pooling_keeps_each_run_and_its_median()
    {
        var baseline = Fixtures.BaselineFrom("baseline-run1", "baseline-run2", "baseline-run3");

        Assert.Equal(3, baseline.Runs);
        var entry = baseline.Find(Fixtures.SumArray100)!;
        Assert.Equal(3, entry.RunValues.Count);
        Assert.Equal(3, entry.RunMedians.Count);
        Assert.Equal(entry.RunValues.Sum(v => v.Count), entry.PooledValues.Count);
        Assert.InRange(entry.RunMedians.Max() / entry.RunMedians.Min(), 1.0, 1.2); // README: 46.3, 43.8, 44.2 ns
    }

    [Fact]
    public void A_folder_with_the_compressed_full_report_is_read_and_never_twice()
    {
        using var folder = new TempFolder();
        var title = "AssetAnchor.PerfGuard.SelfBenchmarks.GateFixtureBenchmarks";
        // BenchmarkDotNet's plain 'json' exporter: the same full report without whitespace.
        using (var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Fixtures.File("repeat"))))
        {
            File.WriteAllText(folder.File(title + "-report-full-compressed.json"), System.Text.Json.JsonSerializer.Serialize(document.RootElement));
        }

        var compressedOnly = Reading.BenchmarkDotNetReader.ReadRun([folder.Path]);
        File.Copy(Fixtures.File("repeat"), folder.File(title + "-report-full.json"));
        var both = Reading.BenchmarkDotNetReader.ReadRun([folder.Path]);

        Assert.Equal(6, compressedOnly.Benchmarks.Count);
        Assert.Equal(Fixtures.Read("repeat").Benchmarks[Fixtures.SumArray100].NanosecondsPerOperation, compressedOnly.Benchmarks[Fixtures.SumArray100].NanosecondsPerOperation);
        Assert.Equal([folder.File(title + "-report-full.json")], both.SourceFiles);
    }

    [Fact]
    public void A_wrong_run_count_is_refused()
    {
        using var folder = new TempFolder();

        var outcome = PerfGuardGate.UpdateBaseline(new UpdateRequest { Results = [Fixtures.Run("baseline-run1"), Fixtures.Run("baseline-run2")], Baseline = folder.File("b.json"), Runs = 3 });

        Assert.Equal(BuildCodes.UnreadableInput, outcome.Error!.Code);
        Assert.Contains("--runs 3 expects each benchmark in 3 results files", outcome.Error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("b.json")));
    }

    [Fact]
    public void A_writer_that_fails_midway_leaves_the_old_baseline_whole_and_no_temporary_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("baseline.json");
        var old = BaselineStore.Serialize(Fixtures.BaselineFrom("baseline-run1"));
        BaselineStore.WriteAtomic(path, old);
        var replacement = BaselineStore.Serialize(Fixtures.BaselineFrom("slower"));

        Assert.Throws<IOException>(() => BaselineStore.WriteAtomic(path, replacement, (stream, bytes) =>
        {
            stream.Write(bytes, 0, bytes.Length / 2);
            throw new IOException("disk full (simulated)");
        }));

        Assert.Equal(old, File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Update_prints_added_removed_and_changed_benchmarks_with_old_and_new_numbers()
    {
        var before = Fixtures.BaselineFrom("baseline-run1");
        var after = Fixtures.BaselineFrom("allocates");
        var shrunk = new Baseline { Tool = before.Tool, Job = before.Job, Environment = before.Environment, Benchmarks = before.Benchmarks.Where(b => b.Key != Fixtures.Lookup100).ToList() };
        var grown = new Baseline { Tool = after.Tool, Job = after.Job, Environment = after.Environment, Benchmarks = after.Benchmarks.Where(b => b.Key != Fixtures.SumArray100).ToList() };

        var lines = PerfGuardGate.Describe(shrunk, grown);

        Assert.Contains(lines, l => l.StartsWith("added   " + Fixtures.Lookup100, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("removed " + Fixtures.SumArray100, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("changed " + Fixtures.BuildKey100, StringComparison.Ordinal) && l.Contains("56 B -> 336 B/op", StringComparison.Ordinal));
    }

    [Fact]
    public void The_commit_is_recorded_when_git_is_there()
    {
        // The test runs inside this repository's worktree, so git knows a commit for the output folder.
        var commit = BaselineStore.CurrentCommit(AppContext.BaseDirectory);

        Assert.True(commit is null || commit.Length == 40);
        Assert.Null(BaselineStore.CurrentCommit(Path.GetTempPath()));
    }

    [Fact]
    public void Updating_again_after_a_new_commit_leaves_the_file_and_its_commit_line_alone()
    {
        using var folder = new TempFolder();
        Git(folder.Path, "init", "-q");
        Git(folder.Path, "commit", "-q", "--allow-empty", "-m", "first");
        var path = folder.File("baseline.json");
        UpdateRequest request = new() { Results = [Fixtures.Run("baseline-run1")], Baseline = path };

        Assert.True(PerfGuardGate.UpdateBaseline(request).Written);
        var bytes = File.ReadAllBytes(path);
        Assert.Contains($"\"commit\": \"{BaselineStore.CurrentCommit(folder.Path)}\"", File.ReadAllText(path), StringComparison.Ordinal);
        Git(folder.Path, "commit", "-q", "--allow-empty", "-m", "second");
        var again = PerfGuardGate.UpdateBaseline(request);

        Assert.False(again.Written);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal("no change", again.Changes[0]);
    }

    [Fact]
    public void Accepting_one_change_keeps_the_committed_entries_of_the_unchanged_benchmarks()
    {
        using var folder = new TempFolder();
        var path = folder.File("baseline.json");
        Assert.True(PerfGuardGate.UpdateBaseline(new UpdateRequest { Results = [Fixtures.Run("baseline-run1")], Baseline = path, RecordCommit = false }).Written);
        var before = BaselineStore.Read(path);

        // The "allocates" run: BuildKey allocates more; the other benchmarks measured again, with fresh noise.
        var outcome = PerfGuardGate.UpdateBaseline(new UpdateRequest { Results = [Fixtures.Run("allocates")], Baseline = path, RecordCommit = false });
        var after = BaselineStore.Read(path);

        Assert.True(outcome.Written);
        Assert.NotEqual(Entry(before, Fixtures.BuildKey100), Entry(after, Fixtures.BuildKey100));
        Assert.Equal(Entry(before, Fixtures.Lookup100), Entry(after, Fixtures.Lookup100));
        Assert.Equal(Entry(before, Fixtures.Lookup1000), Entry(after, Fixtures.Lookup1000));
        Assert.Contains(outcome.Changes, l => l.StartsWith("kept ", StringComparison.Ordinal) && l.Contains(Fixtures.Lookup100, StringComparison.Ordinal));
        Assert.DoesNotContain(outcome.Changes, l => l.StartsWith("changed " + Fixtures.Lookup100, StringComparison.Ordinal));
    }

    [Fact]
    public void A_filter_updates_only_the_benchmarks_it_names()
    {
        using var folder = new TempFolder();
        var path = folder.File("baseline.json");
        PerfGuardGate.UpdateBaseline(new UpdateRequest { Results = [Fixtures.Run("baseline-run1")], Baseline = path, RecordCommit = false });
        var before = BaselineStore.Read(path);

        var outcome = PerfGuardGate.UpdateBaseline(new UpdateRequest
        {
            Results = [Fixtures.Run("allocates")],
            Baseline = path,
            RecordCommit = false,
            Filter = ["*buildkey(length: 100)"],
        });
        var after = BaselineStore.Read(path);

        Assert.True(outcome.Written);
        Assert.NotEqual(Entry(before, Fixtures.BuildKey100), Entry(after, Fixtures.BuildKey100));
        // BuildKey(Length: 1000) allocates more too, but the filter leaves it as committed.
        Assert.Equal(Entry(before, Fixtures.BuildKey1000), Entry(after, Fixtures.BuildKey1000));
        Assert.Equal(before.Benchmarks.Select(b => b.Key), after.Benchmarks.Select(b => b.Key));
    }

    [Fact]
    public void A_filter_that_matches_nothing_is_PG1201_and_leaves_the_baseline_alone()
    {
        using var folder = new TempFolder();
        var path = folder.File("baseline.json");
        PerfGuardGate.UpdateBaseline(new UpdateRequest { Results = [Fixtures.Run("baseline-run1")], Baseline = path, RecordCommit = false });
        var bytes = File.ReadAllBytes(path);

        var outcome = PerfGuardGate.UpdateBaseline(new UpdateRequest { Results = [Fixtures.Run("allocates")], Baseline = path, Filter = ["*NoSuchBenchmark*"] });

        Assert.Equal(BuildCodes.UnreadableInput, outcome.Error?.Code);
        Assert.Contains("'*NoSuchBenchmark*'", outcome.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    /// <summary>An entry as it is written, so two entries compare by every value they hold.</summary>
    private static string Entry(Baseline baseline, string key)
    {
        var entry = baseline.Find(key)!;
        return string.Join("|", entry.Median, entry.P95, entry.BytesPerOp, entry.RoundTripsPerOp, string.Join(",", entry.PooledValues));
    }

    private static void Git(string folder, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-c", "user.name=PerfGuard tests", "-c", "user.email=tests@example.invalid", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {process.StandardError.ReadToEnd()}");
    }
}
