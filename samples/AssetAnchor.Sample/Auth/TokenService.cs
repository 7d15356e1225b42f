using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AssetAnchor.Sample.Auth;

public sealed class TokenOptions
{
    public const string SectionName = "Auth";

    /// <summary>Base64 HMAC-SHA256 key (at least 32 bytes). Empty: a random key per process (tokens die with it).</summary>
    public string? SigningKey { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);
}

public sealed record TokenClaims(
    [property: JsonPropertyName("sub")] int UserId,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("typ")] string TokenType,
    [property: JsonPropertyName("exp")] long ExpiresAtUnixSeconds);

public sealed record TokenPair(string AccessToken, string RefreshToken, DateTime AccessTokenExpiresAtUtc);

/// <summary>
/// Compact signed tokens: base64url(JSON claims) "." base64url(HMAC-SHA256 of the first part).
/// Access and refresh tokens carry their type, so one can never be used as the other.
/// </summary>
public sealed class TokenService
{
    public const string AccessTokenType = "access";
    public const string RefreshTokenType = "refresh";

    private readonly byte[] key;
    private readonly TokenOptions options;
    private readonly TimeProvider clock;

    public TokenService(TokenOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.clock = clock;
        key = string.IsNullOrWhiteSpace(options.SigningKey)
            ? RandomNumberGenerator.GetBytes(32)
            : Convert.FromBase64String(options.SigningKey);
        if (key.Length < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must hold at least 32 bytes (base64).");
        }
    }

    public TokenPair Issue(int userId, string email, string role)
    {
        var now = clock.GetUtcNow();
        var accessExpires = now + options.AccessTokenLifetime;
        var access = Sign(new TokenClaims(userId, email, role, AccessTokenType, accessExpires.ToUnixTimeSeconds()));
        var refresh = Sign(new TokenClaims(userId, email, role, RefreshTokenType, (now + options.RefreshTokenLifetime).ToUnixTimeSeconds()));
        return new TokenPair(access, refresh, accessExpires.UtcDateTime);
    }

    /// <summary>The claims of a well-signed, unexpired token of the expected type; null otherwise.</summary>
    public TokenClaims? Validate(string? token, string expectedType)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
        {
            return null;
        }

        var payloadPart = token.AsSpan(0, dot);
        var signaturePart = token.AsSpan(dot + 1);
        if (!Base64Url.IsValid(payloadPart) || !Base64Url.IsValid(signaturePart))
        {
            return null;
        }

        var expected = HMACSHA256.HashData(key, System.Text.Encoding.ASCII.GetBytes(token, 0, dot));
        if (!CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(signaturePart)))
        {
            return null;
        }

        TokenClaims? claims;
        try
        {
            claims = JsonSerializer.Deserialize<TokenClaims>(Base64Url.DecodeFromChars(payloadPart));
        }
        catch (JsonException)
        {
            return null;
        }

        if (claims is null || claims.TokenType != expectedType || claims.ExpiresAtUnixSeconds <= clock.GetUtcNow().ToUnixTimeSeconds())
        {
            return null;
        }

        return claims;
    }

    private string Sign(TokenClaims claims)
    {
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = HMACSHA256.HashData(key, System.Text.Encoding.ASCII.GetBytes(payload));
        return payload + "." + Base64Url.EncodeToString(signature);
    }
}
