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
}
