using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// The method names of the interfaces nobody here implements (<see cref="SummaryWriter.FindUnseenContractNames"/>),
/// and for each name the interfaces a call of it can be made on: the declaring ones and those deriving from them.
/// The call-site writers bind a call only when its name is here and, where syntax alone tells the receiver's declared
/// type (a parameter, local, field or property declared with a type name), that type is one of them. Binding is what
/// costs: in a project that references the context's project, <c>dbContext.SaveChangesAsync()</c> shares its name with
/// an unseen <c>IOutboxDbContext.SaveChangesAsync</c>, and every such call used to bind its statement, lambdas and all.
/// </summary>
internal sealed class UnseenContractNames
{
    // The names each tree calls on a receiver (x.Name(..), x?.Name(..)), read once per tree in this process: the call-site writers
    // each ask about every file (the generator's and the analyzers' compilations share the trees), and most files
    // call no method of an unseen contract's name, which this answers without walking them again.
    private static readonly ConditionalWeakTable<SyntaxTree, HashSet<string>> MemberCallNamesByTree = new();

    private readonly Dictionary<string, HashSet<string>> receiverTypesByName = new(StringComparer.Ordinal);
    private readonly HashSet<string> aliasNames = new(StringComparer.Ordinal);

    /// <summary>Starts empty, remembering the compilation's using aliases (a global alias in another file renames a type here too).</summary>
    public UnseenContractNames(IEnumerable<SyntaxTree> trees, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var tree in trees)
        {
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
            {
                if (node is UsingDirectiveSyntax { Alias.Name.Identifier.ValueText: var alias })
                {
                    aliasNames.Add(alias);
                }
            }
        }
    }

    public bool IsEmpty => receiverTypesByName.Count == 0;

    /// <summary>Adds a method name of an unseen interface, with the simple names of the types a call of it can be made on.</summary>
    public void Add(string methodName, IEnumerable<string> receiverTypeNames)
    {
        if (!receiverTypesByName.TryGetValue(methodName, out var types))
        {
            types = new HashSet<string>(StringComparer.Ordinal);
            receiverTypesByName.Add(methodName, types);
        }

        types.UnionWith(receiverTypeNames);
    }

    /// <summary>
    /// False when the call cannot bind to an unseen contract: its name is none of theirs, or its receiver is declared
    /// with a type that is not one of the interfaces carrying that name. True whenever syntax cannot tell.
    /// </summary>
    public bool MayCall(InvocationExpressionSyntax invocation)
    {
        if (MemberCallName(invocation) is not { } name || !receiverTypesByName.TryGetValue(name, out var receiverTypes))
        {
            return false;
        }

        var receiver = invocation.Expression is MemberAccessExpressionSyntax access ? access.Expression : ConditionalReceiver(invocation.Expression);
        if (receiver is BaseExpressionSyntax)
        {
            // base.SaveChangesAsync(): a base class's method, never an interface's.
            return false;
        }

        return receiver is null || DeclaredTypeName(receiver) is not { } receiverType || receiverTypes.Contains(receiverType) || aliasNames.Contains(receiverType);
    }

    /// <summary>Whether any call under <paramref name="root"/> may bind to an unseen contract.</summary>
    public bool AnyMayCall(SyntaxNode root)
    {
        if (!TreeMayCall(root.SyntaxTree))
        {
            return false;
        }

        foreach (var node in root.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax invocation && MayCall(invocation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>False when no call of the tree is made on a receiver by a name of an unseen contract method (<see cref="MayCall"/> is false for each).</summary>
    public bool TreeMayCall(SyntaxTree tree)
    {
        foreach (var name in MemberCallNamesByTree.GetValue(tree, static tree => CollectMemberCallNames(tree.GetRoot())))
        {
            if (receiverTypesByName.ContainsKey(name))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<string> CollectMemberCallNames(SyntaxNode root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in root.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax invocation && MemberCallName(invocation) is { } name)
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>The name of a call made on a receiver: <c>x.Name(..)</c>, or <c>x?.Name(..)</c> (a member binding); null for <c>Name(..)</c>.</summary>
    private static string? MemberCallName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// The receiver of a member binding (<c>.Name</c> in <c>x?.Name(..)</c>): the expression of the innermost conditional
    /// access that holds the binding in its WhenNotNull part (<c>a?.b?.Name()</c> binds on <c>.b</c>).
    /// </summary>
    private static ExpressionSyntax? ConditionalReceiver(ExpressionSyntax binding)
    {
        SyntaxNode child = binding;
        for (var node = binding.Parent; node is not null; child = node, node = node.Parent)
        {
            if (node is ConditionalAccessExpressionSyntax access && access.WhenNotNull == child)
            {
                return access.Expression;
            }
        }

        return null;
    }

    /// <summary>
    /// The simple name of the type a receiver (<c>x</c> or <c>this.x</c>) is declared with, when every declaration of that
    /// name in the member (parameters, locals, lambda parameters) or, failing that, in the type (fields, properties,
    /// primary-constructor parameters) says the same type name; null when syntax cannot tell (var, a pattern, a type
    /// parameter, an inherited member, another part of a partial type).
    /// </summary>
    internal static string? DeclaredTypeName(ExpressionSyntax receiver)
    {
        var name = OwnMemberName.Of(receiver);
        if (name is null)
        {
            return null;
        }

        SyntaxNode? member = null;
        TypeDeclarationSyntax? type = null;
        for (var node = receiver.Parent; node is not null; node = node.Parent)
        {
            if (node is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax and not DelegateDeclarationSyntax)
            {
                member = node;
            }
            else if (node is TypeDeclarationSyntax declaringType)
            {
                type = declaringType;
                break;
            }
            else if (node is GlobalStatementSyntax or BaseNamespaceDeclarationSyntax or CompilationUnitSyntax)
            {
                return null;
            }
        }

        if (member is null || type is null)
        {
            return null;
        }

        // A local or parameter of the member shadows the type's member of that name; both must agree when both exist,
        // as a declaration in a sibling lambda does not shadow the field the receiver means.
        string? local = null;
        if (receiver is IdentifierNameSyntax)
        {
            local = FindDeclaredType(member, name, out var localAmbiguous);
            if (localAmbiguous)
            {
                return null;
            }
        }

        var field = FindMemberType(type, name, out var fieldAmbiguous);
        if (fieldAmbiguous)
        {
            return null;
        }

        var found = (local, field) switch
        {
            (null, _) => field,
            (_, null) => local,
            _ when local == field => local,
            _ => null,
        };
        return found is null || IsTypeParameter(receiver, found) ? null : found;
    }

    /// <summary>Every declaration of <paramref name="name"/> inside the member; ambiguous when they disagree or one has no type name.</summary>
    private static string? FindDeclaredType(SyntaxNode member, string name, out bool ambiguous)
    {
        ambiguous = false;
        string? found = null;
        foreach (var node in member.DescendantNodesAndSelf())
        {
            TypeSyntax? declaredType;
            bool declares;
            switch (node)
            {
                case ParameterSyntax parameter:
                    declares = parameter.Identifier.ValueText == name;
                    declaredType = parameter.Type;
                    break;
                case VariableDeclaratorSyntax declarator:
                    declares = declarator.Identifier.ValueText == name;
                    declaredType = (declarator.Parent as VariableDeclarationSyntax)?.Type;
                    break;
                case ForEachStatementSyntax forEach:
                    declares = forEach.Identifier.ValueText == name;
                    declaredType = forEach.Type;
                    break;
                case CatchDeclarationSyntax catchDeclaration:
                    declares = catchDeclaration.Identifier.ValueText == name;
                    declaredType = catchDeclaration.Type;
                    break;
                case SingleVariableDesignationSyntax designation:
                    declares = designation.Identifier.ValueText == name;
                    declaredType = null;
                    break;
                case FromClauseSyntax or LetClauseSyntax or JoinClauseSyntax or JoinIntoClauseSyntax or QueryContinuationSyntax:
                    declares = QueryIdentifier(node) == name;
                    declaredType = null;
                    break;
                case LocalFunctionStatementSyntax localFunction:
                    declares = localFunction.Identifier.ValueText == name;
                    declaredType = null;
                    break;
                default:
                    continue;
            }

            if (!declares)
            {
                continue;
            }

            var typeName = SimpleTypeName(declaredType);
            if (typeName is null || (found is not null && found != typeName))
            {
                ambiguous = true;
                return null;
            }

            found = typeName;
        }

        return found;
    }

    private static string? QueryIdentifier(SyntaxNode clause) => clause switch
    {
        FromClauseSyntax from => from.Identifier.ValueText,
        LetClauseSyntax let => let.Identifier.ValueText,
        JoinClauseSyntax join => join.Identifier.ValueText,
        JoinIntoClauseSyntax into => into.Identifier.ValueText,
        QueryContinuationSyntax continuation => continuation.Identifier.ValueText,
        _ => null,
    };

    /// <summary>A field, property or primary-constructor parameter of this part of the type.</summary>
    private static string? FindMemberType(TypeDeclarationSyntax type, string name, out bool ambiguous)
    {
        ambiguous = false;
        string? found = null;
        var declaredTypes = new List<TypeSyntax?>();
        if (type.ParameterList is { } primary)
        {
            foreach (var parameter in primary.Parameters)
            {
                if (parameter.Identifier.ValueText == name)
                {
                    declaredTypes.Add(parameter.Type);
                }
            }
        }

        foreach (var member in type.Members)
        {
            switch (member)
            {
                case BaseFieldDeclarationSyntax field:
                    foreach (var variable in field.Declaration.Variables)
                    {
                        if (variable.Identifier.ValueText == name)
                        {
                            declaredTypes.Add(field.Declaration.Type);
                        }
                    }

                    break;
                case PropertyDeclarationSyntax property when property.Identifier.ValueText == name:
                    declaredTypes.Add(property.Type);
                    break;
                case MethodDeclarationSyntax method when method.Identifier.ValueText == name:
                    declaredTypes.Add(null);
                    break;
                case BaseTypeDeclarationSyntax nested when nested.Identifier.ValueText == name:
                    declaredTypes.Add(null);
                    break;
            }
        }

        foreach (var declaredType in declaredTypes)
        {
            var typeName = SimpleTypeName(declaredType);
            if (typeName is null || (found is not null && found != typeName))
            {
                ambiguous = true;
                return null;
            }

            found = typeName;
        }

        return ambiguous ? null : found;
    }

    private static string? SimpleTypeName(TypeSyntax? type) => type switch
    {
        null => null,
        NullableTypeSyntax nullable => SimpleTypeName(nullable.ElementType),
        IdentifierNameSyntax { IsVar: true } => null,
        IdentifierNameSyntax { Identifier.ValueText: "dynamic" or "var" } => null,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        QualifiedNameSyntax qualified => SimpleTypeName(qualified.Right),
        AliasQualifiedNameSyntax aliasQualified => SimpleTypeName(aliasQualified.Name),
        _ => null,
    };

    /// <summary>A type parameter of an enclosing method, local function, type or delegate carries its constraints' methods.</summary>
    private static bool IsTypeParameter(SyntaxNode node, string name)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            var parameters = current switch
            {
                MethodDeclarationSyntax method => method.TypeParameterList,
                LocalFunctionStatementSyntax localFunction => localFunction.TypeParameterList,
                TypeDeclarationSyntax type => type.TypeParameterList,
                DelegateDeclarationSyntax @delegate => @delegate.TypeParameterList,
                _ => null,
            };
            if (parameters is null)
            {
                continue;
            }

            foreach (var parameter in parameters.Parameters)
            {
                if (parameter.Identifier.ValueText == name)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
