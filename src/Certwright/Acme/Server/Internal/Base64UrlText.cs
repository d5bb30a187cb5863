using System.Buffers.Text;

namespace Certwright.Acme.Server.Internal;

/// <summary>Unpadded base64url (RFC 7515 §2) as JWS and ACME use it.</summary>
internal static class Base64UrlText
{
    /// <summary>The bytes, or null when <paramref name="text"/> is not unpadded base64url.</summary>
    public static byte[]? TryDecode(string text)
    {
        if (!Base64Url.IsValid(text) || text.Contains('=', StringComparison.Ordinal))
        {
            return null;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        return Base64Url.TryDecodeFromChars(text, bytes, out var written) ? bytes[..written] : null;
    }

    /// <summary>Whether <paramref name="text"/> uses only the base64url alphabet (names such as P-256 do too); keeps quotes out of canonical JSON.</summary>
    public static bool IsCanonical(string text) =>
        text.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_');

    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);
}
