using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>Where an entity whose navigation is read came from: the query that loaded it, and the navigations walked since.</summary>
internal readonly struct EntityOrigin
{
    public EntityOrigin(
        IOperation? chain, SyntaxNode? fixAnchor, ITypeSymbol entityType, ImmutableArray<IPropertySymbol> path, bool perElement,
        NavigationBodyFacts? sourceFacts = null, ReturnedEntity? recorded = null)
    {
        Chain = chain;
        FixAnchor = fixAnchor;
        EntityType = entityType;
        Path = path;
        PerElement = perElement;
        SourceFacts = sourceFacts;
        Recorded = recorded;
    }

    /// <summary>The IQueryable expression whose includes decide; null for Find and for a referenced project's record.</summary>
    public IOperation? Chain { get; }

    /// <summary>The expression a fix appends .Include(...) to; null when the query is in another method.</summary>
    public SyntaxNode? FixAnchor { get; }

    public ITypeSymbol EntityType { get; }

    /// <summary>Navigations already walked from the query's entity to this one.</summary>
    public ImmutableArray<IPropertySymbol> Path { get; }

    /// <summary>The entity varies per element of a loop or lambda (a foreach variable or lambda parameter).</summary>
    public bool PerElement { get; }

    /// <summary>The body of the helper or repository that ran the query (its explicit loads count), when not the reader's.</summary>
    public NavigationBodyFacts? SourceFacts { get; }

    /// <summary>A referenced project's record of what its method returns; then <see cref="Chain"/> is null.</summary>
    public ReturnedEntity? Recorded { get; }

    public bool Append(IPropertySymbol navigation, out EntityOrigin appended)
    {
        appended = new EntityOrigin(Chain, FixAnchor, EntityType, Path.Add(navigation), PerElement, SourceFacts, Recorded);
        return true;
    }

    public bool MarkPerElement(out EntityOrigin marked)
    {
        marked = new EntityOrigin(Chain, FixAnchor, EntityType, Path, true, SourceFacts, Recorded);
        return true;
    }

    /// <summary>The origin as a caller of the method that returned it sees it: no fix anchor in another body, not per element yet.</summary>
    public EntityOrigin AsReturned(NavigationBodyFacts sourceFacts) =>
        new(Chain, null, EntityType, Path, false, SourceFacts ?? sourceFacts, Recorded);
}
