using System.Security.Cryptography;
using System.Text;

namespace AssetAnchor.Sample.Auth;

/// <summary>PBKDF2-SHA256 password hashes, compared in constant time.</summary>
public static class PasswordHasher
{
    public const int Iterations = 100_000;
    private const int HashBytes = 32;

    public static byte[] Hash(string password, byte[] salt)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(salt);
        return Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
    }

    public static bool Verify(string password, byte[] salt, byte[] expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(password, salt), expectedHash);
}
