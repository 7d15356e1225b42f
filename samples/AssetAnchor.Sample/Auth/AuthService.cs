using AssetAnchor.Sample.Data;
using Microsoft.EntityFrameworkCore;

namespace AssetAnchor.Sample.Auth;

public interface IAuthService
{
    /// <summary>A token pair for valid credentials; null otherwise (the caller cannot tell which part was wrong).</summary>
    Task<TokenPair?> LoginAsync(string email, string password, CancellationToken cancellationToken = default);

    /// <summary>A fresh token pair for a valid refresh token of a user who still exists; null otherwise.</summary>
    Task<TokenPair?> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default);
}

public sealed class AuthService(AssetAnchorDbContext db, TokenService tokens) : IAuthService
{
    public async Task<TokenPair?> LoginAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        var normalized = email.Trim().ToLowerInvariant();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        if (user is null || !PasswordHasher.Verify(password, user.PasswordSalt, user.PasswordHash))
        {
            return null;
        }

        return tokens.Issue(user.Id, user.Email, user.Role);
    }

    public async Task<TokenPair?> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        var claims = tokens.Validate(refreshToken, TokenService.RefreshTokenType);
        if (claims is null)
        {
            return null;
        }

        var user = await db.Users
            .AsNoTracking()
            .Where(u => u.Id == claims.UserId)
            .Select(u => new { u.Id, u.Email, u.Role })
            .SingleOrDefaultAsync(cancellationToken);
        return user is null ? null : tokens.Issue(user.Id, user.Email, user.Role);
    }
}
