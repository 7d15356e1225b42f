using System.Collections.Immutable;
using AssetAnchor.PerfGuard.Analyzers.Infrastructure;
using AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.CrossProject;

/// <summary>
/// A referenced project as `dotnet build` gives it to its dependents: compiled with PerfGuard's summary generator
/// (or without it, as a package built elsewhere), emitted, and referenced from metadata.
/// </summary>
internal sealed class ReferencedProject
{
    private ReferencedProject(MetadataReference reference, string? summary)
    {
        Reference = reference;
        Summary = summary;
    }

    public MetadataReference Reference { get; }

    /// <summary>The generated summary file, or null when built without PerfGuard or with nothing to record.</summary>
    public string? Summary { get; }

    /// <summary>An already built reference, to build another project against it.</summary>
    public static ReferencedProject FromReference(MetadataReference reference) => new(reference, summary: null);

    public static ReferencedProject Build(string assemblyName, string source, bool withPerfGuard = true, params ReferencedProject[] references) =>
        Build(assemblyName, source, sourceRoot: string.Empty, pathMap: default, withPerfGuard, references);

    /// <summary>Built with these .globalconfig options visible to the summary generator (build_property.X, perfguard.x).</summary>
    public static ReferencedProject BuildWithGlobalOptions(
        string assemblyName, string source, IReadOnlyDictionary<string, string> globalOptions, params ReferencedProject[] references) =>
        Build(assemblyName, source, sourceRoot: string.Empty, pathMap: default, withPerfGuard: true, references, new GlobalOptionsProvider(globalOptions));

    /// <summary>Built with these options visible to the summary generator in every source file's section too (.editorconfig [*.cs]).</summary>
    public static ReferencedProject BuildWithFileOptions(
        string assemblyName, string source, IReadOnlyDictionary<string, string> fileOptions, params ReferencedProject[] references) =>
        Build(assemblyName, source, sourceRoot: string.Empty, pathMap: default, withPerfGuard: true, references, new GlobalOptionsProvider(fileOptions, inFiles: true));

    /// <summary>The project as SummaryPrefilter sees it: source and references, no generator run.</summary>
    public static CSharpCompilation CompileForPrefilter(string assemblyName, string source, params ReferencedProject[] references) =>
        CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: assemblyName + ".cs") },
            TestReferences.All.AddRange(references.Select(static r => r.Reference)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>The prefilter's own verdict on the project (asserted), then the project as the generator builds it.</summary>
    public static ReferencedProject BuildCheckingPrefilter(bool expectNothing, string assemblyName, string source, params ReferencedProject[] references)
    {
        Assert.Equal(expectNothing, SummaryPrefilter.RecordsNothing(CompileForPrefilter(assemblyName, source, references), CancellationToken.None));
        return Build(assemblyName, source, references: references);
    }

    /// <summary>As csc builds it in <paramref name="sourceRoot"/> with <c>/pathmap</c> (deterministic CI builds map the root to "/_/").</summary>
    public static ReferencedProject Build(
        string assemblyName, string source, string sourceRoot, ImmutableArray<KeyValuePair<string, string>> pathMap, bool withPerfGuard = true, params ReferencedProject[] references) =>
        Build(assemblyName, source, sourceRoot, pathMap, withPerfGuard, references, optionsProvider: null);

    private static ReferencedProject Build(
        string assemblyName, string source, string sourceRoot, ImmutableArray<KeyValuePair<string, string>> pathMap, bool withPerfGuard,
        ReferencedProject[] references, AnalyzerConfigOptionsProvider? optionsProvider)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var tree = CSharpSyntaxTree.ParseText(source, parseOptions, path: sourceRoot + assemblyName + ".cs");
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        if (!pathMap.IsDefaultOrEmpty)
        {
            options = options.WithSourceReferenceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, baseDirectory: null, pathMap));
        }

        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { tree },
            TestReferences.All.AddRange(references.Select(static r => r.Reference)),
            options);

        string? summary = null;
        if (withPerfGuard)
        {
            var driver = CSharpGeneratorDriver.Create(
                ImmutableArray.Create(new DataAccessSummaryGenerator().AsSourceGenerator()),
                parseOptions: parseOptions,
                optionsProvider: optionsProvider);
            var run = driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
            if (!generatorDiagnostics.IsEmpty)
            {
                throw new InvalidOperationException(string.Join(Environment.NewLine, generatorDiagnostics));
            }

            compilation = (CSharpCompilation)generated;
            summary = run.GetRunResult().GeneratedTrees.SingleOrDefault()?.GetText().ToString();
        }

        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        if (!emitted.Success)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, emitted.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error)));
        }

        return new ReferencedProject(MetadataReference.CreateFromImage(stream.ToArray()), summary);
    }

    private sealed class GlobalOptionsProvider(IReadOnlyDictionary<string, string> values, bool inFiles = false) : AnalyzerConfigOptionsProvider
    {
        private readonly Options options = new(values);

        public override AnalyzerConfigOptions GlobalOptions => options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => inFiles ? options : Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                values.TryGetValue(key, out value);
        }
    }
}
