using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Endpoints that reach an unseen contract's rows without calling it themselves (v1r, docs/cross-project.md "Up"),
/// found from syntax alone, by name: a method or local function passed to a Map* call as a method group
/// (<c>app.MapGet("/orders", GetAll)</c>), and an endpoint that calls a method of its own project which calls the
/// contract, to the depth PG0004 follows its own helpers (three methods between the endpoint and the contract).
/// A superset of what the rows classifier then follows with symbols: the summary prefilter keeps a project only when
/// one of these may exist, and the call-site writer binds only these endpoints.
/// </summary>
internal sealed class EndpointReach
{
    /// <summary>Calls PG0004's classifier follows below an endpoint (RowsClassifier.MaxCallDepth is 4: an endpoint and three helpers make calls).</summary>
    private const int HelperRounds = 3;

    private readonly HashSet<string> reaching;
    private readonly HashSet<string> methodGroups;
    private readonly HashSet<SyntaxTree> trees;

    private EndpointReach(HashSet<string> reaching, HashSet<string> methodGroups, HashSet<SyntaxTree> trees)
    {
        this.reaching = reaching;
        this.methodGroups = methodGroups;
        this.trees = trees;
    }

    /// <summary>
    /// Null when no endpoint of these trees can reach a contract call this way: no contract-named call, or none of the
    /// functions that may make one (directly or through up to three of the project's methods, by name) is a Map* method
    /// group or called from an endpoint shape (<see cref="SummaryPrefilter.IsInEndpointShape"/>).
    /// </summary>
    public static EndpointReach? Find(IEnumerable<SyntaxNode> roots, UnseenContractNames contracts, CancellationToken cancellationToken)
    {
        var holders = new HashSet<string>(StringComparer.Ordinal);
        var callersByName = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var methodGroups = new HashSet<string>(StringComparer.Ordinal);
        var endpointCalls = new List<(string Name, SyntaxTree Tree)>();
        var declarations = new List<(string Name, SyntaxTree Tree)>();
        foreach (var root in roots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var node in root.DescendantNodes())
            {
                if (node is MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                {
                    declarations.Add((DeclaredName(node), root.SyntaxTree));
                    continue;
                }

                if (node is not InvocationExpressionSyntax call)
                {
                    continue;
                }

                MinimalApiHandlers.AddMethodGroupNames(call, methodGroups);
                var holder = HolderName(call);
                if (contracts.MayCall(call))
                {
                    if (holder is not null)
                    {
                        holders.Add(holder);
                    }

                    continue;
                }

                if (InvokedName.Of(call.Expression) is not { } name)
                {
                    continue;
                }

                if (holder is not null)
                {
                    if (!callersByName.TryGetValue(name, out var callers))
                    {
                        callersByName.Add(name, callers = new HashSet<string>(StringComparer.Ordinal));
                    }

                    callers.Add(holder);
                }

                if (SummaryPrefilter.IsInEndpointShape(call))
                {
                    endpointCalls.Add((name, root.SyntaxTree));
                }
            }
        }

        if (holders.Count == 0)
        {
            return null;
        }

        var reaching = new HashSet<string>(holders, StringComparer.Ordinal);
        var frontier = new List<string>(holders);
        for (var round = 0; round < HelperRounds && frontier.Count > 0; round++)
        {
            var next = new List<string>();
            foreach (var name in frontier)
            {
                if (callersByName.TryGetValue(name, out var callers))
                {
                    foreach (var caller in callers)
                    {
                        if (reaching.Add(caller))
                        {
                            next.Add(caller);
                        }
                    }
                }
            }

            frontier = next;
        }

        // The trees that hold such an endpoint: one that calls a reaching method, or a reaching method group's declaration.
        var trees = new HashSet<SyntaxTree>();
        foreach (var (name, tree) in endpointCalls)
        {
            if (reaching.Contains(name))
            {
                trees.Add(tree);
            }
        }

        foreach (var (name, tree) in declarations)
        {
            if (methodGroups.Contains(name) && reaching.Contains(name))
            {
                trees.Add(tree);
            }
        }

        return trees.Count == 0 ? null : new EndpointReach(reaching, methodGroups, trees);
    }

    /// <summary>Whether <paramref name="tree"/> may hold an endpoint of these shapes.</summary>
    public bool MayHoldEndpoint(SyntaxTree tree) => this.trees.Contains(tree);

    /// <summary>A method or local function passed to Map* by method group whose body may reach a contract call.</summary>
    public bool IsReachingMethodGroup(string name) => this.methodGroups.Contains(name) && this.reaching.Contains(name);

    /// <summary>
    /// An endpoint-shaped function (<see cref="SummaryPrefilter.IsInEndpointShape"/>) whose own calls, not those of a
    /// nested lambda, name a method of the project that may reach a contract call (<paramref name="lambdas"/>: the calls
    /// inside the lambdas under <paramref name="endpoint"/>, for a Map* call's handler).
    /// </summary>
    public bool CallsReachingMethod(SyntaxNode endpoint, bool lambdas)
    {
        foreach (var node in endpoint.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax call && InvokedName.Of(call.Expression) is { } name && this.reaching.Contains(name) &&
                SummaryPrefilter.IsInEndpointShape(call) &&
                (lambdas ? call.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is { } lambda && endpoint.Span.Contains(lambda.Span)
                         : call.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is not { } inner || !endpoint.Span.Contains(inner.Span)))
            {
                return true;
            }
        }

        return false;
    }

    private static string DeclaredName(SyntaxNode function) => function is MethodDeclarationSyntax method
        ? method.Identifier.ValueText
        : ((LocalFunctionStatementSyntax)function).Identifier.ValueText;

    /// <summary>The method or local function a call is made in (lambdas are looked through: a superset), or null.</summary>
    private static string? HolderName(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case LocalFunctionStatementSyntax local:
                    return local.Identifier.ValueText;
                case MethodDeclarationSyntax method:
                    return method.Identifier.ValueText;
                case MemberDeclarationSyntax or CompilationUnitSyntax:
                    return null;
            }
        }

        return null;
    }
}
