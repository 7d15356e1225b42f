using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Methods and local functions registered as minimal-API handlers by method group (app.MapGet("/x", GetAll)).
/// PG0004 reports such a handler on its own declaration, so the diagnostic must come from the declaration's
/// callback (a diagnostic reported outside the analysed node is non-local: the IDE would not squiggle it while
/// typing, nor offer its fix). The index of candidate Map calls, by the handler name they pass, is read from syntax
/// once per compilation on first need; a declaration whose name is not in it costs one lookup, and only the Map calls
/// passing its name are bound.
/// </summary>
internal sealed class MinimalApiHandlers
{
    private readonly Compilation compilation;
    private readonly SemanticModelCache models;
    private readonly AspNetSymbols asp;
    private Dictionary<string, List<InvocationExpressionSyntax>>? callsByHandlerName;

    public MinimalApiHandlers(Compilation compilation, SemanticModelCache models, AspNetSymbols asp)
    {
        this.compilation = compilation;
        this.models = models;
        this.asp = asp;
    }

    /// <summary>True when a Map* call somewhere passes a method group of this name (a cheap pre-filter).</summary>
    public bool MayBeHandler(string name, CancellationToken cancellationToken) => GetIndex(cancellationToken).ContainsKey(name);

    /// <summary>The Map* calls that register <paramref name="handler"/> by method group, in source order.</summary>
    public List<IInvocationOperation> FindRegistrations(IMethodSymbol handler, CancellationToken cancellationToken)
    {
        var found = new List<IInvocationOperation>();
        if (!GetIndex(cancellationToken).TryGetValue(handler.Name, out var calls))
        {
            return found;
        }

        var definition = handler.OriginalDefinition;
        foreach (var call in calls)
        {
            if (this.models.Get(call.SyntaxTree)?.GetOperation(call, cancellationToken) is not IInvocationOperation invocation ||
                !this.asp.IsMinimalApiMap(invocation.TargetMethod))
            {
                continue;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (PagingQueries.Strip(argument.Value) is IDelegateCreationOperation { Target: IMethodReferenceOperation reference } &&
                    SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, definition))
                {
                    found.Add(invocation);
                    break;
                }
            }
        }

        return found;
    }

    private Dictionary<string, List<InvocationExpressionSyntax>> GetIndex(CancellationToken cancellationToken)
    {
        var index = Volatile.Read(ref callsByHandlerName);
        if (index is not null)
        {
            return index;
        }

        index = Build(cancellationToken);
        return Interlocked.CompareExchange(ref callsByHandlerName, index, null) ?? index;
    }

    private Dictionary<string, List<InvocationExpressionSyntax>> Build(CancellationToken cancellationToken)
    {
        var index = new Dictionary<string, List<InvocationExpressionSyntax>>(System.StringComparer.Ordinal);
        foreach (var tree in this.compilation.SyntaxTrees)
        {
            // Most files call no Map* method: a search of the text skips walking every node of them (most of PG0004's
            // time in a real project without endpoints).
            if (tree.GetText(cancellationToken).ToString().IndexOf("Map", System.StringComparison.Ordinal) < 0)
            {
                continue;
            }

            var root = tree.GetRoot(cancellationToken);
            foreach (var node in root.DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax invocation || !IsMapName(invocation))
                {
                    continue;
                }

                foreach (var argument in invocation.ArgumentList.Arguments)
                {
                    if (MethodGroupName(argument) is not { } name)
                    {
                        continue;
                    }

                    if (!index.TryGetValue(name, out var calls))
                    {
                        calls = new List<InvocationExpressionSyntax>();
                        index.Add(name, calls);
                    }

                    calls.Add(invocation);
                }
            }
        }

        return index;
    }

    /// <summary>
    /// The names a Map* call passes as method groups (<c>GetAll</c>, <c>Handlers.GetAll</c>), read from syntax: the same
    /// index, for the summary writer's Up endpoint rows (<see cref="EndpointReach"/>), which runs before any symbol.
    /// </summary>
    public static void AddMethodGroupNames(InvocationExpressionSyntax invocation, HashSet<string> names)
    {
        if (!IsMapName(invocation))
        {
            return;
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (MethodGroupName(argument) is { } name)
            {
                names.Add(name);
            }
        }
    }

    private static string? MethodGroupName(ArgumentSyntax argument) => argument.Expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
        _ => null,
    };

    private static bool IsMapName(InvocationExpressionSyntax invocation)
    {
        var name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        return name is "MapGet" or "MapPost" or "MapPut" or "MapDelete" or "MapPatch" or "MapMethods" or "Map" && invocation.ArgumentList.Arguments.Count > 1;
    }
}
