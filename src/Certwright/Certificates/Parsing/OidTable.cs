namespace Certwright.Certificates;

/// <summary>
/// The OIDs Certwright names. Names follow openssl's short names, so output can be compared with
/// <c>openssl x509 -text</c> and <c>-nameopt RFC2253</c>.
/// </summary>
internal static class OidTable
{
    public static readonly OidInfo[] Entries =
    [
        // Name attributes (RFC 4514 names where it defines one, else openssl's)
        new("2.5.4.3", "CN", KnownOid.CommonName),
        new("2.5.4.4", "SN", KnownOid.None),
        new("2.5.4.5", "serialNumber", KnownOid.None),
        new("2.5.4.6", "C", KnownOid.None),
        new("2.5.4.7", "L", KnownOid.None),
        new("2.5.4.8", "ST", KnownOid.None),
        new("2.5.4.9", "street", KnownOid.None),
        new("2.5.4.10", "O", KnownOid.None),
        new("2.5.4.11", "OU", KnownOid.None),
        new("2.5.4.12", "title", KnownOid.None),
        new("2.5.4.13", "description", KnownOid.None),
        new("2.5.4.15", "businessCategory", KnownOid.None),
        new("2.5.4.17", "postalCode", KnownOid.None),
        new("2.5.4.18", "postOfficeBox", KnownOid.None),
        new("2.5.4.41", "name", KnownOid.None),
        new("2.5.4.42", "GN", KnownOid.None),
        new("2.5.4.43", "initials", KnownOid.None),
        new("2.5.4.44", "generationQualifier", KnownOid.None),
        new("2.5.4.46", "dnQualifier", KnownOid.None),
        new("2.5.4.65", "pseudonym", KnownOid.None),
        new("2.5.4.97", "organizationIdentifier", KnownOid.None),
        new("1.2.840.113549.1.9.1", "emailAddress", KnownOid.None),
        new("0.9.2342.19200300.100.1.1", "UID", KnownOid.None),
        new("0.9.2342.19200300.100.1.25", "DC", KnownOid.None),
        new("1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL", KnownOid.None),
        new("1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST", KnownOid.None),
        new("1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC", KnownOid.None),

        // Extensions
        new("2.5.29.14", "subjectKeyIdentifier", KnownOid.SubjectKeyIdentifier),
        new("2.5.29.15", "keyUsage", KnownOid.KeyUsage),
        new("2.5.29.17", "subjectAltName", KnownOid.SubjectAltName),
        new("2.5.29.19", "basicConstraints", KnownOid.BasicConstraints),
        new("2.5.29.31", "crlDistributionPoints", KnownOid.CrlDistributionPoints),
        new("2.5.29.35", "authorityKeyIdentifier", KnownOid.AuthorityKeyIdentifier),
        new("2.5.29.37", "extendedKeyUsage", KnownOid.ExtendedKeyUsage),
        new("1.3.6.1.5.5.7.1.1", "authorityInfoAccess", KnownOid.AuthorityInfoAccess),
        new("1.3.6.1.4.1.11129.2.4.2", "ct_precert_scts", KnownOid.SignedCertificateTimestampList),
        new("1.3.6.1.5.5.7.48.1", "OCSP", KnownOid.Ocsp),
        new("1.3.6.1.5.5.7.48.2", "caIssuers", KnownOid.CaIssuers),

        // otherName types
        new("1.3.6.1.4.1.311.20.2.3", "UPN", KnownOid.None),
        new("1.3.6.1.5.5.7.8.9", "SmtpUTF8Mailbox", KnownOid.None),
        new("1.3.6.1.5.5.7.8.3", "permanentIdentifier", KnownOid.None),

        // Public key algorithms (Ed25519, Ed448 and ML-DSA share their OID with the signature algorithm)
        new("1.2.840.113549.1.1.1", "rsaEncryption", KnownOid.RsaEncryption),
        new("1.2.840.113549.1.1.10", "rsassaPss", KnownOid.RsaPss),
        new("1.2.840.10045.2.1", "id-ecPublicKey", KnownOid.EcPublicKey),
        new("1.2.840.10040.4.1", "dsaEncryption", KnownOid.Dsa),
        new("1.3.101.112", "ED25519", KnownOid.Ed25519, 256),
        new("1.3.101.113", "ED448", KnownOid.Ed448, 456),
        new("2.16.840.1.101.3.4.3.17", "ML-DSA-44", KnownOid.MlDsa, 128),
        new("2.16.840.1.101.3.4.3.18", "ML-DSA-65", KnownOid.MlDsa, 192),
        new("2.16.840.1.101.3.4.3.19", "ML-DSA-87", KnownOid.MlDsa, 256),
        new("1.3.101.110", "X25519", KnownOid.None),
        new("1.3.101.111", "X448", KnownOid.None),

        // Named curves
        new("1.2.840.10045.3.1.7", "P-256", KnownOid.NamedCurve, 256),
        new("1.3.132.0.34", "P-384", KnownOid.NamedCurve, 384),
        new("1.3.132.0.35", "P-521", KnownOid.NamedCurve, 521),
        new("1.3.132.0.33", "P-224", KnownOid.NamedCurve, 224),
        new("1.2.840.10045.3.1.1", "P-192", KnownOid.NamedCurve, 192),
        new("1.3.132.0.10", "secp256k1", KnownOid.NamedCurve, 256),
        new("1.3.36.3.3.2.8.1.1.1", "brainpoolP160r1", KnownOid.NamedCurve, 160),
        new("1.3.36.3.3.2.8.1.1.3", "brainpoolP192r1", KnownOid.NamedCurve, 192),
        new("1.3.36.3.3.2.8.1.1.5", "brainpoolP224r1", KnownOid.NamedCurve, 224),
        new("1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1", KnownOid.NamedCurve, 256),
        new("1.3.36.3.3.2.8.1.1.9", "brainpoolP320r1", KnownOid.NamedCurve, 320),
        new("1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1", KnownOid.NamedCurve, 384),
        new("1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1", KnownOid.NamedCurve, 512),

        // Signature algorithms
        new("1.2.840.113549.1.1.2", "md2WithRSAEncryption", KnownOid.SignatureAlgorithm),
        new("1.2.840.113549.1.1.4", "md5WithRSAEncryption", KnownOid.SignatureAlgorithm),
        new("1.2.840.113549.1.1.5", "sha1WithRSAEncryption", KnownOid.SignatureAlgorithm),
        new("1.2.840.113549.1.1.11", "sha256WithRSAEncryption", KnownOid.SignatureAlgorithm),
        new("1.2.840.113549.1.1.12", "sha384WithRSAEncryption", KnownOid.SignatureAlgorithm),
        new("1.2.840.113549.1.1.13", "sha512WithRSAEncryption", KnownOid.SignatureAlgorithm),
        new("1.2.840.113549.1.1.14", "sha224WithRSAEncryption", KnownOid.SignatureAlgorithm),
        new("1.3.14.3.2.29", "sha1WithRSA", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.13", "RSA-SHA3-224", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.14", "RSA-SHA3-256", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.15", "RSA-SHA3-384", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.16", "RSA-SHA3-512", KnownOid.SignatureAlgorithm),
        new("1.2.840.10045.4.1", "ecdsa-with-SHA1", KnownOid.SignatureAlgorithm),
        new("1.2.840.10045.4.3.1", "ecdsa-with-SHA224", KnownOid.SignatureAlgorithm),
        new("1.2.840.10045.4.3.2", "ecdsa-with-SHA256", KnownOid.SignatureAlgorithm),
        new("1.2.840.10045.4.3.3", "ecdsa-with-SHA384", KnownOid.SignatureAlgorithm),
        new("1.2.840.10045.4.3.4", "ecdsa-with-SHA512", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.9", "ecdsa_with_SHA3-224", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.10", "ecdsa_with_SHA3-256", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.11", "ecdsa_with_SHA3-384", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.12", "ecdsa_with_SHA3-512", KnownOid.SignatureAlgorithm),
        new("1.2.840.10040.4.3", "dsaWithSHA1", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.1", "dsa_with_SHA224", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.2", "dsa_with_SHA256", KnownOid.SignatureAlgorithm),

        // Containers
        new("1.2.840.113549.1.7.1", "pkcs7-data", KnownOid.Pkcs7Data),
        new("1.2.840.113549.1.7.2", "pkcs7-signedData", KnownOid.Pkcs7SignedData),
    ];
}
