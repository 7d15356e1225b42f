using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Requests and their handlers, recognised by shape rather than by a library: a handler interface is a generic
/// interface with a single method whose first parameter is the interface's first type parameter (MediatR's
/// <c>IRequestHandler&lt;TRequest, TResponse&gt;</c> and <c>INotificationHandler&lt;T&gt;</c>, a solution's own
/// <c>IQueryHandler&lt;TQuery, TResult&gt;</c> or <c>ICommandHandler&lt;TCommand&gt;</c>); a dispatch is MediatR's
/// <c>Send</c>/<c>Publish</c>, or a call to a dispatcher method that takes the request through an interface parameter and
/// resolves its handler from DI. A dispatch whose handler cannot be resolved is not followed.
/// </summary>
internal static class RequestHandlers
{
    private const int MaxHandlersPerRequest = 8;

    /// <summary>The handler interface's single method when <paramref name="contract"/> has the handler shape, else null.</summary>
    public static IMethodSymbol? GetHandleMethod(INamedTypeSymbol contract)
    {
        if (contract.TypeKind != TypeKind.Interface || !contract.IsGenericType || contract.TypeArguments.Length == 0 ||
            contract.ContainingAssembly is null || MethodSummary.IsFrameworkAssemblyName(contract.ContainingAssembly.Identity.Name))
        {
            // IComparer<T>.Compare(T, T) has the shape too: the framework's interfaces are not handlers.
            return null;
        }

        // MediatR's pre/post-processors and behaviours have the shape as well, but are not the handler that answers.
        if (contract.ContainingNamespace is { Name: "MediatR", ContainingNamespace.IsGlobalNamespace: true } &&
            contract.Name is not ("IRequestHandler" or "INotificationHandler"))
        {
            return null;
        }

        var definition = contract.OriginalDefinition;
        IMethodSymbol? single = null;
        foreach (var member in definition.GetMembers())
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method)
            {
                if (single is not null)
                {
                    return null;
                }

                single = method;
            }
        }

        return single is { Parameters.Length: > 0 } && SymbolEqualityComparer.Default.Equals(single.Parameters[0].Type, definition.TypeParameters[0])
            ? single
            : null;
    }

    /// <summary>The handle methods of the compilation's handlers of <paramref name="request"/> (generic definitions compared).</summary>
    public static List<IMethodSymbol> FindInCompilation(SourceTypeIndex types, ITypeSymbol request)
    {
        var found = new List<IMethodSymbol>();
        foreach (var type in types.Types)
        {
            if (type.TypeKind != TypeKind.Class || type.IsAbstract || found.Count >= MaxHandlersPerRequest)
            {
                continue;
            }

            foreach (var contract in type.AllInterfaces)
            {
                if (contract.TypeArguments.Length == 0 || contract.TypeArguments[0] is not INamedTypeSymbol handled ||
                    !Handles(handled, request) || GetHandleMethod(contract) is not { } handleDefinition)
                {
                    continue;
                }

                foreach (var member in contract.GetMembers(handleDefinition.Name))
                {
                    if (member is IMethodSymbol { Parameters.Length: > 0 } handle &&
                        FindHandleImplementation(type, handle) is { } implementation)
                    {
                        found.Add(implementation.OriginalDefinition);
                        break;
                    }
                }
            }
        }

        return found;
    }

    /// <summary>
    /// A handler of <paramref name="handled"/> handles <paramref name="request"/>: the same type, or a generic handler of
    /// the request's generic definition (<c>GetAllQueryHandler&lt;T&gt; : IQueryHandler&lt;GetAllQuery&lt;T&gt;, ..&gt;</c>).
    /// A handler of <c>EntityCreated&lt;Product&gt;</c> does not handle <c>EntityCreated&lt;Invoice&gt;</c>.
    /// </summary>
    public static bool Handles(INamedTypeSymbol handled, ITypeSymbol request) =>
        SymbolEqualityComparer.Default.Equals(handled, request) ||
        (IsOpen(handled) && SymbolEqualityComparer.Default.Equals(handled.OriginalDefinition, request.OriginalDefinition));

    /// <summary>
    /// The key a handler record is written under: the closed request type's reference ID, or its generic definition's
    /// ID when the handler is generic over it. A reader asks <see cref="GetRequestKeys"/> in that order.
    /// </summary>
    public static string? GetRecordKey(INamedTypeSymbol handled) =>
        IsOpen(handled) ? handled.OriginalDefinition.GetDocumentationCommentId() : ClosedTypeId(handled);

    // A reference ID has no kind prefix; the records name types as documentation-comment IDs do ("T:...").
    private static string ClosedTypeId(INamedTypeSymbol type) => "T:" + DocumentationCommentId.CreateReferenceId(type);

    /// <summary>The keys a dispatched request's handlers may be recorded under, the exact type first.</summary>
    public static IEnumerable<string> GetRequestKeys(INamedTypeSymbol request)
    {
        var exact = ClosedTypeId(request);
        yield return exact;
        if (request.IsGenericType && request.OriginalDefinition.GetDocumentationCommentId() is { } open && open != exact)
        {
            yield return open;
        }
    }

    private static bool IsOpen(INamedTypeSymbol type)
    {
        foreach (var argument in type.TypeArguments)
        {
            if (argument.TypeKind == TypeKind.TypeParameter || (argument is INamedTypeSymbol { IsGenericType: true } nested && IsOpen(nested)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The method of <paramref name="type"/> that runs for the handler interface's method: the implementation, or the
    /// override of it when a base class implements the interface with an abstract or virtual method
    /// (<c>DomainEventHandlerBase&lt;TEvent&gt; : IEventHandler&lt;TEvent&gt;</c> with <c>public abstract Task HandleAsync</c>).
    /// </summary>
    public static IMethodSymbol? FindHandleImplementation(INamedTypeSymbol type, IMethodSymbol handle)
    {
        if (type.FindImplementationForInterfaceMember(handle) is not IMethodSymbol implementation)
        {
            return null;
        }

        if (!implementation.IsAbstract && !implementation.IsVirtual)
        {
            return implementation;
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(implementation.Name))
            {
                for (var overridden = (member as IMethodSymbol)?.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, implementation.OriginalDefinition))
                    {
                        return (IMethodSymbol)member;
                    }
                }
            }
        }

        return implementation.IsAbstract ? null : implementation;
    }

    /// <summary>MediatR's <c>ISender.Send</c>/<c>IMediator.Send</c> and <c>IPublisher.Publish</c>/<c>IMediator.Publish</c>.</summary>
    public static bool IsMediatorDispatch(IMethodSymbol method) =>
        method.Name is "Send" or "Publish" && method.Parameters.Length > 0 &&
        method.ContainingType is { Name: "ISender" or "IMediator" or "Mediator" or "IPublisher" } type &&
        type.ContainingNamespace is { Name: "MediatR", ContainingNamespace.IsGlobalNamespace: true };

    /// <summary>
    /// The request a dispatch carries: MediatR's Send/Publish, or a call whose first parameter is an interface the
    /// argument's type implements (the caller decides whether the method is a known dispatcher). Null otherwise.
    /// </summary>
    public static INamedTypeSymbol? GetDispatchedRequest(IInvocationOperation invocation)
    {
        if (invocation.Arguments.Length == 0)
        {
            return null;
        }

        var argument = invocation.Arguments[0];
        if (OperationHelpers.Unwrap(argument.Value)?.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } request)
        {
            return null;
        }

        if (IsMediatorDispatch(invocation.TargetMethod))
        {
            return request;
        }

        if (argument.Parameter?.Type is not INamedTypeSymbol { TypeKind: TypeKind.Interface } contract)
        {
            return null;
        }

        foreach (var implemented in request.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract.OriginalDefinition))
            {
                return request;
            }
        }

        return null;
    }

    /// <summary>
    /// A dispatcher method declared in source: its first parameter is an interface and its body resolves a service from
    /// DI (<c>GetService</c>, <c>GetRequiredService</c>, <c>GetServices</c>, keyed variants). Read from syntax only.
    /// </summary>
    public static bool IsSourceDispatcher(IMethodSymbol method)
    {
        // Not the framework's own contracts: AddX(this IServiceCollection services) helpers also call GetService.
        if (method.IsExtensionMethod || method.Parameters.Length == 0 || method.Parameters[0].Type.TypeKind != TypeKind.Interface ||
            method.Parameters[0].Type.ContainingAssembly is not { } assembly || MethodSummary.IsFrameworkAssemblyName(assembly.Identity.Name))
        {
            return false;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax().DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation && InvokedName.Of(invocation.Expression) is { } name &&
                    name.StartsWith("Get", StringComparison.Ordinal) &&
                    name is "GetService" or "GetRequiredService" or "GetServices" or "GetKeyedService" or "GetRequiredKeyedService")
                {
                    return true;
                }
            }
        }

        return false;
    }
}
