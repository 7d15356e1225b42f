using AssetAnchor.Sample.Auth;

namespace AssetAnchor.Sample.Tests;

public sealed class TokenServiceTests
{
    private static readonly TokenOptions Options = new() { SigningKey = Convert.ToBase64String(new byte[32]) };

    [Fact]
    public void An_issued_access_token_validates_until_it_expires()
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var service = new TokenService(Options, clock);
        var pair = service.Issue(42, "a@b.example", "PropertyManager");

        Assert.Equal(42, service.Validate(pair.AccessToken, TokenService.AccessTokenType)!.UserId);
        Assert.Null(service.Validate(pair.AccessToken, TokenService.RefreshTokenType));

        clock.Now += Options.AccessTokenLifetime + TimeSpan.FromSeconds(1);
        Assert.Null(service.Validate(pair.AccessToken, TokenService.AccessTokenType));
        Assert.NotNull(service.Validate(pair.RefreshToken, TokenService.RefreshTokenType));
    }

    [Fact]
    public void A_token_signed_with_another_key_is_refused()
    {
        var other = new TokenService(new TokenOptions { SigningKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()) }, TimeProvider.System);
        var token = other.Issue(1, "a@b.example", "PropertyManager").AccessToken;

        Assert.Null(new TokenService(Options, TimeProvider.System).Validate(token, TokenService.AccessTokenType));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData(".")]
    [InlineData("abc.")]
    [InlineData("!!!.???")]
    public void Malformed_tokens_are_refused_without_throwing(string token) =>
        Assert.Null(new TokenService(Options, TimeProvider.System).Validate(token, TokenService.AccessTokenType));

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
