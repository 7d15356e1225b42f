using System.Net;
using System.Net.Http.Json;
using AssetAnchor.Sample.Data;
using AssetAnchor.Sample.Services;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;

namespace AssetAnchor.Sample.Tests;

public sealed class KestrelTests
{
    [Fact]
    public async Task The_real_server_listens_on_loopback_and_serves_a_paged_listing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"assetanchor-kestrel-{Guid.NewGuid():N}.db");
        try
        {
            await using var app = await SampleApplication.CreateAsync(
            [
                "--urls", "http://127.0.0.1:0",
                $"--ConnectionStrings:AssetAnchor=Data Source={path}",
                "--Database:Seed=3",
                "--Logging:LogLevel:Default=Warning",
            ]);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            var uri = new Uri(address);
            Assert.Equal("127.0.0.1", uri.Host);
            Assert.NotEqual(0, uri.Port);

            using var client = new HttpClient { BaseAddress = uri };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
            var tokens = await SampleServiceFixture.LoginAsync(client);
            client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
            var page = await client.GetFromJsonAsync<PagedResult<PropertySummary>>("/api/properties?pageSize=10", Json.Options);
            Assert.Equal(10, page!.Items.Count);
            Assert.Equal(SeedVolumes.Default.Properties, page.TotalCount);
            await app.StopAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
