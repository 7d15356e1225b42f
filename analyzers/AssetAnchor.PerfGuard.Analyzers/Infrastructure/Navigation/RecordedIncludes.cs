using System;
using System.Collections.Generic;
using System.Text;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// What the deferred query a referenced method returns already loads, as method-record field 12 carries it after its
/// <c>Q</c> and order letter: <c>I</c>, the DbContext's documentation-comment ID, then <c>;!</c> when the query ignores
/// AutoInclude, then one <c>;path</c> per Include in the dotted form of field 9
/// (<c>QIT:Shop.Infrastructure.ShopContext;Customer;Customer.Address</c>; <c>QOIT:Shop.ShopContext</c> includes nothing).
/// Written only when the query's root is seen and it projects nothing; a record without it says nothing about includes
/// (PG0002/PG0003 then stay silent on entities read from it). After a <c>P</c>n (a helper over its parameter's query)
/// the context is empty and the paths are what the helper adds on top of the caller's query (<c>P0I;Customer</c>).
/// </summary>
internal sealed class RecordedIncludes
{
    /// <summary>The letter after the order letter that starts this part of field 12.</summary>
    public const char Letter = 'I';

    private const char Separator = ';';
    private const string IgnoresAutoIncludesToken = "!";

    /// <summary>At most this many include paths are recorded; a wider query is left unknown rather than cut.</summary>
    public const int MaxPaths = 32;

    public RecordedIncludes(string contextId, IReadOnlyList<string> paths, bool ignoresAutoIncludes)
    {
        ContextId = contextId;
        Paths = paths;
        IgnoresAutoIncludes = ignoresAutoIncludes;
    }

    /// <summary>The DbContext the query starts from (its lazy loading decides PG0002 against PG0003); empty after a <c>P</c>n.</summary>
    public string ContextId { get; }

    /// <summary>Include paths, dotted ("Customer.Address"); "*" for an Include whose path is not a constant.</summary>
    public IReadOnlyList<string> Paths { get; }

    public bool IgnoresAutoIncludes { get; }

    /// <summary>The paths sorted and without duplicates, so two writers of one query write one text.</summary>
    public static RecordedIncludes? Create(string? contextId, IEnumerable<string> paths, bool ignoresAutoIncludes)
    {
        if (contextId is null || (contextId.Length > 0 && !contextId.StartsWith("T:", StringComparison.Ordinal)) || contextId.IndexOfAny(new[] { Separator, '\t', '\r', '\n' }) >= 0)
        {
            return null;
        }

        var sorted = new List<string>();
        foreach (var path in paths)
        {
            if (path.Length == 0 || path.IndexOfAny(new[] { Separator, '\t', '\r', '\n' }) >= 0 || path == IgnoresAutoIncludesToken)
            {
                return null;
            }

            if (!sorted.Contains(path))
            {
                sorted.Add(path);
            }
        }

        if (sorted.Count > MaxPaths)
        {
            return null;
        }

        sorted.Sort(StringComparer.Ordinal);
        return new RecordedIncludes(contextId, sorted, ignoresAutoIncludes);
    }

    public string Encode()
    {
        var builder = new StringBuilder().Append(Letter).Append(ContextId);
        if (IgnoresAutoIncludes)
        {
            builder.Append(Separator).Append(IgnoresAutoIncludesToken);
        }

        foreach (var path in Paths)
        {
            builder.Append(Separator).Append(path);
        }

        return builder.ToString();
    }

    /// <summary>From the text after the letter; null when damaged (an unreadable fact only makes PerfGuard quieter).</summary>
    public static RecordedIncludes? Decode(string text)
    {
        var parts = text.Split(Separator);
        var ignores = false;
        var paths = new List<string>(parts.Length);
        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i] == IgnoresAutoIncludesToken && i == 1)
            {
                ignores = true;
                continue;
            }

            if (!IsPath(parts[i]))
            {
                return null;
            }

            paths.Add(parts[i]);
        }

        return Create(parts[0], paths, ignores);
    }

    private static bool IsPath(string text)
    {
        if (text == "*")
        {
            return true;
        }

        foreach (var step in text.Split('.'))
        {
            if (step.Length == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Two implementations (or returned values) of one method: PG0002/PG0003's policy (a navigation is unloaded only
    /// when every one leaves it unloaded), so the union of their includes; unknown (null) when either is unknown or
    /// they start from different contexts or treat AutoInclude differently.
    /// </summary>
    public static RecordedIncludes? Combine(RecordedIncludes? first, RecordedIncludes? second)
    {
        if (first is null || second is null || first.ContextId != second.ContextId || first.IgnoresAutoIncludes != second.IgnoresAutoIncludes)
        {
            return null;
        }

        var paths = new List<string>(first.Paths);
        paths.AddRange(second.Paths);
        return Create(first.ContextId, paths, first.IgnoresAutoIncludes);
    }
}
