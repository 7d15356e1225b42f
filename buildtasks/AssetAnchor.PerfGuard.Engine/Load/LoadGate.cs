using AssetAnchor.PerfGuard.Engine.Baselines;
using AssetAnchor.PerfGuard.Engine.Budgets;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Settings;

namespace AssetAnchor.PerfGuard.Engine.Load;

public sealed record LoadCompareRequest
{
    public required IReadOnlyList<string> Results { get; init; }

    /// <summary>The committed load baseline; null compares with the budgets only.</summary>
    public string? Baseline { get; init; }

    public string? Budgets { get; init; }

    /// <summary>
    /// The host's settings (threshold, run noise, minimum run noise, significance). The threshold defaults to
    /// <see cref="LoadComparer.DefaultThreshold"/>: perfguard.json's threshold is for benchmarks.
    /// </summary>
    public SettingLayer Settings { get; init; } = SettingLayer.None;

    public string? ReportDirectory { get; init; }
}

public sealed record LoadCompareOutcome(LoadGateReport? Report, IReadOnlyList<Finding> Findings, IReadOnlyList<string> ReportFiles)
{
    public int ExitCode => Report is null ? 2 : Report.Passed ? 0 : 1;
}

public sealed record LoadUpdateOutcome(LoadBaseline? Baseline, bool Written, IReadOnlyList<string> Changes, Finding? Error);

/// <summary>The endpoint load gate's two commands, every input error turned into one PG1201 (like <see cref="PerfGuardGate"/>).</summary>
public static class LoadGate
{
    public static LoadCompareOutcome Compare(LoadCompareRequest request)
    {
        try
        {
            var budgetsPath = request.Budgets ?? (request.Baseline is null ? null : Beside(request.Baseline));
            var budgets = budgetsPath is null ? BudgetFile.Defaults : BudgetFile.Load(budgetsPath);
            var settings = ResolveSettings(budgets, request.Settings);
            var baseline = request.Baseline is null ? null : LoadBaseline.Read(request.Baseline);
            var current = LoadResultsFile.Read(request.Results);
            var report = LoadComparer.Compare(baseline, current, budgets, settings);
            var files = new List<string>();
            if (!string.IsNullOrWhiteSpace(request.ReportDirectory))
            {
                files.Add(LoadReport.Write(report, request.ReportDirectory));
            }

            return new LoadCompareOutcome(report, report.Findings, files);
        }
        catch (PerfGuardInputException ex)
        {
            return new LoadCompareOutcome(null, [ex.ToFinding()], []);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LoadCompareOutcome(null, [new PerfGuardInputException(request.ReportDirectory ?? string.Empty, 0, 0, ex.Message).ToFinding()], []);
        }
    }

    public static LoadUpdateOutcome UpdateBaseline(IReadOnlyList<string> results, string baselinePath, bool recordCommit = true)
    {
        try
        {
            var runs = LoadResultsFile.ReadRuns(results);
            var folder = Path.GetDirectoryName(Path.GetFullPath(baselinePath))!;
            var commit = recordCommit ? BaselineStore.CurrentCommit(Directory.Exists(folder) ? folder : Environment.CurrentDirectory) : null;
            var updated = LoadBaseline.Build(runs, commit);
            var changes = new List<string>();
            LoadBaseline? previous = null;
            if (File.Exists(baselinePath))
            {
                try
                {
                    previous = LoadBaseline.Read(baselinePath);
                }
                catch (PerfGuardInputException ex)
                {
                    changes.Add($"the old load baseline could not be read ({ex.Reason}); it is replaced");
                }
            }

            foreach (var entry in updated.Endpoints)
            {
                var old = previous?.Find(entry.Key);
                var now = $"p50 {Units.FormatTime(entry.P50)}, p95 {Units.FormatTime(entry.P95)}, {Units.Format(entry.RequestsPerSecond)} req/s, errors {Units.FormatPercent(entry.ErrorRate)}";
                changes.Add(old is null
                    ? $"added   {entry.Key}: {now}"
                    : $"updated {entry.Key}: p50 {Units.FormatTime(old.P50)} -> {Units.FormatTime(entry.P50)}, p95 {Units.FormatTime(old.P95)} -> {Units.FormatTime(entry.P95)}, req/s {Units.Format(old.RequestsPerSecond)} -> {Units.Format(entry.RequestsPerSecond)}");
            }

            foreach (var entry in previous?.Endpoints.Where(e => updated.Find(e.Key) is null) ?? [])
            {
                changes.Add($"removed {entry.Key}");
            }

            return new LoadUpdateOutcome(updated, updated.WriteAtomic(baselinePath), changes, null);
        }
        catch (PerfGuardInputException ex)
        {
            return new LoadUpdateOutcome(null, false, [], ex.ToFinding());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LoadUpdateOutcome(null, false, [], new PerfGuardInputException(baselinePath, 0, 0, ex.Message).ToFinding());
        }
    }

    /// <summary>Defaults &lt; perfguard.json's noise and significance &lt; the host's settings (the one resolver of the gate).</summary>
    private static CompareSettings ResolveSettings(BudgetFile budgets, SettingLayer host) => SettingsResolver.Resolve(
        new CompareSettings { Threshold = LoadComparer.DefaultThreshold },
        budgets.Settings.Only(Setting.RunNoise, Setting.MinimumRunNoise, Setting.Significance),
        host.Only(Setting.Threshold, Setting.RunNoise, Setting.MinimumRunNoise, Setting.Significance));

    private static string? Beside(string baseline)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(baseline));
        var candidate = folder is null ? null : Path.Combine(folder, PerfGuardGate.BudgetsFileName);
        return candidate is not null && File.Exists(candidate) ? candidate : null;
    }
}
