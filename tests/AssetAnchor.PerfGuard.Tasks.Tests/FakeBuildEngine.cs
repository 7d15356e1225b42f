using System.Collections;
using Microsoft.Build.Framework;

namespace AssetAnchor.PerfGuard.Tasks.Tests;

/// <summary>Records what a task logs as "ERROR code: message" / "WARNING code: message" / "MESSAGE: text" lines.</summary>
internal sealed class FakeBuildEngine : IBuildEngine
{
    public List<string> Lines { get; } = [];

    public List<BuildErrorEventArgs> Errors { get; } = [];

    public List<BuildWarningEventArgs> Warnings { get; } = [];

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "/repo/Suite.csproj";

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();

    public void LogCustomEvent(CustomBuildEventArgs e) => Lines.Add("CUSTOM: " + e.Message);

    public void LogErrorEvent(BuildErrorEventArgs e)
    {
        Errors.Add(e);
        Lines.Add($"ERROR {e.Code}: {e.Message}");
    }

    public void LogMessageEvent(BuildMessageEventArgs e) => Lines.Add("MESSAGE: " + e.Message);

    public void LogWarningEvent(BuildWarningEventArgs e)
    {
        Warnings.Add(e);
        Lines.Add($"WARNING {e.Code}: {e.Message}");
    }

    public IEnumerable<string> ErrorCodes => Errors.Select(e => e.Code);
}
