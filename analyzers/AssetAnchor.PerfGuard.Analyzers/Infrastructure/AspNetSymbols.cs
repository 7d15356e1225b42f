using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The ASP.NET Core symbols the pagination rules need, resolved once per compilation (DataAccessModel.AspNet).
/// <see cref="IsReferenced"/> is false when the compilation references neither MVC, Razor Pages nor minimal APIs.
/// </summary>
internal sealed class AspNetSymbols
{
    private AspNetSymbols(Compilation compilation)
    {
        var aspNetCore = new AssemblyFamily(compilation, "Microsoft.AspNetCore");
        ControllerBase = aspNetCore.GetType("Microsoft.AspNetCore.Mvc.ControllerBase");
        ApiControllerAttribute = aspNetCore.GetType("Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
        ControllerAttribute = aspNetCore.GetType("Microsoft.AspNetCore.Mvc.ControllerAttribute");
        NonControllerAttribute = aspNetCore.GetType("Microsoft.AspNetCore.Mvc.NonControllerAttribute");
        NonActionAttribute = aspNetCore.GetType("Microsoft.AspNetCore.Mvc.NonActionAttribute");
        PageModel = aspNetCore.GetType("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
        BindPropertyAttribute = aspNetCore.GetType("Microsoft.AspNetCore.Mvc.BindPropertyAttribute");
        BindPropertiesAttribute = aspNetCore.GetType("Microsoft.AspNetCore.Mvc.BindPropertiesAttribute");
        EndpointRouteBuilderExtensions = aspNetCore.GetType("Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
        Results = aspNetCore.GetType("Microsoft.AspNetCore.Http.Results");
        TypedResults = aspNetCore.GetType("Microsoft.AspNetCore.Http.TypedResults");
        ObjectResult = aspNetCore.GetType("Microsoft.AspNetCore.Mvc.ObjectResult");
        JsonResult = aspNetCore.GetType("Microsoft.AspNetCore.Mvc.JsonResult");
        ValidationAttribute = AssemblyFamily.GetFrameworkType(compilation, "System.ComponentModel.DataAnnotations.ValidationAttribute");
        KeyAttribute = AssemblyFamily.GetFrameworkType(compilation, "System.ComponentModel.DataAnnotations.KeyAttribute");
        Math = AssemblyFamily.GetFrameworkType(compilation, "System.Math");
    }

    public INamedTypeSymbol? ControllerBase { get; }
    public INamedTypeSymbol? ApiControllerAttribute { get; }
    public INamedTypeSymbol? ControllerAttribute { get; }
    public INamedTypeSymbol? NonControllerAttribute { get; }
    public INamedTypeSymbol? NonActionAttribute { get; }
    public INamedTypeSymbol? PageModel { get; }
    public INamedTypeSymbol? BindPropertyAttribute { get; }
    public INamedTypeSymbol? BindPropertiesAttribute { get; }
    public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }
    public INamedTypeSymbol? Results { get; }
    public INamedTypeSymbol? TypedResults { get; }
    public INamedTypeSymbol? ObjectResult { get; }
    public INamedTypeSymbol? JsonResult { get; }
    public INamedTypeSymbol? ValidationAttribute { get; }
    public INamedTypeSymbol? KeyAttribute { get; }
    public INamedTypeSymbol? Math { get; }

    /// <summary>Whether the compilation references MVC, Razor Pages or minimal APIs.</summary>
    public bool IsReferenced => ControllerBase is not null || PageModel is not null || EndpointRouteBuilderExtensions is not null;

    /// <summary>The symbols, present or not: for the summary writer of a project without ASP.NET Core.</summary>
    public static AspNetSymbols CreateAlways(Compilation compilation) => new(compilation);

    /// <summary>A controller by MVC's rules: derives from ControllerBase, carries [ApiController]/[Controller] (also inherited), or is named *Controller.</summary>
    public bool IsController(INamedTypeSymbol? type)
    {
        if (type is null || type.TypeKind != TypeKind.Class || type.IsStatic || HasAttribute(type, NonControllerAttribute, inherit: true))
        {
            return false;
        }

        if (InheritsFrom(type, ControllerBase) ||
            HasAttribute(type, ApiControllerAttribute, inherit: true) ||
            HasAttribute(type, ControllerAttribute, inherit: true))
        {
            return true;
        }

        // MVC's naming convention only applies to public concrete classes.
        return type.DeclaredAccessibility == Accessibility.Public && !type.IsAbstract && !type.IsGenericType &&
            type.Name.EndsWith("Controller", System.StringComparison.Ordinal) && !IsPageModel(type);
    }

    public bool IsPageModel(INamedTypeSymbol? type) => InheritsFrom(type, PageModel);

    /// <summary>A public instance method MVC would route to: not [NonAction], not an override of a framework hook.</summary>
    public bool IsControllerAction(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || method.IsAbstract || method.IsGenericMethod ||
            method.DeclaredAccessibility != Accessibility.Public || HasAttribute(method, NonActionAttribute, inherit: false))
        {
            return false;
        }

        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (HasAttribute(overridden, NonActionAttribute, inherit: false) || overridden.Locations.Length == 0 || !overridden.Locations[0].IsInSource)
            {
                return false;
            }
        }

        return IsController(method.ContainingType);
    }

