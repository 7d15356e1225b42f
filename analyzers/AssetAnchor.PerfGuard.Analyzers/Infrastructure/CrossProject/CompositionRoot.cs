using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Decides whether a compilation reports the UP direction (call-site records of referenced projects joined with the
/// implementations' records). Only a composition root the user ships does: an executable that is not a test project,
/// unless <c>perfguard.report_cross_project_call_sites</c> says otherwise. Every other executable referencing both
/// layers would repeat the same warning at the same line.
/// </summary>
internal static class CompositionRoot
{
    /// <summary>false: this project never reports UP findings; true: it does even if it is a test project.</summary>
    internal const string ReportCallSitesKey = "perfguard.report_cross_project_call_sites";

    /// <summary>Made visible to the compiler by the analyzers package's build/ props (CompilerVisibleProperty).</summary>
    internal const string IsTestProjectKey = "build_property.IsTestProject";

    // Test frameworks and the test host: a reference to one marks a test project when IsTestProject is not visible
    // (in-repo ProjectReference use, or a package consumer whose build dropped the props).
    private static readonly string[] TestAssemblyPrefixes =
    {
        "Microsoft.TestPlatform.", "Microsoft.VisualStudio.TestPlatform.", "MSTest.", "xunit.", "nunit.framework", "TUnit.",
    };

    public static bool ReportsCallSites(Compilation compilation, AnalyzerOptions options)
    {
        if (compilation.Options.OutputKind is not (OutputKind.ConsoleApplication or OutputKind.WindowsApplication))
        {
            return false;
        }

        var setting = GetReportSetting(compilation, options.AnalyzerConfigOptionsProvider);
        return setting ?? !IsTestProject(compilation, options.AnalyzerConfigOptionsProvider.GlobalOptions);
    }

    /// <summary>The option from .globalconfig, else from the .editorconfig section of any source file; null when unset or unparsable.</summary>
    private static bool? GetReportSetting(Compilation compilation, AnalyzerConfigOptionsProvider provider)
    {
        var text = RuleOptions.GetString(provider.GlobalOptions, ReportCallSitesKey);
        if (text is null)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                text = RuleOptions.GetString(provider.GetOptions(tree), ReportCallSitesKey);
                if (text is not null)
                {
                    break;
                }
            }
        }

        return text is not null && bool.TryParse(text, out var value) ? value : null;
    }

    private static bool IsTestProject(Compilation compilation, AnalyzerConfigOptions globalOptions)
    {
        // An explicit value wins; empty (a project that never set it) falls back to the references.
        var property = RuleOptions.GetString(globalOptions, IsTestProjectKey);
        if (property is not null && bool.TryParse(property, out var isTestProject))
        {
            return isTestProject;
        }

        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            if (IsTestAssemblyName(assembly.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A test framework or the test host (also asked by the summary generator, with reference file names).</summary>
    internal static bool IsTestAssemblyName(string name)
    {
        foreach (var prefix in TestAssemblyPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
