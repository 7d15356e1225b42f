using AssetAnchor.PerfGuard.Analyzers.Rules;
using AssetAnchor.PerfGuard.CodeFixes.Rules;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AssetAnchor.PerfGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AssetAnchor.PerfGuard.Analyzers.Rules.UnpaginatedCollectionEndpointAnalyzer>;

namespace AssetAnchor.PerfGuard.Analyzers.Tests.Rules.Endpoints;

/// <summary>PG0004 on minimal APIs: reported where the handler is (parameter list, declaration), with the route in the message.</summary>
public sealed class EndpointLocationTests
{
    private static async Task VerifyMessage(string code, params (int Marker, string Endpoint, string Query)[] expected)
    {
        var test = new VerifyCS.Test { TestCode = PaginationTestModel.Source + code };
        foreach (var (marker, endpoint, query) in expected)
        {
            test.ExpectedDiagnostics.Add(new DiagnosticResult(UnpaginatedCollectionEndpointAnalyzer.Rule).WithLocation(marker).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(endpoint, query, "", ""));
        }

        await test.RunAsync();
    }

    [Fact]
    public Task Lambda_IsReportedOnItsParameterList_WithVerbAndRoute() => VerifyMessage("""
        public static class AssetEndpoints
        {
            public static void MapAssets(this IEndpointRouteBuilder app)
            {
                app.MapGet("/api/assets", async {|#0:(AnchorContext db)|} => await db.Properties.ToListAsync());
                app.MapPost("/api/assets/search", {|#1:(AnchorContext db, string city)|} => db.Properties.Where(p => p.City == city).ToListAsync());
            }
        }
        """, (0, "GET /api/assets", "db.Properties"), (1, "POST /api/assets/search", "db.Properties"));

    [Fact]
    public Task LambdaWithAttributeLineAbove_IsReportedOnItsParameterList_NotTheAttribute() => VerifyMessage("""
        public static class AssetEndpoints
        {
            public static void MapAssets(this IEndpointRouteBuilder app)
            {
                app.MapGet("/api/owners",
                    [Microsoft.AspNetCore.Authorization.Authorize]
                    async {|#0:(AnchorContext db)|} =>
                    {
                        var owners = await db.Owners.ToListAsync();
                        return Results.Ok(owners);
                    });
            }
        }
        """, (0, "GET /api/owners", "db.Owners"));

    [Fact]
    public Task AnonymousMethod_IsReportedOnItsDelegateKeywordAndParameters() => VerifyMessage("""
        public static class AssetEndpoints
        {
            public static void MapAssets(this IEndpointRouteBuilder app)
            {
                app.MapGet("/api/tenants", {|#0:(AnchorContext db)|} => db.Tenants.ToListAsync());
                app.MapDelete("/api/documents", {|#1:delegate (AnchorContext db)|} { return db.Documents.ToListAsync(); });
            }
        }
        """, (0, "GET /api/tenants", "db.Tenants"), (1, "DELETE /api/documents", "db.Documents"));

    [Fact]
    public Task RouteGroups_PrefixTheRoute() => VerifyMessage("""
        public static class LeaseEndpoints
        {
            public static void MapLeases(this IEndpointRouteBuilder app)
            {
                var api = app.MapGroup("/api");
                var leases = api.MapGroup("/leases");
                leases.MapGet("/", {|#0:(AnchorContext db)|} => db.Leases.ToListAsync());
                app.MapGroup("/v2").MapGroup("/payments").MapPut("/all", {|#1:(AnchorContext db)|} => db.Payments.ToListAsync());
                app.MapMethods("/api/owners", new[] { "get", "head" }, {|#2:(AnchorContext db)|} => db.Owners.ToListAsync());
                var secured = app.MapGroup("/secure").RequireAuthorization();
                secured.MapGet("/documents", {|#3:(AnchorContext db)|} => db.Documents.ToListAsync());
            }
        }
        """, (0, "GET /api/leases/", "db.Leases"), (1, "PUT /v2/payments/all", "db.Payments"), (2, "GET,HEAD /api/owners", "db.Owners"),
        (3, "GET /secure/documents", "db.Documents"));

    [Fact]
    public Task MethodGroup_IsReportedOnTheHandlerDeclaration_NotTheMapCall() => VerifyMessage("""
        public static class DocumentEndpoints
        {
            public static void MapDocuments(this IEndpointRouteBuilder app)
            {
                app.MapGet("/api/documents", GetAll);
            }

            private static async Task<IResult> {|#0:GetAll|}(AnchorContext db) => Results.Ok(await db.Documents.ToListAsync());
        }
        """, (0, "GET /api/documents", "db.Documents"));

    [Fact]
    public async Task MethodGroupDeclaredInAnotherFile_IsReportedOnTheHandlerDeclaration()
    {
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add(PaginationTestModel.Source + """
            public static class Routes
            {
                public static void MapAll(this IEndpointRouteBuilder app) => app.MapGet("/api/tenants", TenantHandlers.List);
            }
            """);
        test.TestState.Sources.Add("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public static class TenantHandlers
            {
                public static Task<List<Tenant>> {|#0:List|}(AnchorContext db) => db.Tenants.ToListAsync();
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(UnpaginatedCollectionEndpointAnalyzer.Rule).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("GET /api/tenants", "db.Tenants", "", ""));
        await test.RunAsync();
    }

    [Fact]
    public Task PagedLambdaAndPagedMethodGroup_AreNotReported() => VerifyCS.VerifyAnalyzerAsync(PaginationTestModel.Source + """
        public static class Endpoints
        {
            public static void Map(this IEndpointRouteBuilder app)
            {
                app.MapGet("/api/owners", (AnchorContext db) => db.Owners.OrderBy(o => o.Id).Take(50).ToListAsync());
                app.MapGet("/api/documents", Top);
            }

            private static Task<List<Document>> Top(AnchorContext db) => db.Documents.OrderBy(d => d.Id).Take(20).ToListAsync();
        }
        """);

    [Fact]
    public Task MethodGroupHandler_GetsTheFixOnItsDeclaration() =>
        Verifiers.PaginationCodeFixVerifier<UnpaginatedCollectionEndpointCodeFixProvider>.VerifyCodeFixAsync(PaginationTestModel.Source + """
            public static class DocumentEndpoints
            {
                public static void MapDocuments(this IEndpointRouteBuilder app)
                {
                    app.MapGet("/api/documents", GetAll);
                }

                private static async Task<List<Document>> {|PG0004:GetAll|}(AnchorContext db) => await db.Documents.ToListAsync();
            }
            """, PaginationTestModel.Source + """
            public static class DocumentEndpoints
            {
                private const int MaxPageSize = 100;

                public static void MapDocuments(this IEndpointRouteBuilder app)
                {
                    app.MapGet("/api/documents", GetAll);
                }

                private static async Task<List<Document>> GetAll(AnchorContext db, int page = 1, int pageSize = 50) => await db.Documents.OrderBy(d => d.Id).Skip((page - 1) * Math.Clamp(pageSize, 1, MaxPageSize)).Take(Math.Clamp(pageSize, 1, MaxPageSize)).ToListAsync();
            }
            """);
}
