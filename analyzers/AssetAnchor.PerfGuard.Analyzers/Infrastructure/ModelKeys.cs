using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AssetAnchor.PerfGuard.Analyzers.Infrastructure;

/// <summary>
/// Entity keys as EF sees them: HasKey(x =&gt; x.Prop) in OnModelCreating or an IEntityTypeConfiguration&lt;T&gt;
/// (read once per compilation, on first need), else [Key], else Id / &lt;Type&gt;Id.
/// </summary>
internal sealed class ModelKeys
{
    private readonly Lazy<Dictionary<ITypeSymbol, string>> _fluentKeys;
    private readonly INamedTypeSymbol? _keyAttribute;

    public ModelKeys(Compilation compilation, EfSymbols ef, SourceTypeIndex types, SemanticModelCache models)
    {
        _keyAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.KeyAttribute");
        _fluentKeys = new Lazy<Dictionary<ITypeSymbol, string>>(() => ReadFluentKeys(ef, types, models), isThreadSafe: true);
    }

    public string? Find(ITypeSymbol? entity)
    {
        if (entity is null)
        {
            return null;
        }

        return _fluentKeys.Value.TryGetValue(entity.OriginalDefinition, out var key) ? key : PagingQueries.FindKeyProperty(entity, _keyAttribute);
    }

    private static Dictionary<ITypeSymbol, string> ReadFluentKeys(EfSymbols ef, SourceTypeIndex types, SemanticModelCache models)
    {
        var keys = new Dictionary<ITypeSymbol, string>(SymbolEqualityComparer.Default);
        foreach (var type in types.Types)
        {
            string? methodName = null;
            if (ef.IsDbContext(type))
            {
                methodName = "OnModelCreating";
            }
            else
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (implemented.Name == "IEntityTypeConfiguration")
                    {
                        methodName = "Configure";
                    }
                }
            }

            if (methodName is null)
            {
                continue;
            }

            foreach (var member in type.GetMembers(methodName))
            {
                foreach (var reference in member.DeclaringSyntaxReferences)
                {
                    if (models.GetOperation(reference.GetSyntax(CancellationToken.None), CancellationToken.None) is { } body)
                    {
                        Collect(body, keys);
                    }
                }
            }
        }

        return keys;
    }

    private static void Collect(IOperation body, Dictionary<ITypeSymbol, string> keys)
    {
        var stack = new Stack<IOperation>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is IInvocationOperation { TargetMethod.Name: "HasKey" } hasKey &&
                hasKey.TargetMethod.ContainingType is { Name: "EntityTypeBuilder", TypeArguments.Length: 1 } builder &&
                hasKey.Arguments.Length == 1 && SingleProperty(hasKey.Arguments[0].Value) is { } property)
            {
                keys[builder.TypeArguments[0].OriginalDefinition] = property;
            }

            foreach (var child in current.ChildOperations)
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>x =&gt; x.Code, or "Code"; null for composite keys.</summary>
    private static string? SingleProperty(IOperation argument)
    {
        var current = argument;
        while (current is IConversionOperation or IDelegateCreationOperation)
        {
            current = current is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)current).Target;
        }

        if (current.ConstantValue is { HasValue: true, Value: string name })
        {
            return name;
        }

        if (current is IArrayCreationOperation { Initializer.ElementValues: { Length: 1 } values } && values[0].ConstantValue is { HasValue: true, Value: string single })
        {
            return single;
        }

        return current is IAnonymousFunctionOperation { Body.Operations.Length: 1 } lambda &&
            lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned } &&
            PagingQueries.Strip(returned) is IPropertyReferenceOperation { Instance: IParameterReferenceOperation } property
            ? property.Property.Name
            : null;
    }
}
