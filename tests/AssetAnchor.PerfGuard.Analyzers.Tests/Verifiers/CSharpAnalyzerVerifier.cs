using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;

/// <summary>The repo-local VerifyCS: references, language version and .editorconfig handling in one place.</summary>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Checks that <paramref name="source"/> produces exactly the diagnostics its markup declares.</summary>
    public static Task VerifyAnalyzerAsync(string source, string? editorConfig = null, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(TestSetup.EditorConfig(editorConfig));
        }

        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            TestSetup.Apply(this);
        }
    }
}
