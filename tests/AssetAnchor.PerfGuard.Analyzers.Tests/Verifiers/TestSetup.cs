using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;

/// <summary>What every verifier sets up the same way: references, latest C# with nullable on, and .editorconfig text.</summary>
internal static class TestSetup
{
    public static void Apply<TVerifier>(AnalyzerTest<TVerifier> test)
        where TVerifier : IVerifier, new()
    {
        test.ReferenceAssemblies = TestReferences.None;
        // PG0001 has two descriptors (in-project, and the composition root's cross-project one): markup means the first.
        test.MarkupOptions |= MarkupOptions.UseFirstDescriptor;
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        test.SolutionTransforms.Add(static (solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest);
            var compilationOptions = ((CSharpCompilationOptions)project.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable);
            return solution.WithProjectParseOptions(projectId, parseOptions)
                .WithProjectCompilationOptions(projectId, compilationOptions);
        });
    }

    /// <summary>An .editorconfig that applies <paramref name="settings"/> to every file of the test project.</summary>
    public static (string Path, string Content) EditorConfig(string settings) => ("/.editorconfig", "root = true\n\n[*]\n" + settings);
}
