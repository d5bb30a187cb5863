using Certwright.Tests.Authority.TestSupport;
using System.Security.Cryptography;
using Certwright.Authority;
using Certwright.Keys;
using Certwright.Keys.Internal;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Certwright.Tests.Authority.Ocsp;

/// <summary>A root and an issuing CA made in the test with software keys, issuing leaves into an <see cref="InMemoryAuthorityStore"/>.</summary>
internal sealed class OcspTestCa : IDisposable
{
    private static readonly DateTime NotBefore = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime NotAfter = new(2035, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly ISigningKey _rootKey;

    public OcspTestCa(string name = "test-ca", KeyType issuingKeyType = KeyType.EcP256)
    {
        _rootKey = SoftwareKeys.Generate("root", KeyType.EcP256);
        Root = Certificate(_rootKey, _rootKey, $"CN={name} Root", $"CN={name} Root", ca: true);
        Key = new CountingSigningKey(SoftwareKeys.Generate("issuing", issuingKeyType));
        Issuing = Certificate(_rootKey, Key, $"CN={name} Root", $"CN={name} Issuing", ca: true);
        Record = new AuthorityRecord(name, Issuing.GetEncoded(), [Root.GetEncoded()], new AuthorityKeyReference(KeyStoreKind.File, "issuing", issuingKeyType), null, new DateTimeOffset(NotBefore));
        Authority = new SigningAuthority(Record, Key);
    }

    public X509Certificate Root { get; }

    public X509Certificate Issuing { get; }

    public CountingSigningKey Key { get; }

    public AuthorityRecord Record { get; }

    public SigningAuthority Authority { get; }

    public string Name => Record.Name;

    /// <summary>Issues a leaf and records it in <paramref name="store"/>; <paramref name="highBit"/> gives a serial whose DER needs a leading zero.</summary>
    public async Task<X509Certificate> IssueAsync(IAuthorityStore store, string commonName, bool highBit = false)
    {
        using var leafKey = SoftwareKeys.Generate("leaf", KeyType.EcP256);
        var bytes = RandomNumberGenerator.GetBytes(16);
        bytes[0] = highBit ? (byte)(bytes[0] | 0x80) : (byte)((bytes[0] & 0x7F) | 0x01);
        var leaf = Certificate(Key, leafKey, Issuing.SubjectDN.ToString(), $"CN={commonName}", ca: false, new BigInteger(1, bytes));
        var der = leaf.GetEncoded();
        await store.RecordIssuedAsync(
            new IssuedCertificate(Name, "server", leaf.SerialNumber.ToByteArray(), Convert.ToHexStringLower(SHA256.HashData(der)), $"CN={commonName}",
                new DateTimeOffset(NotBefore), new DateTimeOffset(NotAfter), new DateTimeOffset(NotBefore), der),
            CancellationToken.None);
        return leaf;
    }

    public static string Pem(X509Certificate certificate) => new string(PemEncoding.Write("CERTIFICATE", certificate.GetEncoded())) + "\n";

    public void Dispose()
    {
        Key.Dispose();
        _rootKey.Dispose();
    }

    private static X509Certificate Certificate(ISigningKey signer, ISigningKey subjectKey, string issuer, string subject, bool ca, BigInteger? serial = null)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(serial ?? BigInteger.ValueOf(RandomNumberGenerator.GetInt32(1, int.MaxValue)));
        generator.SetIssuerDN(new X509Name(issuer));
        generator.SetSubjectDN(new X509Name(subject));
        generator.SetNotBefore(NotBefore);
        generator.SetNotAfter(NotAfter);
        generator.SetPublicKey(PublicKeyFactory.CreateKey(subjectKey.SubjectPublicKeyInfo));
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(ca));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(ca ? KeyUsage.KeyCertSign | KeyUsage.CrlSign : KeyUsage.DigitalSignature));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(SHA1.HashData(SubjectPublicKeyInfo.GetInstance(subjectKey.SubjectPublicKeyInfo).PublicKey.GetBytes())));
        return generator.Generate(signer.ToSignatureFactory());
    }
}
