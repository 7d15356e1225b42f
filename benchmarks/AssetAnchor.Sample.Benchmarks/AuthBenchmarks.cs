using AssetAnchor.PerfGuard.BenchmarkDotNet;
using AssetAnchor.Sample.Auth;
using AssetAnchor.Sample.Data;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Benchmarks;

/// <summary>Login (PBKDF2 with 100,000 iterations, by design the slow part) and token refresh.</summary>
[BenchmarkCategory(PerfGuardCategories.CriticalPath)]
public class AuthBenchmarks
{
    private DbContextOptions<AssetAnchorDbContext> options = null!;
    private TokenService tokens = null!;
    private string refreshToken = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        options = SeededSampleDatabase.CountingOptions(await SeededSampleDatabase.GetOrCreateAsync());
        tokens = new TokenService(new TokenOptions { SigningKey = Convert.ToBase64String(new byte[32]) }, TimeProvider.System);
        var pair = await Login() ?? throw new InvalidOperationException("The demo login failed on the seeded database.");
        refreshToken = pair.RefreshToken;
    }

    [Benchmark]
    public async Task<TokenPair?> Login()
    {
        await using var db = new AssetAnchorDbContext(options);
        return await new AuthService(db, tokens).LoginAsync(SampleDataGenerator.DemoUserEmail, SampleDataGenerator.DemoUserPassword);
    }

    [Benchmark]
    public async Task<TokenPair?> TokenRefresh()
    {
        await using var db = new AssetAnchorDbContext(options);
        return await new AuthService(db, tokens).RefreshAsync(refreshToken);
    }
}
