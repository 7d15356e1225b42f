using AssetAnchor.Sample.Auth;

namespace AssetAnchor.Sample.Endpoints;

public sealed record LoginRequest(string Email, string Password);

public sealed record RefreshRequest(string RefreshToken);

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").AllowAnonymous();

        auth.MapPost("/login", async (LoginRequest request, IAuthService service, CancellationToken cancellationToken) =>
            await service.LoginAsync(request.Email, request.Password, cancellationToken) is { } tokens
                ? Results.Ok(tokens)
                : Results.Unauthorized());

        auth.MapPost("/refresh", async (RefreshRequest request, IAuthService service, CancellationToken cancellationToken) =>
            await service.RefreshAsync(request.RefreshToken, cancellationToken) is { } tokens
                ? Results.Ok(tokens)
                : Results.Unauthorized());

        return app;
    }
}
