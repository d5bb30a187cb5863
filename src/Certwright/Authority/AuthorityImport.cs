namespace Certwright.Authority;

/// <summary>What <c>ca import</c> brings in: an existing issuing CA's certificate, its chain and its private key.</summary>
/// <param name="Name">The CA's name in Certwright: <c>[a-z0-9][a-z0-9-]{0,62}</c>.</param>
/// <param name="Certificate">The issuing CA certificate file (PEM or DER); further certificates in it start the chain.</param>
/// <param name="Key">The private key file: PEM PKCS#8 (plain or encrypted) or traditional EC/RSA PEM.</param>
public sealed record AuthorityImport(string Name, byte[] Certificate, byte[] Key)
{
    /// <summary>Names the certificate file in messages. <value>Default: "the CA certificate".</value></summary>
    public string CertificateSource { get; init; } = "the CA certificate";

    /// <summary>Names the key file in messages. <value>Default: "the CA key".</value></summary>
    public string KeySource { get; init; } = "the CA key";

    /// <summary>The certificates above the issuing one (PEM or DER), its issuer first, up to the self-signed root; null when none.</summary>
    public byte[]? Chain { get; init; }

    /// <summary>Names the chain file in messages.</summary>
    public string ChainSource { get; init; } = "the chain";

    /// <summary>The password of an encrypted key; null when the key is not encrypted. The caller clears it.</summary>
    public char[]? KeyPassword { get; init; }

    /// <summary>Base URL of <c>certwright serve</c> put into issued certificates (AIA, CRL DP); null for none.</summary>
    public Uri? PublicUrl { get; init; }
}
