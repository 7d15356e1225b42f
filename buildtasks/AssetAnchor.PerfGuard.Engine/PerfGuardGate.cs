using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Budgets;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Model;
using AssetAnchor.PerfGuard.Engine.Reading;
using AssetAnchor.PerfGuard.Engine.Reports;
using AssetAnchor.PerfGuard.Engine.Settings;

namespace AssetAnchor.PerfGuard.Engine;

/// <summary>What to compare. Settings the host leaves unset fall back to perfguard.json, then to the documented defaults.</summary>
public sealed record CompareRequest
{
    public required IReadOnlyList<string> Results { get; init; }

    public required string Baseline { get; init; }

    /// <summary>perfguard.json; when null, the one beside the baseline is used if it exists.</summary>
    public string? Budgets { get; init; }

    /// <summary>The host's settings (MSBuild properties or CLI options): they win over perfguard.json's.</summary>
    public SettingLayer Settings { get; init; } = SettingLayer.None;

    /// <summary>A second results set of the same build: a time regression fails only if it shows there too.</summary>
    public IReadOnlyList<string> ConfirmationResults { get; init; } = [];

    public string? ReportDirectory { get; init; }

    /// <summary>
    /// The file to append the short summary to (GitHub Actions' GITHUB_STEP_SUMMARY); null: none. The host reads its
    /// environment and passes the path: the engine reads no environment variable.
    /// </summary>
    public string? StepSummaryPath { get; init; }
}

public sealed record CompareOutcome(GateReport? Report, IReadOnlyList<Finding> Findings, IReadOnlyList<string> ReportFiles)
{
    /// <summary>0 pass (warnings allowed), 1 regression or broken budget, 2 unusable input.</summary>
    public int ExitCode => Report is null ? 2 : Report.Passed ? 0 : 1;
}

public sealed record UpdateRequest
{
    public required IReadOnlyList<string> Results { get; init; }

    public required string Baseline { get; init; }

    /// <summary>When set, each benchmark must be in exactly this many results files (one file per run).</summary>
    public int? Runs { get; init; }

    /// <summary>Record the checked-out commit (git rev-parse HEAD) in the baseline when it changes.</summary>
    public bool RecordCommit { get; init; } = true;

    /// <summary>Glob patterns over benchmark keys (<c>*PropertyListing*</c>): update only these; empty = all.</summary>
    public IReadOnlyList<string> Filter { get; init; } = [];

    /// <summary>perfguard.json for the threshold that decides "unchanged"; null = the one beside the baseline.</summary>
    public string? Budgets { get; init; }

    /// <summary>The host's settings (MSBuild properties), so that "unchanged" means what the gate means.</summary>
    public SettingLayer Settings { get; init; } = SettingLayer.None;
}

public sealed record UpdateOutcome(Baseline? Baseline, bool Written, IReadOnlyList<string> Changes, Finding? Error);

/// <summary>The two things the CLI and the MSBuild tasks do, with every input error turned into one PG1201.</summary>
public static class PerfGuardGate
{
    public const string BudgetsFileName = "perfguard.json";

    public static CompareOutcome Compare(CompareRequest request)
    {
        try
        {
            var budgetsPath = request.Budgets ?? DefaultBudgetsBeside(request.Baseline);
            var budgets = budgetsPath is null ? BudgetFile.Defaults : BudgetFile.Load(budgetsPath);
            var settings = ResolveSettings(budgets, request.Settings);
            var baseline = BaselineStore.Read(request.Baseline);
            var current = BenchmarkDotNetReader.ReadRun(request.Results);
            var confirmation = request.ConfirmationResults.Count > 0 ? BenchmarkDotNetReader.ReadRun(request.ConfirmationResults) : null;
            var report = Comparer.Compare(baseline, current, budgets, settings, confirmation);
            var files = new List<string>();
            if (!string.IsNullOrWhiteSpace(request.ReportDirectory))
            {
                files.AddRange(ReportWriter.WriteAll(report, request.ReportDirectory));
            }

            if (!string.IsNullOrWhiteSpace(request.StepSummaryPath))
            {
                files.Add(ReportWriter.AppendGitHubStepSummary(report, request.StepSummaryPath));
            }

            return new CompareOutcome(report, report.Findings, files);
        }
        catch (PerfGuardInputException ex)
        {
            return new CompareOutcome(null, [ex.ToFinding()], []);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new CompareOutcome(null, [new PerfGuardInputException(request.ReportDirectory ?? string.Empty, 0, 0, ex.Message).ToFinding()], []);
        }
    }

