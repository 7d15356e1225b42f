using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// A syntax-only pre-filter for the summary writer: a method is bound only when its body names something that can
/// reach the database (a LINQ or EF operator, SaveChanges, Find, Set, a DbSet or IQueryable member, a configured
/// query method, a method of a referenced summary) or calls, by name, a method that does (a fixed point over names,
/// as deep as the round-trip analysis follows calls). Binding every method of every data-access type was most of
/// the writer's cost (docs/cross-project.md).
/// </summary>
/// <remarks>
/// Names over-approximate: a body that mentions a hot name is bound and judged as before; a body that mentions none
/// cannot make a round trip or return query rows the writer would record. When a referenced assembly built without
/// PerfGuard references EF Core, its methods are judged by the return-type fallback, which names cannot predict:
/// then every method passes.
/// </remarks>
internal sealed class DataAccessBodyFilter
{
    private const int MaxRounds = 5;

    private static readonly string[] SeedNames =
    {
        "SaveChanges", "SaveChangesAsync", "Find", "FindAsync", "Set", "Database", "Load", "LoadAsync", "Entry",
        "Reference", "Collection", "Query", "AsQueryable", "CreateDbContext", "CreateDbContextAsync",
        "FromSql", "FromSqlRaw", "FromSqlInterpolated", "SqlQuery", "SqlQueryRaw",
    };

    private readonly HashSet<IMethodSymbol>? hot;

    private DataAccessBodyFilter(HashSet<IMethodSymbol>? hot) => this.hot = hot;

    /// <summary>True when the method's body may make a round trip or return query rows: only then is it bound.</summary>
    public bool MayAccessData(IMethodSymbol method) => hot is null || hot.Contains(method);

    public static DataAccessBodyFilter Create(
        IReadOnlyList<INamedTypeSymbol> types, DataAccessModel data, ReferencedSummaries referenced, RoundTripAnalysis roundTrips, CancellationToken cancellationToken)
    {
        if (HasUnsummarizedEfReference(data.Compilation, referenced))
        {
            return new DataAccessBodyFilter(null);
        }

        var names = new HashSet<string>(System.StringComparer.Ordinal);
        names.UnionWith(SeedNames);
        names.UnionWith(QueryOperators.Executing);
        names.UnionWith(QueryOperators.Materializers);
        names.UnionWith(QueryOperators.SingleRowOrAggregate);
        names.UnionWith(QueryOperators.RawSqlExecution);
        foreach (var id in referenced.MethodIds)
        {
            names.Add(MethodNameOf(id));
        }

        var symbols = data.Symbols;
        var bodies = new List<(IMethodSymbol Method, HashSet<string> Identifiers)>();
        var hot = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var optionTrees = new HashSet<SyntaxTree>();
        foreach (var type in types)
        {
            foreach (var member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (member)
                {
                    // A DbSet or query held by the type: its name in a body reaches the database.
                    case IFieldSymbol field when IsQuery(field.Type, symbols):
                        names.Add(field.Name);
                        break;
                    case IPropertySymbol property when IsQuery(property.Type, symbols):
                        names.Add(property.Name);
                        break;
                    case IMethodSymbol method when method.DeclaringSyntaxReferences.Length > 0:
                        var identifiers = new HashSet<string>(System.StringComparer.Ordinal);
                        foreach (var reference in method.DeclaringSyntaxReferences)
                        {
                            optionTrees.Add(reference.SyntaxTree);
                            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                            {
                                if (node is SimpleNameSyntax name)
                                {
                                    identifiers.Add(name.Identifier.ValueText);
                                }
                            }
                        }

                        if (IsQuery(method.ReturnType, symbols) || IsQuery(symbols.GetTaskResultType(method.ReturnType), symbols) || HasQueryParameter(method, symbols))
                        {
                            hot.Add(method);
                        }

                        bodies.Add((method, identifiers));
                        break;
                }
            }
        }

        // DbSet properties of every context, and the user's configured query methods (PG0001.query_methods).
        foreach (var type in data.Types.Types)
        {
            if (!symbols.IsDbContext(type))
            {
                continue;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol property && symbols.IsDbSet(property.Type))
                {
                    names.Add(property.Name);
                }
            }
        }

        foreach (var tree in optionTrees)
        {
            foreach (var qualified in roundTrips.GetOptions(tree).QueryMethods)
            {
                names.Add(qualified.Substring(qualified.LastIndexOf('.') + 1));
            }
        }

        foreach (var method in hot)
        {
            names.Add(method.Name);
        }

        for (var round = 0; round < MaxRounds; round++)
        {
            var added = false;
            foreach (var (method, identifiers) in bodies)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (hot.Contains(method) || !identifiers.Overlaps(names))
                {
                    continue;
                }

                hot.Add(method);
                names.Add(method.Name);
                added = true;
            }

            if (!added)
            {
                break;
            }
        }

        return new DataAccessBodyFilter(hot);
    }

    private static bool IsQuery(ITypeSymbol? type, EfSymbols symbols) =>
        type is not null && (symbols.IsDbSet(type) || symbols.IsQueryable(type));

    private static bool HasQueryParameter(IMethodSymbol method, EfSymbols symbols)
    {
        foreach (var parameter in method.Parameters)
        {
            if (IsQuery(parameter.Type, symbols) || symbols.IsDbContext(parameter.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"M:Ns.Type.Name``1(System.Int32)" gives "Name"; explicit implementations ("Ns#IRepo#Name") give "Name".</summary>
    internal static string MethodNameOf(string documentationId)
    {
        var end = documentationId.IndexOf('(');
        var generic = documentationId.IndexOf("``", System.StringComparison.Ordinal);
        if (end < 0 || (generic >= 0 && generic < end))
        {
            end = generic >= 0 ? generic : documentationId.Length;
        }

        var head = documentationId.Substring(0, end);
        var start = System.Math.Max(head.LastIndexOf('.'), head.LastIndexOf('#')) + 1;
        return head.Substring(start);
    }

    private static bool HasUnsummarizedEfReference(Compilation compilation, ReferencedSummaries referenced)
    {
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (MethodSummary.IsFrameworkAssemblyName(assembly.Identity.Name) || referenced.IsSummarized(assembly))
            {
                continue;
            }

            foreach (var module in assembly.Modules)
            {
                foreach (var identity in module.ReferencedAssemblies)
                {
                    if (identity.Name.StartsWith("Microsoft.EntityFrameworkCore", System.StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
