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

    [Theory]
    [InlineData("System.Linq.Queryable")]
    [InlineData("System.Threading.Tasks.Task`1")]
    [InlineData("System.Collections.Generic.List`1")]
    [InlineData("System.ComponentModel.DataAnnotations.KeyAttribute")]
    public void A_framework_type_is_the_compilers_answer_before_and_after_its_assembly_is_remembered(string metadataName)
    {
        // The first lookup remembers the declaring assembly (process-wide); the later ones take the short way.
        var plain = Compile("public class Shop { }");
        var inSource = Compile("namespace " + Namespace(metadataName) + " { public class " + Declared(metadataName) + " { } }");
        var shadowed = Compile(
            "public class Shop { }",
            ReferencedProject.Build("Anchor.FrameworkShadow", "namespace " + Namespace(metadataName) + " { public class " + Declared(metadataName) + " { } }", withPerfGuard: false));

        Assert.NotNull(AssemblyFamily.GetFrameworkType(plain, metadataName));
        foreach (var compilation in new[] { plain, inSource, shadowed, plain, inSource, shadowed })
        {
            Assert.Same(compilation.GetTypeByMetadataName(metadataName), AssemblyFamily.GetFrameworkType(compilation, metadataName));
        }
    }

    [Fact]
    public void A_remembered_family_assembly_is_not_taken_when_another_of_the_family_declares_the_name_too()
    {
        var single = Compile("public class Shop { }");
        var twice = Compile("public class Shop { }", ReferencedProject.Build("Microsoft.EntityFrameworkCore.Shadow2", ShadowContext, withPerfGuard: false));

        Assert.NotNull(new AssemblyFamily(single, "Microsoft.EntityFrameworkCore").GetType("Microsoft.EntityFrameworkCore.DbContext"));
        Assert.Null(new AssemblyFamily(twice, "Microsoft.EntityFrameworkCore").GetType("Microsoft.EntityFrameworkCore.DbContext"));
        Assert.NotNull(new AssemblyFamily(single, "Microsoft.EntityFrameworkCore").GetType("Microsoft.EntityFrameworkCore.DbContext"));
    }

    private static string Namespace(string metadataName) => metadataName.Substring(0, metadataName.LastIndexOf('.'));

    private static string Declared(string metadataName)
    {
        var name = metadataName.Substring(metadataName.LastIndexOf('.') + 1);
        return name.Contains('`') ? name.Substring(0, name.IndexOf('`')) + "<T>" : name;
    }

    private static CSharpCompilation Compile(string source, params ReferencedProject[] references) =>
        CSharpCompilation.Create(
            "Anchor.Family",
            new[] { CSharpSyntaxTree.ParseText(source) },
            TestReferences.All.AddRange(references.Select(static r => r.Reference)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
}
