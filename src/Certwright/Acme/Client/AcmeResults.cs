using Certwright.Acme.Protocol;

namespace Certwright.Acme.Client;

/// <summary>An account at the ACME server: its URL (the <c>kid</c> of later requests) and the account object.</summary>
public sealed record AcmeAccountResult(Uri Url, AcmeAccount Account, bool Created);

/// <summary>An order and its URL.</summary>
public sealed record AcmeOrderResult(Uri Url, AcmeOrder Order);

/// <summary>A downloaded certificate chain: DER certificates, the leaf first, and the URLs of alternate chains (Link rel="alternate").</summary>
public sealed record AcmeCertificateChain(IReadOnlyList<byte[]> Certificates, IReadOnlyList<Uri> Alternates);

/// <summary>An external account binding (RFC 8555 section 7.3.4): the key identifier and the MAC key the CA gave out of band.</summary>
public sealed record AcmeExternalAccountBinding(string KeyId, byte[] MacKey)
{
    /// <summary>From the CA's text form: the MAC key base64url (or base64) encoded.</summary>
    /// <exception cref="CertwrightException">Usage: the MAC key is not base64url.</exception>
    public static AcmeExternalAccountBinding Parse(string keyId, string macKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(macKey);
        var text = macKey.Trim().TrimEnd('=').Replace('+', '-').Replace('/', '_');
        try
        {
            var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(text);
            return bytes.Length >= 16 ? new AcmeExternalAccountBinding(keyId.Trim(), bytes)
                : throw new CertwrightException(ErrorKind.Usage, $"the EAB HMAC key for key id '{keyId}' is shorter than 128 bits; copy the whole key from the CA");
        }
        catch (FormatException)
        {
            throw new CertwrightException(ErrorKind.Usage, $"the EAB HMAC key for key id '{keyId}' is not base64url; copy it exactly as the CA shows it");
        }
    }

    /// <summary>Never prints the MAC key.</summary>
    public override string ToString() => $"EAB key id {KeyId}";
}
