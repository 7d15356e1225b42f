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
public sealed class PerfGuardCompare : Microsoft.Build.Utilities.Task
{
    /// <summary>BenchmarkDotNet full JSON files or folders holding them.</summary>
    [Required]
    public ITaskItem[] Results { get; set; } = [];

    [Required]
    public string Baseline { get; set; } = string.Empty;

    public string? Budgets { get; set; }

    public string? Threshold { get; set; }

    public string? RunNoise { get; set; }

    public string? MinimumRunNoise { get; set; }

    public string? Significance { get; set; }

    /// <summary>A re-measurement of the same build: a time regression fails only if it shows there too.</summary>
    public ITaskItem[] ConfirmationResults { get; set; } = [];

    public string? ReportDirectory { get; set; }

    public bool WriteGitHubStepSummary { get; set; } = true;

    /// <summary>
    /// When true and the only errors are suspected time regressions (no confirmation given yet), log nothing but
    /// a message and set <see cref="RemeasureNeeded"/>: the targets re-measure and call again with confirmation.
    /// </summary>
    public bool DeferSuspectedTimeRegressions { get; set; }

    [Output]
    public bool RemeasureNeeded { get; private set; }

    [Output]
    public ITaskItem[] ReportFiles { get; private set; } = [];

    public override bool Execute()
    {
        try
        {
            double? significance = null;
            if (!string.IsNullOrWhiteSpace(Significance))
            {
                if (!double.TryParse(Significance, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var alpha))
                {
                    Log.LogError("PerfGuard", BuildCodes.UnreadableInput, BuildCodes.UnreadableInput, ProjectFile, 0, 0, 0, 0,
                        "PerfGuardSignificance '{0}' is not a number (e.g. 0.01)", Significance);
                    return false;
                }

                significance = alpha;
            }

            var outcome = PerfGuardGate.Compare(new CompareRequest
            {
                Results = Results.Select(r => r.ItemSpec).ToList(),
                Baseline = Baseline,
                Budgets = string.IsNullOrWhiteSpace(Budgets) ? null : Budgets,
                Threshold = string.IsNullOrWhiteSpace(Threshold) ? null : Threshold,
                RunNoise = string.IsNullOrWhiteSpace(RunNoise) ? null : RunNoise,
                MinimumRunNoise = string.IsNullOrWhiteSpace(MinimumRunNoise) ? null : MinimumRunNoise,
                Significance = significance,
                ConfirmationResults = ConfirmationResults.Select(r => r.ItemSpec).ToList(),
                ReportDirectory = string.IsNullOrWhiteSpace(ReportDirectory) ? null : ReportDirectory,
                WriteGitHubStepSummary = WriteGitHubStepSummary && !DeferSuspectedTimeRegressions,
            });

            ReportFiles = outcome.ReportFiles.Where(f => !f.Equals(Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY"), StringComparison.Ordinal))
                .Select(f => (ITaskItem)new TaskItem(f)).ToArray();

            if (outcome.Report is { } report)
            {
                var suspects = report.SuspectedTimeRegressions;
                var otherErrors = report.Findings.Any(f => f.IsError && f.Code != BuildCodes.TimeRegression);
                if (DeferSuspectedTimeRegressions && ConfirmationResults.Length == 0 && suspects.Count > 0 && !otherErrors)
                {
                    RemeasureNeeded = true;
                    Log.LogMessage(MessageImportance.High,
                        "PerfGuard: {0} suspected time regression(s) ({1}); re-measuring before deciding.",
                        suspects.Count, string.Join(", ", suspects.Select(s => s.Key + " " + Units.FormatRatio(s.Time!.Ratio))));
                    return true;
                }

                // The verdict table belongs in the CI log at the default (minimal) verbosity: it says why, per benchmark.
                Log.LogMessage(MessageImportance.High, "{0}", ConsoleReport.Render(report));
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

    private string ProjectFile => BuildEngine?.ProjectFileOfTaskNode ?? string.Empty;
}
