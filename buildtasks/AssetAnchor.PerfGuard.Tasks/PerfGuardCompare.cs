using AssetAnchor.PerfGuard.Engine;
using AssetAnchor.PerfGuard.Engine.Comparison;
using AssetAnchor.PerfGuard.Engine.Diagnostics;
using AssetAnchor.PerfGuard.Engine.Reports;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace AssetAnchor.PerfGuard.Tasks;

/// <summary>
/// Compares BenchmarkDotNet results with the committed baseline and budgets, and logs one MSBuild error per
/// regression or broken budget (PG1001-PG1004), warnings for PG1101-PG1104, and PG1201 for unusable input.
/// </summary>
public sealed class PerfGuardCompare : PerfGuardSettingsTask, ICancelableTask
{
    /// <summary>BenchmarkDotNet full JSON files or folders holding them.</summary>
    [Required]
    public ITaskItem[] Results { get; set; } = [];

    [Required]
    public string Baseline { get; set; } = string.Empty;

    /// <summary>A re-measurement of the same build: a time regression fails only if it shows there too.</summary>
    public ITaskItem[] ConfirmationResults { get; set; } = [];

    /// <summary>
    /// A shell command that runs the suite again and writes its full JSON under <see cref="RemeasureResults"/>.
    /// It runs only when the comparison's only errors are suspected time regressions; the comparison is then
    /// repeated with the re-measurement as confirmation. A command that fails is one PG1203.
    /// </summary>
    public string? RemeasureCommand { get; set; }

    /// <summary>Where <see cref="RemeasureCommand"/> writes its results (emptied before it runs).</summary>
    public string? RemeasureResults { get; set; }

    /// <summary>The working directory of <see cref="RemeasureCommand"/> (the project folder).</summary>
    public string? RemeasureWorkingDirectory { get; set; }

    public string? ReportDirectory { get; set; }

    /// <summary>
    /// The file that gets the short summary: the targets pass GITHUB_STEP_SUMMARY (PerfGuardStepSummaryPath) unless
    /// PerfGuardWriteGitHubStepSummary is false. Empty: no summary. The engine reads no environment variable.
    /// </summary>
    public string? StepSummaryPath { get; set; }

    [Output]
    public ITaskItem[] ReportFiles { get; private set; } = [];

    private readonly CancellationTokenSource _cancellation = new();

    public void Cancel() => _cancellation.Cancel();

    public override bool Execute()
    {
        try
        {
            var canRemeasure = !string.IsNullOrWhiteSpace(RemeasureCommand) && ConfirmationResults.Length == 0;
            var request = new CompareRequest
            {
                Results = Results.Select(r => r.ItemSpec).ToList(),
                Baseline = Baseline,
                Budgets = BudgetsFile,
                Settings = HostSettings(),
                ConfirmationResults = ConfirmationResults.Select(r => r.ItemSpec).ToList(),
                ReportDirectory = string.IsNullOrWhiteSpace(ReportDirectory) ? null : ReportDirectory,
                // With a re-measurement possible, the summary is written once, for the final verdict.
                StepSummaryPath = canRemeasure ? null : SummaryPath,
            };
            var outcome = PerfGuardGate.Compare(request);

            if (canRemeasure && outcome.Report is { } first && NeedsRemeasure(first))
            {
                if (!Remeasure(first))
                {
                    return false;
                }

                outcome = PerfGuardGate.Compare(request with
                {
                    ConfirmationResults = [RemeasureResults!],
                    StepSummaryPath = SummaryPath,
                });
            }
            else if (canRemeasure && SummaryPath is { } summaryPath && outcome.Report is { } final)
            {
                outcome = outcome with { ReportFiles = [.. outcome.ReportFiles, ReportWriter.AppendGitHubStepSummary(final, summaryPath)] };
            }

            // The step summary is the CI's file, not this build's output: never in FileWrites (dotnet clean would delete it).
            ReportFiles = outcome.ReportFiles.Where(f => !f.Equals(SummaryPath, StringComparison.Ordinal))
                .Select(f => (ITaskItem)new TaskItem(f)).ToArray();

            if (outcome.Report is { } report)
            {
                // The verdict table belongs in the CI log at the default (minimal) verbosity: it says why, per benchmark.
                Log.LogMessage(MessageImportance.High, "{0}", ConsoleReport.Table(report).TrimEnd());
                Log.LogMessage(MessageImportance.High, "PerfGuard: {0}", ConsoleReport.Summary(report));
            }

            foreach (var finding in outcome.Findings)
            {
                FindingLogger.Log(Log, finding, ProjectFile);
            }

            foreach (var file in ReportFiles)
            {
                Log.LogMessage(MessageImportance.High, "PerfGuard report: {0}", file.ItemSpec);
            }
        }
        catch (Exception ex)
        {
            FindingLogger.LogUnexpected(Log, ex, ProjectFile);
        }

        return !Log.HasLoggedErrors;
    }

    private string? SummaryPath => string.IsNullOrWhiteSpace(StepSummaryPath) ? null : StepSummaryPath;

    /// <summary>Only suspected time regressions failed: worth one more measurement before deciding.</summary>
    private static bool NeedsRemeasure(GateReport report) =>
        report.SuspectedTimeRegressions.Count > 0 && !report.Findings.Any(f => f.IsError && f.Code != BuildCodes.TimeRegression);

    /// <summary>Runs the re-measurement command; false (after one PG1203) when it failed or wrote no results.</summary>
    private bool Remeasure(GateReport first)
    {
        var suspects = first.SuspectedTimeRegressions;
        Log.LogMessage(MessageImportance.High,
            "PerfGuard: {0} suspected time regression(s) ({1}); re-measuring before deciding: {2}",
            suspects.Count, string.Join(", ", suspects.Select(s => s.Key + " " + Units.FormatRatio(s.Time!.Ratio))), RemeasureCommand);

        if (string.IsNullOrWhiteSpace(RemeasureResults))
        {
            LogRemeasureFailed("PerfGuardConfirmResults is empty: the re-measurement has nowhere to write its results");
            return false;
        }

        if (Directory.Exists(RemeasureResults))
        {
            Directory.Delete(RemeasureResults, recursive: true);
        }

        var workingDirectory = string.IsNullOrWhiteSpace(RemeasureWorkingDirectory) ? Environment.CurrentDirectory : RemeasureWorkingDirectory;
        var run = ShellCommand.Run(RemeasureCommand!, workingDirectory, Log, _cancellation.Token);
        if (run.ExitCode != 0)
        {
            LogRemeasureFailed($"the command exited with code {run.ExitCode}: {RemeasureCommand}{TailText(run.Tail)}");
            return false;
        }

        var written = Directory.Exists(RemeasureResults)
            && Directory.EnumerateFiles(RemeasureResults, "*-report-full*.json", SearchOption.AllDirectories).Any();
        if (!written)
        {
            LogRemeasureFailed($"the command succeeded but wrote no BenchmarkDotNet full JSON under '{RemeasureResults}' (PerfGuardConfirmResults): {RemeasureCommand}{TailText(run.Tail)}");
            return false;
        }

        return true;
    }

    private void LogRemeasureFailed(string reason) =>
        Log.LogError("PerfGuard", BuildCodes.RemeasureFailed, BuildCodes.RemeasureFailed, ProjectFile, 0, 0, 0, 0,
            "the re-measurement of the suspected time regressions failed, so they were not judged: {0}", reason);

    private static string TailText(IReadOnlyList<string> tail) =>
        tail.Count == 0 ? string.Empty : $". Its last {tail.Count} output line(s):{Environment.NewLine}{string.Join(Environment.NewLine, tail)}";

}
