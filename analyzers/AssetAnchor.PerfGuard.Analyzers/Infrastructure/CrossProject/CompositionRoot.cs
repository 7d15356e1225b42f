using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Decides which compilation reports a join of the UP direction (a call site recorded by a referenced project joined
/// with an implementation): the first one that sees both sides. A compilation sees an assembly when it is that
/// assembly or references it; it reports a join when it sees the call site's assembly and the implementing one and
/// none of its references built with PerfGuard already sees both (that reference reported it, in its own build). In
/// Clean Architecture Infrastructure references Application: Infrastructure reports Application's loop, once, and the
/// composition roots stay quiet. Test projects stay quiet, and <c>perfguard.report_cross_project_call_sites</c> switches
/// a project off (false) or makes a test project report (true).
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

    /// <summary>Whether this project reports UP joins at all: not when the option says false, not a test project unless it says true.</summary>
    public static bool ReportsCallSites(Compilation compilation, AnalyzerOptions options)
    {
        var setting = GetReportSetting(compilation, options.AnalyzerConfigOptionsProvider);
        return setting ?? !IsTestProject(compilation, options.AnalyzerConfigOptionsProvider.GlobalOptions);
    }

    /// <summary>
    /// A composition root: an executable (not a test project) that reports UP joins. Only it knows every lazy-loading
    /// registration (a Program.cs can switch a library's context to lazy loading), so a navigation join whose answer
    /// depends on that waits for it.
    /// </summary>
    public static bool IsCompositionRoot(Compilation compilation) =>
        compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication;

    /// <summary>
    /// True when this compilation is the first to see both the call site's assembly and the implementing one (null:
    /// this compilation implements it). A reference sees an assembly when it is it or lists it among its own
    /// references (its metadata: <c>Modules[0].ReferencedAssemblySymbols</c>); a reference built without PerfGuard, or
    /// switched off with the option (its <c>v1q</c> record), never reported anything, so it does not count.
    /// </summary>
    public static bool IsFirstToSee(Compilation compilation, IAssemblySymbol callSiteAssembly, IAssemblySymbol? implementingAssembly, ReferencedSummaries summaries)
    {
        if (implementingAssembly is null)
        {
            // Nothing this compilation references can reference it.
            return true;
        }

        foreach (var reference in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (summaries.IsSummarized(reference) && !summaries.IsQuiet(reference) && Sees(reference, callSiteAssembly) && Sees(reference, implementingAssembly))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Sees(IAssemblySymbol reference, IAssemblySymbol assembly)
    {
        var name = assembly.Identity.Name;
        if (string.Equals(reference.Identity.Name, name, StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var module in reference.Modules)
        {
            foreach (var referenced in module.ReferencedAssemblySymbols)
            {
                if (string.Equals(referenced.Identity.Name, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The record a project switched off with the option writes, so its dependents do not take it as having reported.</summary>
    internal const string QuietMarker = "v1q";

    /// <summary>The option from .globalconfig, else from the .editorconfig section of any source file; null when unset or unparsable.</summary>
    internal static bool? GetReportSetting(Compilation compilation, AnalyzerConfigOptionsProvider provider)
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
