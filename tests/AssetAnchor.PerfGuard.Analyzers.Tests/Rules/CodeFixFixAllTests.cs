using System.Reflection;
using AssetAnchor.PerfGuard.CodeFixes.Rules;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules;

/// <summary>
/// `dotnet format analyzers` applies a fix only through its fix-all provider in solution scope ("doesn't support
/// Fix All in Solution" otherwise), so every provider must have one. What each one produces is checked in the rule's
/// own code-fix tests (fix-all runs there in document, project and solution scope).
/// </summary>
public sealed class CodeFixFixAllTests
{
    public static TheoryData<string> Providers()
    {
        var data = new TheoryData<string>();
        foreach (var type in ProviderTypes())
        {
            data.Add(type.Name);
        }

        return data;
    }

    [Fact]
    public void FindsTheFiveProviders_OneForEachRuleButPG0002AndPG0003WhichShareOne() => Assert.Equal(5, ProviderTypes().Count());

    [Theory]
    [MemberData(nameof(Providers))]
    public void EveryProvider_SupportsFixAllInSolutionAndDocument(string providerName)
    {
        var provider = (CodeFixProvider)Activator.CreateInstance(ProviderTypes().Single(t => t.Name == providerName))!;

        var fixAll = provider.GetFixAllProvider();

        Assert.NotNull(fixAll);
        var scopes = fixAll!.GetSupportedFixAllScopes().ToList();
        Assert.Contains(FixAllScope.Solution, scopes);
        Assert.Contains(FixAllScope.Document, scopes);
    }

    [Fact]
    public void TheCodeFixAssembly_ReferencesNoSystemComposition()
    {
        // [Shared] would reference System.Composition.AttributedModel 8.0, which an IDE or dotnet format shipping an
        // older System.Composition cannot bind; fixers in an analyzer package are created by reflection, not by MEF.
        var references = typeof(UnpaginatedCollectionEndpointCodeFixProvider).Assembly.GetReferencedAssemblies();

        Assert.DoesNotContain(references, r => r.Name!.StartsWith("System.Composition", StringComparison.Ordinal));
    }

    private static IEnumerable<Type> ProviderTypes() =>
        typeof(UnpaginatedCollectionEndpointCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null);
}
