using System.Diagnostics;
using System.Text.Json.Serialization;
using AssetAnchor.Sample.Auth;
using AssetAnchor.Sample.Data;
using AssetAnchor.Sample.Services;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample;

public static class SampleServiceCollectionExtensions
{
    /// <summary>Registers the database, the services and token authentication. Configuration is read when first needed.</summary>
    public static IServiceCollection AddAssetAnchorSample(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        services.AddSingleton(sp =>
        {
            var options = new TokenOptions();
            sp.GetRequiredService<IConfiguration>().GetSection(TokenOptions.SectionName).Bind(options);
            return options;
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TokenService>();

        services.AddDbContext<AssetAnchorDbContext>((sp, options) =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)
                ?? DatabaseOptions.DefaultConnectionString;
            var provider = DatabaseSetup.ResolveProvider(configuration[$"{DatabaseOptions.SectionName}:Provider"], connectionString);
            options.UseAssetAnchorDatabase(provider, connectionString);
        });

        services.AddScoped<IPropertyQueries, PropertyQueries>();
        services.AddScoped<ITenantQueries, TenantQueries>();
        services.AddScoped<IPaymentService, PaymentService>();
        services.AddScoped<ITransactionQueries, TransactionQueries>();
        services.AddScoped<IFinancialReports, FinancialReports>();
        services.AddScoped<IDocumentStore, DocumentStore>();
        services.AddScoped<IAuthService, AuthService>();

        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthenticationHandler>(
                TokenAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorization();

        // The application part is named explicitly: when a host other than this assembly builds the app (tests,
        // benchmarks), MVC would otherwise look for controllers in that host's entry assembly.
        services.AddControllers()
            .AddApplicationPart(typeof(SampleServiceCollectionExtensions).Assembly)
            .AddJsonOptions(o => o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return services;
    }

    /// <summary>Creates and seeds the database when it is empty (and Database:SeedOnStartup is true), logging the time.</summary>
    public static async Task InitializeAssetAnchorDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        var db = scope.ServiceProvider.GetRequiredService<AssetAnchorDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("AssetAnchor.Sample.Database");
        if (!options.SeedOnStartup)
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var report = await SampleSeeder.EnsureSeededAsync(db, options.Seed, SeedVolumes.Default, cancellationToken);
        if (report.Seeded)
        {
            SampleLog.Seeded(logger, report.Seed, report.Volumes.Properties, report.Volumes.Tenants, report.Volumes.Leases,
                report.Volumes.Payments, stopwatch.ElapsedMilliseconds, (long)report.Generation.TotalMilliseconds);
        }
        else
        {
            SampleLog.AlreadySeeded(logger);
        }
    }
}

internal static partial class SampleLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Seeded the database from seed {Seed}: {Properties} properties, {Tenants} tenants, {Leases} leases, {Payments} transactions in {ElapsedMs} ms (generation {GenerationMs} ms)")]
    public static partial void Seeded(ILogger logger, int seed, int properties, int tenants, int leases, int payments, long elapsedMs, long generationMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database already holds data; seeding skipped")]
    public static partial void AlreadySeeded(ILogger logger);
}
