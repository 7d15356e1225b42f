using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers;

/// <summary>VerifyCS for code fixes: same references and language settings as <see cref="CSharpAnalyzerVerifier{TAnalyzer}"/>.</summary>
public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Applies the fix (one at a time and as fix-all) and checks the result is <paramref name="fixedSource"/>.</summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource, string? editorConfig = null)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(TestSetup.EditorConfig(editorConfig));
        }

        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            TestSetup.Apply(this);
        }
    }
}