    public static UpdateOutcome UpdateBaseline(UpdateRequest request)
    {
        try
        {
            var filter = new KeyFilter(request.Filter);
            var runs = BaselineMerge.Select(BenchmarkDotNetReader.ReadRuns(request.Results), filter);
            if (runs.Count == 0)
            {
                throw new PerfGuardInputException(string.Empty, 0, 0,
                    $"no benchmark in the results matches the filter {string.Join(" ", filter.Patterns.Select(p => $"'{p}'"))}");
            }

            var fresh = BaselineBuilder.Build(runs, request.Runs);
            var changes = new List<string>();
            Baseline? previous = null;
            string? previousText = null;
            if (File.Exists(request.Baseline))
            {
                try
                {
                    previous = BaselineStore.Read(request.Baseline);
                    previousText = File.ReadAllText(request.Baseline);
                }
                catch (PerfGuardInputException ex)
                {
                    changes.Add($"the old baseline could not be read ({ex.Reason}); it is replaced");
                }
            }

            var budgetsPath = request.Budgets ?? DefaultBudgetsBeside(request.Baseline);
            var budgets = budgetsPath is null ? BudgetFile.Defaults : BudgetFile.Load(budgetsPath);
            var settings = ResolveSettings(budgets, request.Settings);
            var merge = BaselineMerge.Merge(previous, fresh, runs, filter, budgets, settings);

            // Nothing changed: the committed file stays byte for byte (no new commit line, no new tool version).
            if (previous is not null && previousText is not null
                && BaselineStore.Serialize(With(merge.Baseline, previous.Tool, previous.Commit)) == previousText)
            {
                return new UpdateOutcome(previous, false, ["no change"], null);
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(request.Baseline))!;
            var commit = request.RecordCommit ? BaselineStore.CurrentCommit(Directory.Exists(folder) ? folder : Environment.CurrentDirectory) : null;
            var updated = With(merge.Baseline, merge.Baseline.Tool, commit);
            changes.AddRange(Describe(previous, updated));
            changes.AddRange(Kept(merge.KeptUnchanged));

            var written = BaselineStore.WriteAtomic(request.Baseline, BaselineStore.Serialize(updated));
            return new UpdateOutcome(updated, written, changes, null);
        }
        catch (PerfGuardInputException ex)
        {
            return new UpdateOutcome(null, false, [], ex.ToFinding());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new UpdateOutcome(null, false, [], new PerfGuardInputException(request.Baseline, 0, 0, ex.Message).ToFinding());
        }
    }

    /// <summary>One line per added, removed or changed benchmark, with old -> new numbers.</summary>
    public static IReadOnlyList<string> Describe(Baseline? previous, Baseline updated)
    {
        var lines = new List<string>();
        if (previous is null)
        {
            lines.Add($"new baseline: {updated.Benchmarks.Count} benchmarks, {updated.Runs} run(s)");
            foreach (var entry in updated.Benchmarks)
            {
                lines.Add($"added   {entry.Key}: median {Units.FormatTime(entry.Median)}, {Units.FormatBytes(entry.BytesPerOp)}/op, {Units.FormatCount(entry.RoundTripsPerOp)} round trips/op");
            }

            return lines;
        }

        var differences = updated.Environment.DifferencesFrom(previous.Environment);
        if (differences.Count > 0)
        {
            lines.Add($"environment changed: {string.Join("; ", differences)}");
        }

        foreach (var entry in updated.Benchmarks)
        {
            var old = previous.Find(entry.Key);
            if (old is null)
            {
                lines.Add($"added   {entry.Key}: median {Units.FormatTime(entry.Median)}, {Units.FormatBytes(entry.BytesPerOp)}/op, {Units.FormatCount(entry.RoundTripsPerOp)} round trips/op");
            }
            else if (old.Median != entry.Median || old.BytesPerOp != entry.BytesPerOp || old.BytesPerOpMin != entry.BytesPerOpMin || old.RoundTripsPerOp != entry.RoundTripsPerOp || !SameValues(old, entry))
            {
                lines.Add($"changed {entry.Key}: median {Units.FormatTime(old.Median)} -> {Units.FormatTime(entry.Median)} ({Units.FormatRatio(entry.Median / old.Median)}), "
                    + $"{Units.FormatBytes(old.BytesPerOp)} -> {Units.FormatBytes(entry.BytesPerOp)}/op{SpreadChange(old, entry)}, "
                    + $"round trips {Units.FormatCount(old.RoundTripsPerOp)} -> {Units.FormatCount(entry.RoundTripsPerOp)}/op");
            }
        }

        foreach (var entry in previous.Benchmarks.Where(b => updated.Find(b.Key) is null))
        {
            lines.Add($"removed {entry.Key}: was median {Units.FormatTime(entry.Median)}, {Units.FormatBytes(entry.BytesPerOp)}/op");
        }

        if (lines.Count == 0)
        {
            lines.Add("no change");
        }

        return lines;
    }

    private static string SpreadChange(BaselineEntry old, BaselineEntry entry) =>
        old.BytesPerOpMin == entry.BytesPerOpMin ? string.Empty
        : $" (runs' smallest {Units.FormatBytes(old.BytesPerOpMin)} -> {Units.FormatBytes(entry.BytesPerOpMin)}/op)";

    private static Baseline With(Baseline baseline, string tool, string? commit) => new()
    {
        Tool = tool,
        Commit = commit,
        Environment = baseline.Environment,
        Job = baseline.Job,
        Benchmarks = baseline.Benchmarks,
    };

    private static IEnumerable<string> Kept(IReadOnlyList<string> kept) => kept.Count == 0
        ? []
        : [$"kept    {kept.Count} entr{(kept.Count == 1 ? "y" : "ies")} as committed: the fresh results are within the gate's tolerances ({string.Join(", ", kept)})"];

    private static bool SameValues(BaselineEntry a, BaselineEntry b) => a.PooledValues.SequenceEqual(b.PooledValues);

    /// <summary>Defaults &lt; perfguard.json &lt; the host's settings (one resolver for the CLI, the task and the engine).</summary>
    private static CompareSettings ResolveSettings(BudgetFile budgets, SettingLayer host) =>
        SettingsResolver.Resolve(new CompareSettings(), budgets.Settings, host);

    private static string? DefaultBudgetsBeside(string baseline)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(baseline));
        var candidate = folder is null ? null : Path.Combine(folder, BudgetsFileName);
        return candidate is not null && File.Exists(candidate) ? candidate : null;
    }
}
