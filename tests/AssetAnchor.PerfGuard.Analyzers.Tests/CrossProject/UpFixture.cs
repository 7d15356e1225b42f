using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// What the Up test classes (<c>UpDirection*Tests</c>) share: the layer whose source carries the markup (Application,
/// the project built first), the test of a project built later that references the layers (Infrastructure, a library, or
/// the composition root), and the text their sources start with.
/// </summary>
internal static class UpFixture
{
    /// <summary>The usings most layer sources start with (a source adds its own below them).</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        """;

    /// <summary>The usings of an Infrastructure source over Shop.Application's contracts.</summary>
    public const string ShopInfrastructureUsings = Usings + """
        using Microsoft.EntityFrameworkCore;
        using Shop.Application;

        """;

    /// <summary>
    /// The start of an Infrastructure source over Shop.Application's Order and Country: ShopContext with their sets
    /// (and <paramref name="moreSets"/>), Country seeded with HasData (a reference table for PG0007). The source goes on
    /// with the implementations.
    /// </summary>
    public static string ShopInfrastructure(string moreSets = "") => ShopInfrastructureUsings + """

        namespace Shop.Infrastructure;

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
            $SETS
            public DbSet<Country> Countries => Set<Country>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Country>().HasData(new Country { Id = 1, Code = "NL" });
        }

        """.Replace("$SETS", moreSets, StringComparison.Ordinal);

    /// <summary>
    /// The composition root of the Shop layers: a top-level program that registers Infrastructure's ShopContext, with
    /// <paramref name="options"/> called on the options builder (<c>.UseLazyLoadingProxies()</c>) before the usual one.
    /// </summary>
    public static string ShopWebProgram(string options = "") => """
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.DependencyInjection;
        using Shop.Infrastructure;

        var services = new ServiceCollection();
        services.AddDbContext<ShopContext>(o => o$OPTIONS.EnableSensitiveDataLogging());
        System.Console.WriteLine(services.Count);
        """.Replace("$OPTIONS", options, StringComparison.Ordinal);

    /// <summary>The test of the composition root: an executable that references every layer.</summary>
    public static TTest Root<TTest>(TTest test, params ReferencedProject[] layers)
        where TTest : AnalyzerTest<DefaultVerifier>
    {
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return References(test, layers);
    }

    /// <summary>The test of a library built after the layers (Infrastructure, or a project that references several).</summary>
    public static TTest References<TTest>(TTest test, params ReferencedProject[] layers)
        where TTest : AnalyzerTest<DefaultVerifier>
    {
        foreach (var layer in layers)
        {
            test.TestState.AdditionalReferences.Add(layer.Reference);
        }

        return test;
    }
}

/// <summary>
/// A layer built from markup: its spans are where a project built later reports (Up findings are reported at the lines
/// of the project that recorded them, so the expected span comes from this source, not from the test code).
/// </summary>
internal sealed class MarkedProject
{
    private MarkedProject(string path, string source, ImmutableDictionary<string, ImmutableArray<TextSpan>> spans, ReferencedProject project)
    {
        Path = path;
        Source = source;
        Spans = spans;
        Project = project;
    }

    /// <summary>The source file's path as the layer's compilation names it, which the reporting project's warning names.</summary>
    public string Path { get; }

    /// <summary>The source without its markup.</summary>
    public string Source { get; }

    public ImmutableDictionary<string, ImmutableArray<TextSpan>> Spans { get; }

    public ReferencedProject Project { get; }

    public MetadataReference Reference => Project.Reference;

    public string? Summary => Project.Summary;

    /// <summary>Built with PerfGuard; <paramref name="fileOptions"/> are .editorconfig options of its source file.</summary>
    public static MarkedProject Build(
        string assemblyName, string markup, IReadOnlyDictionary<string, string>? fileOptions = null, params ReferencedProject[] references)
    {
        TestFileMarkupParser.GetSpans(markup, out var source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        var project = fileOptions is null || fileOptions.Count == 0
            ? ReferencedProject.Build(assemblyName, source, references: references)
            : ReferencedProject.BuildWithFileOptions(assemblyName, source, fileOptions, references);
        return new MarkedProject(assemblyName + ".cs", source, spans, project);
    }

    /// <summary>Built in <paramref name="sourceRoot"/> with <c>/pathmap</c>: the warning names the mapped path.</summary>
    public static MarkedProject BuildIn(string assemblyName, string markup, string sourceRoot, ImmutableArray<KeyValuePair<string, string>> pathMap)
    {
        TestFileMarkupParser.GetSpans(markup, out var source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        var path = sourceRoot + assemblyName + ".cs";
        foreach (var (from, to) in pathMap.IsDefault ? ImmutableArray<KeyValuePair<string, string>>.Empty : pathMap)
        {
            if (path.StartsWith(from, StringComparison.Ordinal))
            {
                path = to + path.Substring(from.Length);
                break;
            }
        }

        return new MarkedProject(path, source, spans, ReferencedProject.Build(assemblyName, source, sourceRoot, pathMap));
    }

    /// <summary>The one span of this key.</summary>
    public TextSpan Span(string key) => Spans[key].Single();

    /// <summary>The text a span covers (an endpoint's name, a navigation read).</summary>
    public string Text(TextSpan span) => Source.Substring(span.Start, span.Length);

    public DiagnosticResult At(DiagnosticDescriptor rule, TextSpan span) => ReferencedProject.DiagnosticAt(rule, Path, Source, span);

    public DiagnosticResult At(DiagnosticDescriptor rule, string key) => At(rule, Span(key));
}
