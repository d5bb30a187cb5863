using System.Formats.Asn1;
using System.Security.Cryptography;
using Certwright.Keys;

namespace Certwright.Authority.Ocsp.Internal;

/// <summary>
/// What signs one CA's responses: a delegated responder key and certificate, or the CA key itself
/// (<see cref="CertificateDer"/> null). The responderID is byKey: the SHA-1 of the signer's public key bits.
/// </summary>
internal sealed class ResponderSigner : IDisposable
{
    private readonly bool _ownsKey;

    public ResponderSigner(ISigningKey key, byte[]? certificateDer, DateTimeOffset notAfter, bool ownsKey)
    {
        Key = key;
        CertificateDer = certificateDer;
        NotAfter = notAfter;
        KeyHash = SHA1.HashData(PublicKeyBits(key.SubjectPublicKeyInfo));
        _ownsKey = ownsKey;
    }

    public ISigningKey Key { get; }

    /// <summary>The delegated responder certificate carried in each response's certs field; null when the CA key signs.</summary>
    public byte[]? CertificateDer { get; }

    /// <summary>When the delegated certificate expires (<see cref="DateTimeOffset.MaxValue"/> for the CA key).</summary>
    public DateTimeOffset NotAfter { get; }

    public byte[] KeyHash { get; }

    /// <summary>The subjectPublicKey BIT STRING's bits of a SubjectPublicKeyInfo (what KeyHash and issuerKeyHash hash).</summary>
    public static byte[] PublicKeyBits(byte[] subjectPublicKeyInfo)
    {
        var spki = new AsnReader(subjectPublicKeyInfo, AsnEncodingRules.DER).ReadSequence();
        spki.ReadSequence();
        return spki.ReadBitString(out _);
    }

    public void Dispose()
    {
        if (_ownsKey)
        {
            Key.Dispose();
        }
    }
}
