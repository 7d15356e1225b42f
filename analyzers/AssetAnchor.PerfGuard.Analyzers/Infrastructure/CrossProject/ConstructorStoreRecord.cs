using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// PG0006 across projects: a public constructor of a public class stores one of its parameters, unchanged, into an
/// integral auto-property (<c>public SearchBillsQuery(Guid userId, int pageSize) { CurrentUserId = userId; PageSize =
/// pageSize; }</c> with <c>public int PageSize { get; }</c>), so a dependent project that builds the request with
/// <c>new SearchBillsQuery(.., parameters.PageSize)</c> can follow its value into the property as it does in one
/// compilation (<see cref="RequestValueFlow"/>'s plain stores). One record per stored property:
/// <c>v1s \t T:Shop.Application.SearchBillsQuery \t userId,pageSize \t 1 \t PageSize</c> (the type's documentation
/// ID, the constructor's parameter names, the parameter's ordinal, the property). Written from syntax alone, with no
/// symbol (so a project gains no binding from it): the constructor is named by its parameter names, not their types.
/// </summary>
internal sealed class ConstructorStoreRecord
{
    public const string Marker = "v1s";
    private const char Separator = '\t';

    public ConstructorStoreRecord(string typeId, string parameterNames, int ordinal, string property)
    {
        TypeId = typeId;
        ParameterNames = parameterNames;
        Ordinal = ordinal;
        Property = property;
    }

    public string TypeId { get; }

    /// <summary>The constructor's parameter names, comma-separated: with the type, the key a dependent looks it up by.</summary>
    public string ParameterNames { get; }

    public int Ordinal { get; }

    public string Property { get; }

    /// <summary>The lookup key of a constructor: its type's documentation ID and its parameter names.</summary>
    public static string? KeyOf(IMethodSymbol constructor)
    {
        if (constructor.ContainingType?.OriginalDefinition.GetDocumentationCommentId() is not { } typeId)
        {
            return null;
        }

        return typeId + Separator + JoinNames(constructor.Parameters.Select(static parameter => parameter.Name));
    }

    public string Key => TypeId + Separator + ParameterNames;

    /// <summary>The constructor's parameter names as the record and the lookup key write them: comma-separated.</summary>
    private static string JoinNames(IEnumerable<string> names) => string.Join(",", names);

    public string Encode() =>
        Marker + Separator + TypeId + Separator + ParameterNames + Separator + Ordinal.ToString(CultureInfo.InvariantCulture) + Separator + Property;

