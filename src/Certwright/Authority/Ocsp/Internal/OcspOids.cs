namespace Certwright.Authority.Ocsp.Internal;

/// <summary>Object identifiers and fixed encodings the responder reads and writes.</summary>
internal static class OcspOids
{
    public const string Sha1 = "1.3.14.3.2.26";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string Nonce = "1.3.6.1.5.5.7.48.1.2";
    public const string BasicResponse = "1.3.6.1.5.5.7.48.1.1";
    public const string NoCheck = "1.3.6.1.5.5.7.48.1.5";
    public const string OcspSigning = "1.3.6.1.5.5.7.3.9";

    /// <summary>DER OBJECT IDENTIFIER sha1 (tag, length, value), as the start of a CertID's AlgorithmIdentifier.</summary>
    public static ReadOnlySpan<byte> Sha1Der => [0x06, 0x05, 0x2B, 0x0E, 0x03, 0x02, 0x1A];

    /// <summary>DER OBJECT IDENTIFIER sha256.</summary>
    public static ReadOnlySpan<byte> Sha256Der => [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
}
