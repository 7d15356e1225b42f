using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;
using AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Model;

/// <summary>
/// EF Core's and ASP.NET Core's types are looked up in their own assemblies and the source, not in every reference:
/// the same answers as the compiler's lookup where one assembly declares the name, and a same-named type elsewhere no
/// longer hides EF Core's.
/// </summary>
public sealed class AssemblyFamilyTests
{
    private const string ShadowContext = "namespace Microsoft.EntityFrameworkCore { public class DbContext { } }";

    [Fact]
    public void Finds_the_type_its_product_declares()
    {
        var compilation = Compile("public class Shop { }");

        var dbContext = new AssemblyFamily(compilation, "Microsoft.EntityFrameworkCore").GetType("Microsoft.EntityFrameworkCore.DbContext");

        Assert.NotNull(dbContext);
        Assert.Same(compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext"), dbContext);
        Assert.Null(new AssemblyFamily(compilation, "Microsoft.AspNetCore").GetType("Microsoft.EntityFrameworkCore.DbContext"));
    }

    [Fact]
    public void A_same_named_type_outside_the_family_does_not_hide_it()
    {
        var compilation = Compile("public class Shop { }", ReferencedProject.Build("Anchor.Shadow", ShadowContext, withPerfGuard: false));

        var dbContext = new AssemblyFamily(compilation, "Microsoft.EntityFrameworkCore").GetType("Microsoft.EntityFrameworkCore.DbContext");

        Assert.Null(compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext"));
        Assert.Equal("Microsoft.EntityFrameworkCore", dbContext?.ContainingAssembly.Name);
        Assert.NotNull(EfSymbols.TryCreate(compilation));
    }

    [Fact]
    public void Two_assemblies_of_the_family_declaring_it_give_nothing()
    {
        var compilation = Compile("public class Shop { }", ReferencedProject.Build("Microsoft.EntityFrameworkCore.Shadow", ShadowContext, withPerfGuard: false));

        Assert.Null(new AssemblyFamily(compilation, "Microsoft.EntityFrameworkCore").GetType("Microsoft.EntityFrameworkCore.DbContext"));
    }

    [Fact]
    public void A_type_declared_in_source_wins()
    {
        var compilation = Compile("namespace Microsoft.EntityFrameworkCore { public sealed class OwnedAttribute : System.Attribute { } }");

        var owned = new AssemblyFamily(compilation, "Microsoft.EntityFrameworkCore").GetType("Microsoft.EntityFrameworkCore.OwnedAttribute");

        Assert.Same(compilation.Assembly, owned?.ContainingAssembly);
    }

    private static CSharpCompilation Compile(string source, params ReferencedProject[] references) =>
        CSharpCompilation.Create(
            "Anchor.Family",
            new[] { CSharpSyntaxTree.ParseText(source) },
            TestReferences.All.AddRange(references.Select(static r => r.Reference)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
}
