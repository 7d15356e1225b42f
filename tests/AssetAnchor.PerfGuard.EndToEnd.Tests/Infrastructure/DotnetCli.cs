using System.Diagnostics;
using System.Text;

namespace AssetAnchor.PerfGuard.EndToEnd.Tests.Infrastructure;

/// <summary>The result of one external process: its exit code and everything it printed.</summary>
public sealed record ProcessResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit code {ExitCode}\n{Output}";
}

/// <summary>Runs dotnet (and installed tools) the way a user would, with node reuse off and a time limit.</summary>
public static class DotnetCli
{
    /// <summary>
    /// A guard against a hung process, not a speed check: on the shared 2-core machine one `dotnet build` took over
    /// 2 minutes at load 50, and a `dotnet run` of a suite includes BenchmarkDotNet's own build and measurement.
    /// </summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    public static ProcessResult Dotnet(string workingDirectory, params string[] arguments) =>
        Run("dotnet", workingDirectory, arguments);

    public static ProcessResult Run(string fileName, string workingDirectory, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Out-of-process builds must not leave MSBuild nodes behind or share a build server with the test host.
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // A GitHub step summary from the test host's environment must not receive the consumer's reports.
        startInfo.Environment.Remove("GITHUB_STEP_SUMMARY");

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' did not finish within {DefaultTimeout}.\n{output}");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.ToString());
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