    /// <summary>Null for any other record or a damaged one.</summary>
    public static ConstructorStoreRecord? Decode(string value)
    {
        if (!value.StartsWith(Marker + Separator, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = value.Split(Separator);
        return parts.Length < 5 || parts[1].Length == 0 || parts[4].Length == 0 ||
            !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
            ? null
            : new ConstructorStoreRecord(parts[1], parts[2], ordinal, parts[4]);
    }

    /// <summary>
    /// The records of a compilation, read from syntax: public classes (every containing type public too) with an integral
    /// auto-property (<c>int</c>, <c>long</c> or a nullable one, accessors without bodies, not static) and a public
    /// constructor of plain stores only (<c>X = x;</c> or <c>this.X = x;</c>, in a block or an expression body, no
    /// <c>: this(..)</c> or <c>: base(..)</c>), or a primary constructor whose parameter is the property's initializer
    /// (<c>{ get; } = pageSize</c>), the shapes of <see cref="ConstructorStoreSyntax"/> that <see cref="RequestValueFlow"/>
    /// follows in one compilation: a constructor that clamps (<c>PageSize = Math.Min(pageSize, 100)</c>), guards or
    /// calls anything gives none. Only type and member declarations are visited; a constructor body only in a class
    /// that has such a property.
    /// </summary>
    public static List<ConstructorStoreRecord> Collect(Compilation compilation, CancellationToken cancellationToken)
    {
        var found = new List<ConstructorStoreRecord>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is ClassDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword } &&
                    node is TypeDeclarationSyntax type && IsVisible(type))
                {
                    CollectType(type, found);
                }
            }
        }

        return found;
    }

    private static void CollectType(TypeDeclarationSyntax type, List<ConstructorStoreRecord> found)
    {
        HashSet<string>? properties = null;
        Dictionary<string, string?>? initializers = null;
        foreach (var member in type.Members)
        {
            if (member is PropertyDeclarationSyntax property && IsIntegralAutoProperty(property))
            {
                (properties ??= new HashSet<string>(StringComparer.Ordinal)).Add(property.Identifier.ValueText);
                if (type.ParameterList is not null && ConstructorStoreSyntax.InitializerIdentifier(property) is { } source)
                {
                    (initializers ??= new Dictionary<string, string?>(StringComparer.Ordinal))[property.Identifier.ValueText] = source;
                }
            }
        }

        if (properties is null || DocumentationIdOf(type) is not { } typeId)
        {
            return;
        }

        // A primary constructor is as visible as its type (public all the way out, checked by the caller).
        if (type.ParameterList is { } primary && initializers is not null)
        {
            AddStores(found, typeId, primary.Parameters, initializers, properties);
        }

        foreach (var member in type.Members)
        {
            if (member is ConstructorDeclarationSyntax constructor && constructor.Modifiers.Any(SyntaxKind.PublicKeyword) &&
                !constructor.Modifiers.Any(SyntaxKind.StaticKeyword) && ConstructorStoreSyntax.FindPlainStores(constructor) is { } stores)
            {
                AddStores(found, typeId, constructor.ParameterList.Parameters, stores, properties);
            }
        }
    }

    /// <summary>
    /// One record per integral auto-property stored from a parameter, unchanged and once (<paramref name="stores"/>:
    /// member -> source identifier, null when assigned twice); a store from a field or a constant's name gives none.
    /// </summary>
    private static void AddStores(
        List<ConstructorStoreRecord> found, string typeId, SeparatedSyntaxList<ParameterSyntax> parameters, Dictionary<string, string?> stores, HashSet<string> properties)
    {
        string? names = null;
        foreach (var store in stores)
        {
            if (store.Value is not { } source || !properties.Contains(store.Key))
            {
                continue;
            }

            for (var i = 0; i < parameters.Count; i++)
            {
                if (parameters[i].Identifier.ValueText == source && parameters[i].Modifiers.Count == 0)
                {
                    names ??= JoinNames(parameters.Select(static parameter => parameter.Identifier.ValueText));
                    found.Add(new ConstructorStoreRecord(typeId, names, i, store.Key));
                    break;
                }
            }
        }
    }

    private static bool IsIntegralAutoProperty(PropertyDeclarationSyntax property)
    {
        if (property.ExpressionBody is not null || property.AccessorList is not { Accessors.Count: > 0 } accessors ||
            property.Modifiers.Any(SyntaxKind.StaticKeyword) || property.Modifiers.Any(SyntaxKind.AbstractKeyword) || !IsIntegralName(property.Type))
        {
            return false;
        }

        foreach (var accessor in accessors.Accessors)
        {
            if (accessor.Body is not null || accessor.ExpressionBody is not null)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIntegralName(TypeSyntax type) => type switch
    {
        NullableTypeSyntax nullable => IsIntegralName(nullable.ElementType),
        PredefinedTypeSyntax predefined => predefined.Keyword.IsKind(SyntaxKind.IntKeyword) || predefined.Keyword.IsKind(SyntaxKind.LongKeyword),
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText is "Int32" or "Int64",
        QualifiedNameSyntax { Right: IdentifierNameSyntax right } => right.Identifier.ValueText is "Int32" or "Int64",
        _ => false,
    };

    /// <summary>Public, and every containing type public too.</summary>
    private static bool IsVisible(TypeDeclarationSyntax type)
    {
        for (SyntaxNode? current = type; current is not null; current = current.Parent)
        {
            if (current is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PublicKeyword))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The documentation ID the type's symbol will have (<c>T:Ns.Outer.Inner`1</c>), from its declaration.</summary>
    private static string? DocumentationIdOf(TypeDeclarationSyntax type)
    {
        var parts = new List<string>();
        for (SyntaxNode? current = type; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case TypeDeclarationSyntax declaration:
                    var arity = declaration.TypeParameterList?.Parameters.Count ?? 0;
                    parts.Add(arity == 0
                        ? declaration.Identifier.ValueText
                        : declaration.Identifier.ValueText + "`" + arity.ToString(CultureInfo.InvariantCulture));
                    break;
                case BaseNamespaceDeclarationSyntax space:
                    var name = space.Name.ToString();
                    if (name.IndexOf(':') >= 0)
                    {
                        return null;
                    }

                    parts.Add(RemoveWhitespace(name));
                    break;
            }
        }

        parts.Reverse();
        return "T:" + string.Join(".", parts);
    }

    private static string RemoveWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
