using AssetAnchor.Sample;
using AssetAnchor.Sample.Endpoints;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAssetAnchorSample();

var app = builder.Build();
await app.Services.InitializeAssetAnchorDatabaseAsync();

app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
app.MapControllers();
app.MapAuthEndpoints();
app.MapFinanceEndpoints();
app.MapDocumentEndpoints();

await app.RunAsync();

public partial class Program;
