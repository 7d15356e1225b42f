using System.Net.Http.Headers;
using System.Net.Http.Json;
using AssetAnchor.Sample.Auth;
using AssetAnchor.Sample.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace AssetAnchor.Sample.Tests;

/// <summary>The sample service over its own freshly seeded SQLite file (seed 7, the guide's volumes), shared by a test class.</summary>
public sealed class SampleServiceFixture : WebApplicationFactory<Program>
{
    public const int Seed = 7;

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"assetanchor-sample-tests-{Guid.NewGuid():N}.db");

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:AssetAnchor", ConnectionString);
        builder.UseSetting("Database:Seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Auth:SigningKey", Convert.ToBase64String(new byte[32]));
        builder.UseEnvironment("Development");
    }

    public async Task<HttpClient> CreateAuthenticatedClientAsync()
    {
        var client = CreateClient();
        var tokens = await LoginAsync(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }

    public static async Task<TokenPair> LoginAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync(
            "/api/auth/login", new { email = SampleDataGenerator.DemoUserEmail, password = SampleDataGenerator.DemoUserPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenPair>())!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