    /// <summary>A Razor Pages handler: OnGet*/OnPost* on a PageModel.</summary>
    public bool IsPageHandler(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary && !method.IsStatic && !method.IsAbstract &&
        method.DeclaredAccessibility == Accessibility.Public &&
        (method.Name.StartsWith("OnGet", System.StringComparison.Ordinal) || method.Name.StartsWith("OnPost", System.StringComparison.Ordinal)) &&
        IsPageModel(method.ContainingType) && !HasAttribute(method, NonActionAttribute, inherit: false);

    /// <summary>True for the MapGet/MapPost/.../Map overloads that take a Delegate handler.</summary>
    public bool IsMinimalApiMap(IMethodSymbol method)
    {
        if (!SymbolEqualityComparer.Default.Equals(method.ContainingType, EndpointRouteBuilderExtensions))
        {
            return false;
        }

        switch (method.Name)
        {
            case "MapGet":
            case "MapPost":
            case "MapPut":
            case "MapDelete":
            case "MapPatch":
            case "MapMethods":
            case "Map":
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// "GET /api/assets": the HTTP method of a Map* call and its route, with the prefixes of the MapGroup calls it hangs
    /// off (a chained call or a local assigned once from one). A route that is not a constant keeps its source text.
    /// </summary>
    public static string DescribeRoute(IInvocationOperation map)
    {
        string? pattern = null;
        IOperation? receiver = null;
        IOperation? methods = null;
        foreach (var argument in map.Arguments)
        {
            switch (argument.Parameter?.Ordinal)
            {
                case 0:
                    receiver = argument.Value;
                    break;
                default:
                    if (argument.Parameter?.Name == "pattern")
                    {
                        pattern = RouteText(argument.Value);
                    }
                    else if (argument.Parameter?.Name == "httpMethods")
                    {
                        methods = argument.Value;
                    }

                    break;
            }
        }

        var route = GroupPrefix(receiver, 0) + (pattern ?? string.Empty);
        var verb = map.TargetMethod.Name switch
        {
            "MapGet" => "GET",
            "MapPost" => "POST",
            "MapPut" => "PUT",
            "MapDelete" => "DELETE",
            "MapPatch" => "PATCH",
            "MapMethods" => HttpMethods(methods),
            _ => null,
        };
        return verb is null ? route : verb + " " + route;
    }

    private static string RouteText(IOperation value) =>
        value.ConstantValue is { HasValue: true, Value: string text } ? text : value.Syntax.ToString();

    /// <summary>The prefix of app.MapGroup("/api").MapGroup("/v1") or of a local assigned from one; "" when unknown.</summary>
    private static string GroupPrefix(IOperation? receiver, int depth)
    {
        while (receiver is IConversionOperation conversion)
        {
            receiver = conversion.Operand;
        }

        if (depth > 8)
        {
            return string.Empty;
        }

        if (receiver is ILocalReferenceOperation local && local.Local.DeclaringSyntaxReferences.Length == 1 &&
            local.Local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initializer } &&
            local.SemanticModel?.SyntaxTree == initializer.SyntaxTree && local.SemanticModel.GetOperation(initializer) is { } assigned)
        {
            receiver = assigned;
            while (receiver is IConversionOperation inner)
            {
                receiver = inner.Operand;
            }
        }

        // app.MapGroup("/api").RequireAuthorization().WithTags(..): conventions return the builder they are given.
        for (var i = 0; i < 8 && receiver is IInvocationOperation { TargetMethod.Name: not "MapGroup", TargetMethod.IsExtensionMethod: true, Arguments.Length: > 0 } convention &&
                        SymbolEqualityComparer.Default.Equals(convention.Type, convention.Arguments[0].Value.Type); i++)
        {
            receiver = convention.Arguments[0].Value;
            while (receiver is IConversionOperation inner)
            {
                receiver = inner.Operand;
            }
        }

        if (receiver is IInvocationOperation { TargetMethod.Name: "MapGroup" } group)
        {
            IOperation? outer = null;
            string? prefix = null;
            foreach (var argument in group.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    outer = argument.Value;
                }
                else if (argument.Parameter?.Name == "prefix")
                {
                    prefix = RouteText(argument.Value);
                }
            }

            return GroupPrefix(outer, depth + 1) + (prefix ?? string.Empty);
        }

        return string.Empty;
    }

    private static string? HttpMethods(IOperation? methods)
    {
        while (methods is IConversionOperation conversion)
        {
            methods = conversion.Operand;
        }

        var values = methods switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            _ => ImmutableArray<IOperation>.Empty,
        };
        var names = new List<string>();
        foreach (var value in values)
        {
            if (value.ConstantValue is { HasValue: true, Value: string name })
            {
                names.Add(name.ToUpperInvariant());
            }
        }

        return names.Count == 0 ? null : string.Join(",", names);
    }

    /// <summary>A model property the request binds: [BindProperty], [FromQuery]/[FromRoute]/... on it, or [BindProperties] on the class.</summary>
    public bool IsBoundProperty(IPropertySymbol property)
    {
        if (HasAttribute(property, BindPropertyAttribute, inherit: true) || HasAttribute(property.ContainingType, BindPropertiesAttribute, inherit: true))
        {
            return true;
        }

        foreach (var attribute in property.GetAttributes())
        {
            var name = attribute.AttributeClass?.Name;
            if (name is "FromQueryAttribute" or "FromRouteAttribute" or "FromFormAttribute" or "FromBodyAttribute")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>[Range], [MaxLength] or any other DataAnnotations validation on the symbol.</summary>
    public bool HasValidationAttribute(ISymbol symbol) => HasAttribute(symbol, ValidationAttribute, inherit: true);

    public static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the symbol (or, for types with <paramref name="inherit"/>, a base type) carries the attribute or a subclass of it.</summary>
    public static bool HasAttribute(ISymbol? symbol, INamedTypeSymbol? attributeType, bool inherit)
    {
        if (symbol is null || attributeType is null)
        {
            return false;
        }

        for (var current = symbol; current is not null;)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (InheritsFrom(attribute.AttributeClass, attributeType))
                {
                    return true;
                }
            }

            current = inherit && current is INamedTypeSymbol named ? named.BaseType : null;
        }

        return false;
    }
}
