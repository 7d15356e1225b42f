using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The one typed options reader: rule options from .editorconfig (per syntax tree, through
/// AnalyzerConfigOptionsProvider), for every rule. Keys are
/// prefixed with the rule ID (<c>PG0001.small_loop_bound = 8</c>); keys are case-insensitive. A value that
/// cannot be parsed falls back to the default: a typo in .editorconfig must never crash the build.
/// </summary>
internal static class RuleOptions
{
    public static string? GetString(AnalyzerOptions options, SyntaxTree tree, string key) =>
        GetString(options.AnalyzerConfigOptionsProvider.GetOptions(tree), key);

    public static string? GetString(AnalyzerConfigOptions config, string key) =>
        config.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public static int GetInt32(AnalyzerOptions options, SyntaxTree tree, string key, int defaultValue, int min, int max) =>
        GetInt32(options.AnalyzerConfigOptionsProvider.GetOptions(tree), key, defaultValue, min, max);

    public static int GetInt32(AnalyzerConfigOptions config, string key, int defaultValue, int min, int max)
    {
        var text = GetString(config, key);
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
    public static ImmutableHashSet<string> GetList(AnalyzerOptions options, SyntaxTree tree, string key) =>
        ImmutableHashSet.CreateRange(StringComparer.Ordinal, GetArray(options.AnalyzerConfigOptionsProvider.GetOptions(tree), key, stripGlobal: false));

    /// <summary>A comma- or semicolon-separated list in source order; empty entries dropped, "global::" optionally removed.</summary>
    public static string[] GetArray(AnalyzerConfigOptions config, string key, bool stripGlobal)
    {
        var text = GetString(config, key);
        if (text is null)
        {
            return Array.Empty<string>();
        }

        var parts = text.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries);
        var result = new System.Collections.Generic.List<string>(parts.Length);
        foreach (var part in parts)
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0)
            {
                result.Add(stripGlobal && trimmed.StartsWith("global::", StringComparison.Ordinal) ? trimmed.Substring(8) : trimmed);
            }
        }

        return result.ToArray();
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
