using System.Security.Cryptography;

namespace Certwright.Keys.Internal;

/// <summary>Key ids: 128 random bits as 32 lowercase hex digits, safe as a file name and as a PKCS#11 CKA_ID.</summary>
internal static class KeyIds
{
    public const int ByteLength = 16;

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(ByteLength));

    public static bool IsValid(string? id) =>
        id is { Length: ByteLength * 2 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <exception cref="CertwrightException">Usage: not an id this store made (also stops path tricks such as '../x').</exception>
    public static byte[] Parse(string? id) =>
        IsValid(id)
            ? Convert.FromHexString(id!)
            : throw new CertwrightException(ErrorKind.Usage, $"key id '{id}' is not valid; a key id is 32 hex digits as `certwright key list` shows");
}
