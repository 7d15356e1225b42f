using AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;
using System.Reflection;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Meta;

/// <summary>
/// Governance over every analyzer in the assembly (including rules added later): help links point to an existing
/// page, every ID is tracked in the release files, and every rule has a fix or says why not.
/// </summary>
public sealed class RuleMetadataTests
{
    private static readonly Assembly AnalyzerAssembly = typeof(RuleIdentifiers).Assembly;
    private static readonly Assembly CodeFixAssembly = typeof(AssetAnchor.PerfGuard.CodeFixes.Rules.NavigationNotLoadedCodeFixProvider).Assembly;

    public static TheoryData<string> AnalyzerTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in Analyzers())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void TheAssemblyHasTheN1Analyzers()
    {
        var ids = Analyzers().SelectMany(t => Create(t).SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        Assert.Contains(RuleIdentifiers.DatabaseRoundTripInLoop, ids);
        Assert.Contains(RuleIdentifiers.LazyLoadedNavigationInLoop, ids);
        Assert.Contains(RuleIdentifiers.NavigationNeverLoaded, ids);
    }

    [Theory]
    [MemberData(nameof(AnalyzerTypes))]
    public void HelpLink_PointsToAnExistingRulePage(string analyzerType)
    {
        foreach (var descriptor in Create(AnalyzerAssembly.GetType(analyzerType)!).SupportedDiagnostics)
        {
            Assert.Equal(RuleIdentifiers.GetHelpUri(descriptor.Id), descriptor.HelpLinkUri);
            var page = RepositoryRoot.Combine("docs", "rules", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"{descriptor.Id}: {page} does not exist");
            var text = File.ReadAllText(page);
            foreach (var section in new[] { "## Cause", "## Rule description", "## How to fix", "## How to suppress" })
            {
                Assert.True(text.Contains(section, StringComparison.Ordinal), $"{descriptor.Id}.md lacks '{section}'");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AnalyzerTypes))]
    public void EveryRule_IsTrackedInAnalyzerReleases(string analyzerType)
    {
        var folder = RepositoryRoot.Combine("analyzers", "AssetAnchor.PerfGuard.Analyzers");
        var lines = File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Unshipped.md")))
            .ToList();
        foreach (var descriptor in Create(AnalyzerAssembly.GetType(analyzerType)!).SupportedDiagnostics)
        {
            Assert.Contains(lines, line => line.StartsWith(descriptor.Id + " ", StringComparison.Ordinal) || line.StartsWith(descriptor.Id + "|", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(AnalyzerTypes))]
    public void EveryRule_HasACodeFixOrSaysWhyNot(string analyzerType)
    {
        var type = AnalyzerAssembly.GetType(analyzerType)!;
        var fixable = CodeFixAssembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
            .ToHashSet(StringComparer.Ordinal);
        var reason = type.GetCustomAttribute<NoCodeFixAttribute>()?.Reason;
        foreach (var descriptor in Create(type).SupportedDiagnostics)
        {
            Assert.True(
                fixable.Contains(descriptor.Id) || !string.IsNullOrWhiteSpace(reason),
                $"{descriptor.Id} has no code fix provider and {type.Name} has no [NoCodeFix(\"reason\")]");
        }
    }

    private static IEnumerable<Type> Analyzers() => PerfGuardAnalyzers.Types();

    private static DiagnosticAnalyzer Create(Type type) => (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
}
