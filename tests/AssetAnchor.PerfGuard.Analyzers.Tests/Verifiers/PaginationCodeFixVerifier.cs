using AssetAnchor.PerfGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;

/// <summary>
/// Code-fix verifier for the pagination rules. It runs PG0004, PG0005 and PG0006 together, so a fixed state is only
/// accepted when it compiles (compiler errors are checked) and raises none of the three.
/// </summary>
public static class PaginationCodeFixVerifier<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyCodeFixAsync(string source, string fixedSource, string? editorConfig = null)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(TestSetup.EditorConfig(editorConfig));
            test.FixedState.AnalyzerConfigFiles.Add(TestSetup.EditorConfig(editorConfig));
        }

        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpCodeFixTest<UnpaginatedCollectionEndpointAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            TestSetup.Apply(this);
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new DiagnosticAnalyzer[]
        {
            new UnpaginatedCollectionEndpointAnalyzer(),
            new RowLimitWithoutOrderByAnalyzer(),
            new UnboundedPageSizeFromRequestAnalyzer(),
        };
    }
}
