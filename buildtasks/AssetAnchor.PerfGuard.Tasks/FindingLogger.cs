using AssetAnchor.PerfGuard.Engine.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace AssetAnchor.PerfGuard.Tasks;

/// <summary>Turns engine findings into MSBuild errors and warnings with code, file and line.</summary>
internal static class FindingLogger
{
    private const string Subcategory = "PerfGuard";

    public static void Log(TaskLoggingHelper log, Finding finding, string fallbackFile)
    {
        var file = string.IsNullOrEmpty(finding.File) ? fallbackFile : finding.File;
        switch (finding.Severity)
        {
            case FindingSeverity.Error:
                log.LogError(Subcategory, finding.Code, finding.Code, file, finding.Line, finding.Column, 0, 0, "{0}", finding.Message);
                break;
            case FindingSeverity.Warning:
                log.LogWarning(Subcategory, finding.Code, finding.Code, file, finding.Line, finding.Column, 0, 0, "{0}", finding.Message);
                break;
            default:
                log.LogMessage(MessageImportance.High, "{0}: {1}", finding.Code, finding.Message);
                break;
        }
    }

    /// <summary>The last line of defence against MSB4018: an unexpected exception becomes one PG1201.</summary>
    public static void LogUnexpected(TaskLoggingHelper log, Exception exception, string file) =>
        log.LogError(Subcategory, BuildCodes.UnreadableInput, BuildCodes.UnreadableInput, file, 0, 0, 0, 0,
            "PerfGuard could not complete: {0} ({1})", exception.Message, exception.GetType().Name);
}
