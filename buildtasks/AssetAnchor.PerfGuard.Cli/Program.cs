using System.Reflection;

namespace AssetAnchor.PerfGuard.Cli;

/// <summary>Entry point of the <c>perfguard</c> tool. Exit codes: 0 pass, 1 regression or broken budget, 2 unusable input or arguments.</summary>
public static class Program
{
    public const int Pass = 0;
    public const int Regression = 1;
    public const int UsageError = 2;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.Write(HelpText);
            return args.Count == 0 ? UsageError : Pass;
        }

        if (args[0] is "--version")
        {
            stdout.WriteLine(Version);
            return Pass;
        }

        stderr.WriteLine($"perfguard: unknown command '{args[0]}'. Run 'perfguard --help'.");
        return UsageError;
    }

    public static string Version { get; } =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(Program).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    public const string HelpText = """
        perfguard: keep a .NET service inside its performance budget.

        Usage:
          perfguard compare --results <file|dir> --baseline <file> [--budgets <file>] [--threshold 5%|2ns] [--report <dir>]
          perfguard baseline update --results <file|dir> --baseline <file> [--runs k]
          perfguard --version
          perfguard --help

        Exit codes: 0 pass (warnings allowed), 1 a regression or broken budget, 2 unusable input or arguments.

        """;
}
