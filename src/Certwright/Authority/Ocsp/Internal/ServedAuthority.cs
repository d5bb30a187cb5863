using System.Formats.Asn1;

namespace Certwright.Authority.Ocsp.Internal;

/// <summary>A CA the responder answers for, with its CertID issuer hashes precomputed for SHA-1 and SHA-256.</summary>
internal sealed class ServedAuthority
{
    public ServedAuthority(SigningAuthority authority)
    {
        Authority = authority;
        var (subject, keyBits) = SubjectAndKey(authority.Record.IssuingCertificate);
        Sha1NameHash = CertIdHashes.Hash(CertIdHash.Sha1, subject);
        Sha1KeyHash = CertIdHashes.Hash(CertIdHash.Sha1, keyBits);
        Sha256NameHash = CertIdHashes.Hash(CertIdHash.Sha256, subject);
        Sha256KeyHash = CertIdHashes.Hash(CertIdHash.Sha256, keyBits);
    }

    public SigningAuthority Authority { get; }

    public string Name => Authority.Name;

    public byte[] Sha1NameHash { get; }

    public byte[] Sha1KeyHash { get; }

    public byte[] Sha256NameHash { get; }

    public byte[] Sha256KeyHash { get; }

    /// <summary>The signer in use; replaced (never mutated) when the delegated certificate is renewed.</summary>
    public ResponderSigner Signer { get; set; } = null!;

    /// <summary>The highest ledger sequence read so far.</summary>
    public long LedgerSequence { get; set; }

    public bool Matches(RequestedCertId id) => id.Hash switch
    {
        CertIdHash.Sha1 => id.IssuerNameHash.AsSpan().SequenceEqual(Sha1NameHash) && id.IssuerKeyHash.AsSpan().SequenceEqual(Sha1KeyHash),
        CertIdHash.Sha256 => id.IssuerNameHash.AsSpan().SequenceEqual(Sha256NameHash) && id.IssuerKeyHash.AsSpan().SequenceEqual(Sha256KeyHash),
        _ => false,
    };

    /// <summary>The DER CertID of <paramref name="serial"/> under this CA, with <paramref name="hash"/> and NULL parameters (as openssl sends).</summary>
    public byte[] CertIdDer(CertIdHash hash, ReadOnlySpan<byte> serial)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(CertIdHashes.Oid(hash));
                writer.WriteNull();
            }

            writer.WriteOctetString(hash == CertIdHash.Sha1 ? Sha1NameHash : Sha256NameHash);
            writer.WriteOctetString(hash == CertIdHash.Sha1 ? Sha1KeyHash : Sha256KeyHash);
            writer.WriteIntegerUnsigned(CertIdKey.TrimLeadingZeros(serial));
        }

        return writer.Encode();
    }

    public byte[] Key(CertIdHash hash, ReadOnlySpan<byte> serial) => hash == CertIdHash.Sha1
        ? CertIdKey.Create(Sha1NameHash, Sha1KeyHash, serial)
        : CertIdKey.Create(Sha256NameHash, Sha256KeyHash, serial);

    /// <summary>The DER subject Name and the subjectPublicKey bits of a certificate.</summary>
    private static (byte[] Subject, byte[] KeyBits) SubjectAndKey(byte[] certificate)
    {
        var tbs = new AsnReader(certificate, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
        {
            tbs.ReadEncodedValue();
        }

        tbs.ReadIntegerBytes();
        tbs.ReadEncodedValue(); // signature
        tbs.ReadEncodedValue(); // issuer
        tbs.ReadEncodedValue(); // validity
        var subject = tbs.ReadEncodedValue().ToArray();
        var spki = tbs.ReadEncodedValue().ToArray();
        return (subject, ResponderSigner.PublicKeyBits(spki));
    }
}
