using Certwright.Authority;
using Certwright.Keys;
using Certwright.Keys.Internal;
using Certwright.Tests.TestSupport;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace Certwright.Tests.Authority.Crl;

/// <summary>
/// A root and an issuing intermediate made in the test with BouncyCastle, both with real software
/// <see cref="ISigningKey"/>s, plus leaves it issues; the files openssl needs are written to a temp directory.
/// </summary>
internal sealed class CrlTestAuthority : IDisposable
{
    private static readonly DateTime NotBefore = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime NotAfter = new(2045, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly ISigningKey _rootKey;

    /// <param name="type">Key type of both CA keys (when <paramref name="issuingKey"/> is null).</param>
    /// <param name="name">The CA's name.</param>
    /// <param name="issuingKey">The intermediate's key (e.g. one in a key store); null generates one. Disposed with this.</param>
    public CrlTestAuthority(KeyType type = KeyType.EcP256, string name = "test-ca", ISigningKey? issuingKey = null)
    {
        Directory = new TempDirectory();
        issuingKey ??= SoftwareKeys.Generate(KeyIds.NewId(), type);
        type = issuingKey.Type;
        _rootKey = SoftwareKeys.Generate(KeyIds.NewId(), type);
        Root = CaCertificate(_rootKey, _rootKey, "CN=Certwright CRL Test Root,O=Certwright Tests", null, 1);
        Issuing = CaCertificate(issuingKey, _rootKey, "CN=Certwright CRL Test Issuing CA,O=Certwright Tests", Root, 2);
        var record = new AuthorityRecord(
            name,
            Issuing.GetEncoded(),
            [Root.GetEncoded()],
            new AuthorityKeyReference(KeyStoreKind.File, issuingKey.Id, type),
            PublicUrl: null,
            new DateTimeOffset(NotBefore));
        Authority = new SigningAuthority(record, issuingKey);
        ChainPem = Directory.Write("chain.pem", Pem("CERTIFICATE", Issuing.GetEncoded()) + Pem("CERTIFICATE", Root.GetEncoded()));
    }

    public TempDirectory Directory { get; }

    public X509Certificate Root { get; }

    public X509Certificate Issuing { get; }

    public SigningAuthority Authority { get; }

    /// <summary>PEM file with the intermediate then the root.</summary>
    public string ChainPem { get; }

    /// <summary>A leaf signed by the intermediate, as a PEM file; returns the file, its serial and its DER.</summary>
    public (string File, byte[] Serial, byte[] Der) IssueLeaf(string commonName, DateTime? notAfter = null)
    {
        var serial = new BigInteger(1, SecureRandomBytes());
        using var leafKey = SoftwareKeys.Generate(KeyIds.NewId(), KeyType.EcP256);
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(serial);
        generator.SetIssuerDN(Issuing.SubjectDN);
        generator.SetSubjectDN(new X509Name("CN=" + commonName));
        generator.SetNotBefore(NotBefore);
        generator.SetNotAfter(notAfter ?? new DateTime(2040, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        generator.SetPublicKey(PublicKeyFactory.CreateKey(leafKey.SubjectPublicKeyInfo));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(Issuing));
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));
        var leaf = generator.Generate(Authority.Key.ToSignatureFactory());
        return (Directory.Write(commonName + ".pem", Pem("CERTIFICATE", leaf.GetEncoded())), serial.ToByteArray(), leaf.GetEncoded());
    }

    public static string Pem(string label, byte[] der) => new string(System.Security.Cryptography.PemEncoding.Write(label, der)) + "\n";

    private static byte[] SecureRandomBytes()
    {
        var bytes = new byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        return bytes;
    }

    private static X509Certificate CaCertificate(ISigningKey key, ISigningKey signer, string subject, X509Certificate? issuer, long serial)
    {
        var publicKey = PublicKeyFactory.CreateKey(key.SubjectPublicKeyInfo);
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(BigInteger.ValueOf(serial));
        generator.SetIssuerDN(issuer?.SubjectDN ?? new X509Name(subject));
        generator.SetSubjectDN(new X509Name(subject));
        generator.SetNotBefore(NotBefore);
        generator.SetNotAfter(NotAfter);
        generator.SetPublicKey(publicKey);
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(publicKey));
        if (issuer is not null)
        {
            generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(issuer));
        }

        generator.AddExtension(X509Extensions.BasicConstraints, true, issuer is null ? new BasicConstraints(cA: true) : new BasicConstraints(0));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        return generator.Generate(signer.ToSignatureFactory());
    }

    public void Dispose()
    {
        Authority.Dispose();
        _rootKey.Dispose();
        Directory.Dispose();
    }
}
