using AssetAnchor.PerfGuard.Engine;
using Microsoft.Build.Framework;

namespace AssetAnchor.PerfGuard.Tasks;

/// <summary>
/// Rewrites the committed baseline from fresh results (atomically) and logs what changed. Entries the gate would judge
/// unchanged stay as committed, judged with the same settings as <see cref="PerfGuardCompare"/>.
/// </summary>
public sealed class PerfGuardUpdateBaseline : PerfGuardSettingsTask
{
    [Required]
    public ITaskItem[] Results { get; set; } = [];

    [Required]
    public string Baseline { get; set; } = string.Empty;

    /// <summary>0 = any; otherwise each benchmark must be in exactly this many results files (one per run).</summary>
    public int Runs { get; set; }

    /// <summary>Glob patterns over benchmark keys (PerfGuardUpdateFilter, ';'-separated): update only these.</summary>
    public string[] Filter { get; set; } = [];

    [Output]
    public bool Written { get; private set; }

    public override bool Execute()
    {
        try
        {
            var outcome = PerfGuardGate.UpdateBaseline(new UpdateRequest
            {
                Results = Results.Select(r => r.ItemSpec).ToList(),
                Baseline = Baseline,
                Runs = Runs > 0 ? Runs : null,
                Filter = Filter,
                Budgets = BudgetsFile,
                Settings = HostSettings(),
            });

            if (outcome.Error is { } error)
            {
                FindingLogger.Log(Log, error, ProjectFile);
                return false;
            }

            foreach (var change in outcome.Changes)
            {
                Log.LogMessage(MessageImportance.High, "PerfGuard baseline: {0}", change);
            }

            Written = outcome.Written;
            Log.LogMessage(MessageImportance.High, outcome.Written
                ? "PerfGuard baseline: wrote {0} ({1} benchmarks, {2} run(s)); review the diff and commit it"
                : "PerfGuard baseline: {0} is already up to date", Path.GetFullPath(Baseline), outcome.Baseline!.Benchmarks.Count, outcome.Baseline.Runs);
        }
        catch (Exception ex)
        {
            FindingLogger.LogUnexpected(Log, ex, ProjectFile);
        }

        return !Log.HasLoggedErrors;
    }
}
