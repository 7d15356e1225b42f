using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Reads rule options from .editorconfig (per syntax tree, through AnalyzerConfigOptionsProvider). Keys are
/// prefixed with the rule ID (<c>PG0001.small_loop_bound = 8</c>); keys are case-insensitive. A value that
/// cannot be parsed falls back to the default: a typo in .editorconfig must never crash the build.
/// </summary>
internal static class RuleOptions
{
    public static string? GetString(AnalyzerOptions options, SyntaxTree tree, string key)
    {
        var config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        return config.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }

    public static int GetInt32(AnalyzerOptions options, SyntaxTree tree, string key, int defaultValue, int min, int max)
    {
        var text = GetString(options, tree, key);
        if (text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) &&
            value >= min && value <= max)
        {
            return value;
        }

        return defaultValue;
    }

    public static bool GetBoolean(AnalyzerOptions options, SyntaxTree tree, string key, bool defaultValue)
    {
        var text = GetString(options, tree, key);
        return text is not null && bool.TryParse(text, out var value) ? value : defaultValue;
    }

    /// <summary>A comma- or semicolon-separated list; empty entries dropped.</summary>
    public static ImmutableHashSet<string> GetList(AnalyzerOptions options, SyntaxTree tree, string key)
    {
        var text = GetString(options, tree, key);
        if (text is null)
        {
            return ImmutableHashSet<string>.Empty;
        }

        var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var part in text.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0)
            {
                builder.Add(trimmed);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>"Namespace.Type.Method" for a method (type arguments dropped), the form option lists use.</summary>
    public static string GetQualifiedName(IMethodSymbol method) =>
        GetQualifiedName(method.ContainingType) + "." + method.Name;

    /// <summary>"Namespace.Outer.Type" without type arguments.</summary>
    public static string GetQualifiedName(INamedTypeSymbol? type)
    {
        if (type is null)
        {
            return string.Empty;
        }

        var name = type.Name;
        var depth = 0;
        for (var outer = type.ContainingType; outer is not null && depth < 16; outer = outer.ContainingType, depth++)
        {
            name = outer.Name + "." + name;
        }

        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }
}
