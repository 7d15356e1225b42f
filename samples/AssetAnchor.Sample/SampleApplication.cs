using AssetAnchor.Sample.Endpoints;
using AssetAnchor.Sample.Testing;

namespace AssetAnchor.Sample;

/// <summary>Builds the Asset Anchor web application: Program.cs runs it; tests start it on 127.0.0.1 port 0.</summary>
public static class SampleApplication
{
    public static async Task<WebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAssetAnchorSample();
        configure?.Invoke(builder);

        var app = builder.Build();
        await app.Services.InitializeAssetAnchorDatabaseAsync();

        app.UseLoadTestFaults();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
        app.MapControllers();
        app.MapAuthEndpoints();
        app.MapFinanceEndpoints();
        app.MapDocumentEndpoints();
        return app;
    }
}
