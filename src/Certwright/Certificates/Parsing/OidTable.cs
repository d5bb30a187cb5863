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
        new(Oids.CommonName, "CN", KnownOid.CommonName),
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
        new(Oids.EmailAddress, "emailAddress", KnownOid.None),
        new("0.9.2342.19200300.100.1.1", "UID", KnownOid.None),
        new("0.9.2342.19200300.100.1.25", "DC", KnownOid.None),
        new("1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL", KnownOid.None),
        new("1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST", KnownOid.None),
        new("1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC", KnownOid.None),

        // Extensions
        new(Oids.SubjectKeyIdentifier, "subjectKeyIdentifier", KnownOid.SubjectKeyIdentifier),
        new(Oids.KeyUsage, "keyUsage", KnownOid.KeyUsage),
        new(Oids.SubjectAltName, "subjectAltName", KnownOid.SubjectAltName),
        new(Oids.BasicConstraints, "basicConstraints", KnownOid.BasicConstraints),
        new(Oids.CrlDistributionPoints, "crlDistributionPoints", KnownOid.CrlDistributionPoints),
        new(Oids.AuthorityKeyIdentifier, "authorityKeyIdentifier", KnownOid.AuthorityKeyIdentifier),
        new(Oids.ExtendedKeyUsage, "extendedKeyUsage", KnownOid.ExtendedKeyUsage),
        new(Oids.AuthorityInfoAccess, "authorityInfoAccess", KnownOid.AuthorityInfoAccess),
        new(Oids.SctList, "ct_precert_scts", KnownOid.SignedCertificateTimestampList),
        new(Oids.Ocsp, "OCSP", KnownOid.Ocsp),
        new(Oids.CaIssuers, "caIssuers", KnownOid.CaIssuers),

        // Extensions the path validator processes (named in its messages; the inventory only lists them)
        new(Oids.SubjectDirectoryAttributes, "subjectDirectoryAttributes", KnownOid.None),
        new(Oids.IssuerAltName, "issuerAltName", KnownOid.None),
        new(Oids.NameConstraints, "nameConstraints", KnownOid.None),
        new(Oids.CertificatePolicies, "certificatePolicies", KnownOid.None),
        new(Oids.PolicyMappings, "policyMappings", KnownOid.None),
        new(Oids.PolicyConstraints, "policyConstraints", KnownOid.None),
        new(Oids.FreshestCrl, "freshestCRL", KnownOid.None),
        new(Oids.InhibitAnyPolicy, "inhibitAnyPolicy", KnownOid.None),
        new(Oids.SubjectInfoAccess, "subjectInfoAccess", KnownOid.None),
        new(Oids.TlsFeature, "tlsfeature", KnownOid.None),
        new(Oids.OcspNoCheck, "noCheck", KnownOid.None),

        // Key purposes and policies
        new(Oids.ServerAuth, "serverAuth", KnownOid.None),
        new(Oids.ClientAuth, "clientAuth", KnownOid.None),
        new(Oids.CodeSigning, "codeSigning", KnownOid.None),
        new(Oids.EmailProtection, "emailProtection", KnownOid.None),
        new(Oids.TimeStamping, "timeStamping", KnownOid.None),
        new(Oids.OcspSigning, "OCSPSigning", KnownOid.None),
        new(Oids.AnyExtendedKeyUsage, "anyExtendedKeyUsage", KnownOid.None),
        new(Oids.PrecertificateSigning, "ct_precert_signer", KnownOid.None),
        new(Oids.AnyPolicy, "anyPolicy", KnownOid.None),

        // otherName types
        new("1.3.6.1.4.1.311.20.2.3", "UPN", KnownOid.None),
        new("1.3.6.1.5.5.7.8.9", "SmtpUTF8Mailbox", KnownOid.None),
        new("1.3.6.1.5.5.7.8.3", "permanentIdentifier", KnownOid.None),

        // Public key algorithms (Ed25519, Ed448 and ML-DSA share their OID with the signature algorithm)
        new(Oids.RsaEncryption, "rsaEncryption", KnownOid.RsaEncryption),
        new(Oids.RsaPss, "rsassaPss", KnownOid.RsaPss),
        new(Oids.EcPublicKey, "id-ecPublicKey", KnownOid.EcPublicKey),
        new(Oids.Dsa, "dsaEncryption", KnownOid.Dsa),
        new(Oids.Ed25519, "ED25519", KnownOid.Ed25519, 256),
        new(Oids.Ed448, "ED448", KnownOid.Ed448, 456),
        new(Oids.MlDsa44, "ML-DSA-44", KnownOid.MlDsa, 128),
        new(Oids.MlDsa65, "ML-DSA-65", KnownOid.MlDsa, 192),
        new(Oids.MlDsa87, "ML-DSA-87", KnownOid.MlDsa, 256),
        new("1.3.101.110", "X25519", KnownOid.None),
        new("1.3.101.111", "X448", KnownOid.None),

        // Named curves
        new(Oids.P256, "P-256", KnownOid.NamedCurve, 256),
        new(Oids.P384, "P-384", KnownOid.NamedCurve, 384),
        new(Oids.P521, "P-521", KnownOid.NamedCurve, 521),
        new("1.3.132.0.33", "P-224", KnownOid.NamedCurve, 224),
        new(Oids.P192, "P-192", KnownOid.NamedCurve, 192),
        new("1.3.132.0.10", "secp256k1", KnownOid.NamedCurve, 256),
        new("1.3.36.3.3.2.8.1.1.1", "brainpoolP160r1", KnownOid.NamedCurve, 160),
        new("1.3.36.3.3.2.8.1.1.3", "brainpoolP192r1", KnownOid.NamedCurve, 192),
        new("1.3.36.3.3.2.8.1.1.5", "brainpoolP224r1", KnownOid.NamedCurve, 224),
        new("1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1", KnownOid.NamedCurve, 256),
        new("1.3.36.3.3.2.8.1.1.9", "brainpoolP320r1", KnownOid.NamedCurve, 320),
        new("1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1", KnownOid.NamedCurve, 384),
        new("1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1", KnownOid.NamedCurve, 512),

        // Signature algorithms
        new(Oids.Md2WithRsa, "md2WithRSAEncryption", KnownOid.SignatureAlgorithm),
        new(Oids.Md5WithRsa, "md5WithRSAEncryption", KnownOid.SignatureAlgorithm),
        new(Oids.Sha1WithRsa, "sha1WithRSAEncryption", KnownOid.SignatureAlgorithm),
        new(Oids.Sha256WithRsa, "sha256WithRSAEncryption", KnownOid.SignatureAlgorithm),
        new(Oids.Sha384WithRsa, "sha384WithRSAEncryption", KnownOid.SignatureAlgorithm),
        new(Oids.Sha512WithRsa, "sha512WithRSAEncryption", KnownOid.SignatureAlgorithm),
        new("1.2.840.113549.1.1.14", "sha224WithRSAEncryption", KnownOid.SignatureAlgorithm),
        new("1.3.14.3.2.29", "sha1WithRSA", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.13", "RSA-SHA3-224", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.14", "RSA-SHA3-256", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.15", "RSA-SHA3-384", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.16", "RSA-SHA3-512", KnownOid.SignatureAlgorithm),
        new(Oids.EcdsaWithSha1, "ecdsa-with-SHA1", KnownOid.SignatureAlgorithm),
        new("1.2.840.10045.4.3.1", "ecdsa-with-SHA224", KnownOid.SignatureAlgorithm),
        new(Oids.EcdsaWithSha256, "ecdsa-with-SHA256", KnownOid.SignatureAlgorithm),
        new(Oids.EcdsaWithSha384, "ecdsa-with-SHA384", KnownOid.SignatureAlgorithm),
        new(Oids.EcdsaWithSha512, "ecdsa-with-SHA512", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.9", "ecdsa_with_SHA3-224", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.10", "ecdsa_with_SHA3-256", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.11", "ecdsa_with_SHA3-384", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.12", "ecdsa_with_SHA3-512", KnownOid.SignatureAlgorithm),
        new(Oids.DsaWithSha1, "dsaWithSHA1", KnownOid.SignatureAlgorithm),
        new("2.16.840.1.101.3.4.3.1", "dsa_with_SHA224", KnownOid.SignatureAlgorithm),
        new(Oids.DsaWithSha256, "dsa_with_SHA256", KnownOid.SignatureAlgorithm),

        // Containers
        new(Oids.Pkcs7Data, "pkcs7-data", KnownOid.Pkcs7Data),
        new(Oids.Pkcs7SignedData, "pkcs7-signedData", KnownOid.Pkcs7SignedData),
    ];
}
