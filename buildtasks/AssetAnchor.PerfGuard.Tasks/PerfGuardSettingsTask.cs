using AssetAnchor.PerfGuard.Engine.Settings;

namespace AssetAnchor.PerfGuard.Tasks;

/// <summary>
/// The gate settings both tasks take from MSBuild properties (PerfGuardThreshold, ...). They stay text: the engine's
/// one resolver parses them over perfguard.json's, and names a bad one in a PG1201 on the project file.
/// </summary>
public abstract class PerfGuardSettingsTask : Microsoft.Build.Utilities.Task
{
    /// <summary>perfguard.json; empty = the one beside the baseline, if any.</summary>
    public string? Budgets { get; set; }

    /// <summary>The time threshold, e.g. "5%|2ns"; empty = perfguard.json's, else the default.</summary>
    public string? Threshold { get; set; }

    /// <summary>"auto" or a fixed between-run noise such as "20%"; empty = perfguard.json's, else auto.</summary>
    public string? RunNoise { get; set; }

    /// <summary>The least between-run noise in auto mode, e.g. "10%"; empty = perfguard.json's, else 50%.</summary>
    public string? MinimumRunNoise { get; set; }

    /// <summary>The Mann-Whitney significance level, e.g. "0.01"; empty = perfguard.json's, else 0.01.</summary>
    public string? Significance { get; set; }

    /// <summary>The CPU-time threshold (PG1005), e.g. "10%|2ns"; empty = perfguard.json's, else the default.</summary>
    public string? CpuThreshold { get; set; }

    /// <summary>The least CPU between-run noise, e.g. "5%"; empty = perfguard.json's, else the default.</summary>
    public string? CpuMinimumRunNoise { get; set; }

    /// <summary>Waiting for a core beyond this share of runnable time makes wall time unjudgeable (PG1106), e.g. "20%".</summary>
    public string? ContentionLimit { get; set; }

    /// <summary>"true": a baseline benchmark without a result is an error (a gate over merged shards); empty = perfguard.json's.</summary>
    public string? RequireAllBenchmarks { get; set; }

    /// <summary>How much allocated bytes/op may grow (PG1002), e.g. "1%|16B" (larger part wins); empty = perfguard.json's, else 1%|16B.</summary>
    public string? AllocationTolerance { get; set; }

    protected string ProjectFile => BuildEngine?.ProjectFileOfTaskNode ?? string.Empty;

    protected string? BudgetsFile => string.IsNullOrWhiteSpace(Budgets) ? null : Budgets;

    /// <summary>The properties as the host's settings layer (empty ones leave the setting to perfguard.json).</summary>
    protected SettingLayer HostSettings() => SettingLayer.FromHost(
        SettingSource.MSBuild,
        ProjectFile,
        (Setting.Threshold, Threshold),
        (Setting.RunNoise, RunNoise),
        (Setting.MinimumRunNoise, MinimumRunNoise),
        (Setting.Significance, Significance),
        (Setting.CpuThreshold, CpuThreshold),
        (Setting.CpuMinimumRunNoise, CpuMinimumRunNoise),
        (Setting.ContentionLimit, ContentionLimit),
        (Setting.RequireAllBenchmarks, RequireAllBenchmarks),
        (Setting.AllocationTolerance, AllocationTolerance));
}
