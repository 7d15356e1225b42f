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
/// the summary record carries it (field 9): <c>T:Anchor.Domain.Order;Lines=L;Customer=N;Payments=Z</c>. Only the
/// entity's own navigations are recorded (one level): deeper reads on such an entity are not judged across projects.
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

    public NavigationState GetState(string navigation) =>
        Navigations.TryGetValue(navigation, out var state) ? state : NavigationState.Unknown;

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
    /// unloaded only when every record says so; loaded when any does; null when they return different entities.
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
