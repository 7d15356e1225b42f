using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The part of a DbContext's model that PG0002/PG0003 need to judge a query written in another project against that
/// context (<c>_db.Orders.Where(..).ToListAsync()</c> in Web on Infrastructure's context), recorded by the context's
/// project in its own assembly beside the method records, with its own version marker (<see cref="Marker"/>), so
/// older readers skip it:
/// <list type="bullet">
/// <item><c>v1m \t E \t T:Shop.Domain.Order \t Customer=R;Lines=C;Tags=CA \t T:Shop.Infrastructure.ShopContext</c>: an
/// entity type and its navigations (<c>R</c> reference, <c>C</c> collection, <c>A</c> auto-included; owned and
/// complex types are no navigations and are not listed), and the lazy contexts it belongs to (field 5, often empty).</item>
/// <item><c>v1m \t C \t T:Shop.Infrastructure.ShopContext \t Z</c>: a context whose own project switches lazy loading on.</item>
/// </list>
/// Only entities with at least one navigation are recorded, and only by a library with a DbContext declared in it.
/// </summary>
internal sealed class ContextModelRecord
{
    public const string Marker = "v1m";

    private const char Separator = '\t';

    private ContextModelRecord(bool isContext, string typeId, IReadOnlyDictionary<string, ImportedNavigation> navigations, IReadOnlyList<string> lazyContextIds)
    {
        IsContext = isContext;
        TypeId = typeId;
        Navigations = navigations;
        LazyContextIds = lazyContextIds;
    }

    /// <summary>A lazy context's record (<c>C</c>); otherwise an entity's (<c>E</c>).</summary>
    public bool IsContext { get; }

    /// <summary>The entity's or the context's documentation-comment ID.</summary>
    public string TypeId { get; }

    public IReadOnlyDictionary<string, ImportedNavigation> Navigations { get; }

    /// <summary>For an entity: the lazy contexts it belongs to.</summary>
    public IReadOnlyList<string> LazyContextIds { get; }

    public static ContextModelRecord ForLazyContext(string contextId) =>
        new(true, contextId, new Dictionary<string, ImportedNavigation>(), System.Array.Empty<string>());

    public static ContextModelRecord ForEntity(string entityId, IReadOnlyDictionary<string, ImportedNavigation> navigations, IReadOnlyList<string> lazyContextIds) =>
        new(false, entityId, navigations, lazyContextIds);

    public string Encode()
    {
        var builder = new StringBuilder(Marker).Append(Separator).Append(IsContext ? 'C' : 'E').Append(Separator).Append(TypeId).Append(Separator);
        if (IsContext)
        {
            return builder.Append('Z').ToString();
        }

        var names = new List<string>(Navigations.Keys);
        names.Sort(System.StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var navigation = Navigations[names[i]];
            builder.Append(i == 0 ? "" : ";").Append(names[i]).Append('=').Append(navigation.IsCollection ? 'C' : 'R');
            if (navigation.AutoIncluded)
            {
                builder.Append('A');
            }
        }

        return builder.Append(Separator).Append(string.Join(",", LazyContextIds)).ToString();
    }

    /// <summary>Null for another kind, another version or a damaged record: an unreadable record only makes PerfGuard quieter.</summary>
    public static ContextModelRecord? Decode(string value)
    {
        if (!value.StartsWith(Marker + Separator, System.StringComparison.Ordinal))
        {
            return null;
        }

        var parts = value.Split(Separator);
        if (parts.Length < 4 || !parts[2].StartsWith("T:", System.StringComparison.Ordinal) || parts[2].Length < 3)
        {
            return null;
        }

        if (parts[1] == "C")
        {
            return parts[3] == "Z" ? ForLazyContext(parts[2]) : null;
        }

        if (parts[1] != "E")
        {
            return null;
        }

        var navigations = new Dictionary<string, ImportedNavigation>(System.StringComparer.Ordinal);
        foreach (var item in parts[3].Split(';'))
        {
            var separator = item.IndexOf('=');
            if (separator <= 0 || separator == item.Length - 1)
            {
                continue;
            }

            var flags = item.Substring(separator + 1);
            if (flags[0] is not ('R' or 'C'))
            {
                continue;
            }

            navigations[item.Substring(0, separator)] = new ImportedNavigation(flags[0] == 'C', flags.IndexOf('A') > 0);
        }

        var lazy = new List<string>();
        if (parts.Length > 4)
        {
            foreach (var id in parts[4].Split(','))
            {
                if (id.Length > 2 && id.StartsWith("T:", System.StringComparison.Ordinal))
                {
                    lazy.Add(id);
                }
            }
        }

        return navigations.Count == 0 ? null : ForEntity(parts[2], navigations, lazy);
    }

    /// <summary>
    /// The records of this compilation's model: public entity types with navigations, and lazy public contexts.
    /// Nothing for an executable (no project references it) or a project that declares no DbContext.
    /// </summary>
    public static List<ContextModelRecord> Collect(DataAccessModel data, CancellationToken cancellationToken)
    {
        var records = new List<ContextModelRecord>();
        if (data.Compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication ||
            !DeclaresContext(data))
        {
            return records;
        }

        var model = data.GetEntityModel(cancellationToken);
        var lazyContexts = new SortedSet<string>(System.StringComparer.Ordinal);
        var entities = new SortedDictionary<string, ContextModelRecord>(System.StringComparer.Ordinal);
        foreach (var entity in model.SourceEntityTypes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsPublic(entity) || entity.GetDocumentationCommentId() is not { } entityId)
            {
                continue;
            }

            var navigations = new Dictionary<string, ImportedNavigation>(System.StringComparer.Ordinal);
            foreach (var member in entity.GetMembers())
            {
                if (member is IPropertySymbol { DeclaredAccessibility: Accessibility.Public } property && model.IsNavigation(property, out var isCollection))
                {
                    navigations[property.Name] = new ImportedNavigation(isCollection, model.IsAutoIncluded(property));
                }
            }

            if (navigations.Count == 0)
            {
                continue;
            }

            var lazy = new List<string>();
            foreach (var context in model.GetContextsOf(entity))
            {
                if (model.IsLazyContext(context) && IsPublic(context) && context.GetDocumentationCommentId() is { } contextId)
                {
                    lazy.Add(contextId);
                    lazyContexts.Add(contextId);
                }
            }

            lazy.Sort(System.StringComparer.Ordinal);
            entities[entityId] = ForEntity(entityId, navigations, lazy);
        }

        foreach (var context in model.LazyContexts)
        {
            if (IsPublic(context) && SymbolEqualityComparer.Default.Equals(context.ContainingAssembly, data.Compilation.Assembly) &&
                context.GetDocumentationCommentId() is { } contextId)
            {
                lazyContexts.Add(contextId);
            }
        }

        foreach (var contextId in lazyContexts)
        {
            records.Add(ForLazyContext(contextId));
        }

        records.AddRange(entities.Values);
        return records;
    }

    private static bool DeclaresContext(DataAccessModel data)
    {
        foreach (var type in data.Types.Types)
        {
            if (type.TypeKind == TypeKind.Class && IsPublic(type) && data.Symbols.IsDbContext(type))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPublic(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A navigation of an entity another project's context model recorded.</summary>
internal readonly struct ImportedNavigation
{
    public ImportedNavigation(bool isCollection, bool autoIncluded)
    {
        IsCollection = isCollection;
        AutoIncluded = autoIncluded;
    }

    public bool IsCollection { get; }

    public bool AutoIncluded { get; }
}
