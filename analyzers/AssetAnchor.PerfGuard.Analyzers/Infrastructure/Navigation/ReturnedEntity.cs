using System.Collections.Generic;
using System.Text;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>What a reader of a returned entity's navigation gets.</summary>
internal enum NavigationState : byte
{
    /// <summary>Not known: never reported.</summary>
    Unknown,

    /// <summary>Included, auto-included, loaded explicitly or by fix-up.</summary>
    Loaded,

    /// <summary>Not loaded, lazy loading on: one query per read.</summary>
    LazyLoaded,

    /// <summary>Not loaded, no lazy loading: null or empty.</summary>
    NotLoaded,
}

/// <summary>
/// The tracked entity a method returns (one, or the elements of a list) and the state of each of its navigations, as
/// the summary record carries it (field 9): <c>T:Anchor.Domain.Order;Lines=L;Customer=N;Payments=Z;Customer.Address=N</c>.
/// A key is a navigation path from the returned entity: its own navigations, and below every loaded one (Include /
/// ThenInclude chains, string includes, AutoInclude) the navigations of the loaded entity, to
/// <see cref="MaxPathLength"/> steps. Dotted keys were added later: an older reader keeps them as names it never asks.
/// </summary>
internal sealed class ReturnedEntity
{
    public ReturnedEntity(string entityId, IReadOnlyDictionary<string, NavigationState> navigations)
    {
        EntityId = entityId;
        Navigations = navigations;
    }

    /// <summary>The entity type's documentation-comment ID.</summary>
    public string EntityId { get; }

    public IReadOnlyDictionary<string, NavigationState> Navigations { get; }

    /// <summary>The longest recorded navigation path (Customer.Address.Country).</summary>
    public const int MaxPathLength = 3;

    /// <summary>At most this many paths per record: a wide include tree stops being recorded, it is not cut arbitrarily deep.</summary>
    public const int MaxPaths = 64;

    /// <summary>The state of a navigation path ("Customer" or "Customer.Address"); unknown when not recorded.</summary>
    public NavigationState GetState(string path) =>
        Navigations.TryGetValue(path, out var state) ? state : NavigationState.Unknown;

    /// <summary>True when the record says anything about this path or a path below it: a read may walk on from it.</summary>
    public bool KnowsPathOrBelow(string path)
    {
        if (Navigations.ContainsKey(path))
        {
            return true;
        }

        var prefix = path + ".";
        foreach (var key in Navigations.Keys)
        {
            if (key.StartsWith(prefix, System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every navigation name a recorded path steps through (the syntax filter of PG0002/PG0003).</summary>
    public IEnumerable<string> GetStepNames()
    {
        foreach (var key in Navigations.Keys)
        {
            if (key.IndexOf('.') < 0)
            {
                yield return key;
                continue;
            }

            foreach (var step in key.Split('.'))
            {
                yield return step;
            }
        }
    }

    public string Encode()
    {
        var builder = new StringBuilder(EntityId);
        var names = new List<string>(Navigations.Keys);
        names.Sort(System.StringComparer.Ordinal);
        foreach (var name in names)
        {
            var state = Navigations[name];
            builder.Append(';').Append(name).Append('=').Append(state switch
            {
                NavigationState.Loaded => 'L',
                NavigationState.LazyLoaded => 'Z',
                NavigationState.NotLoaded => 'N',
                _ => '?',
            });
        }

        return builder.ToString();
    }

    public static ReturnedEntity? Decode(string text)
    {
        var parts = text.Split(';');
        if (parts.Length < 2 || !parts[0].StartsWith("T:", System.StringComparison.Ordinal))
        {
            return null;
        }

        var navigations = new Dictionary<string, NavigationState>(System.StringComparer.Ordinal);
        for (var i = 1; i < parts.Length; i++)
        {
            var separator = parts[i].IndexOf('=');
            if (separator <= 0 || separator != parts[i].Length - 2)
            {
                continue;
            }

            navigations[parts[i].Substring(0, separator)] = parts[i][separator + 1] switch
            {
                'L' => NavigationState.Loaded,
                'Z' => NavigationState.LazyLoaded,
                'N' => NavigationState.NotLoaded,
                _ => NavigationState.Unknown,
            };
        }

        return navigations.Count == 0 ? null : new ReturnedEntity(parts[0], navigations);
    }

    /// <summary>
    /// PG0002/PG0003's policy for several records of one method (implementations in several projects): a navigation is
    /// unloaded only when every record says so; loaded when any does; unknown when one is lazy and another not (or one
    /// does not know the path); null when they return different entities.
    /// </summary>
    public static ReturnedEntity? Merge(IReadOnlyList<ReturnedEntity?> records)
    {
        if (records.Count == 0 || records[0] is null)
        {
            return null;
        }

        if (records.Count == 1)
        {
            return records[0];
        }

        var first = records[0]!;
        var merged = new Dictionary<string, NavigationState>(System.StringComparer.Ordinal);
        foreach (var pair in first.Navigations)
        {
            var state = pair.Value;
            foreach (var other in records)
            {
                if (other is null || other.EntityId != first.EntityId)
                {
                    return null;
                }

                var otherState = other.GetState(pair.Key);
                state = state == otherState ? state
                    : state == NavigationState.Loaded || otherState == NavigationState.Loaded ? NavigationState.Loaded
                    : NavigationState.Unknown;
            }

            merged[pair.Key] = state;
        }

        return new ReturnedEntity(first.EntityId, merged);
    }
}
