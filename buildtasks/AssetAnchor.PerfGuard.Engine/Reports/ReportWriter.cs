using AssetAnchor.PerfGuard.Engine.Comparison;

namespace AssetAnchor.PerfGuard.Engine.Reports;

/// <summary>Writes the Markdown, JSON and HTML reports into a folder, and the GitHub step summary when asked.</summary>
public static class ReportWriter
{
    public const string MarkdownFileName = "perfguard-report.md";
    public const string JsonFileName = "perfguard-report.json";
    public const string HtmlFileName = "perfguard-report.html";

    public static IReadOnlyList<string> WriteAll(GateReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>
        {
            Write(directory, MarkdownFileName, MarkdownReport.Render(report)),
            Write(directory, JsonFileName, JsonReport.Render(report)),
            Write(directory, HtmlFileName, HtmlReport.Render(report)),
        };
        return files;
    }

    /// <summary>
    /// Appends the short Markdown report to the step summary file (GitHub Actions names it in GITHUB_STEP_SUMMARY;
    /// the host reads the variable and passes the path). Returns the file.
    /// </summary>
    public static string AppendGitHubStepSummary(GateReport report, string summaryPath)
    {
        File.AppendAllText(summaryPath, MarkdownReport.Render(report, compact: true) + Environment.NewLine);
        return summaryPath;
    }

    private static string Write(string directory, string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
