using System.Formats.Asn1;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Certwright.Certificates;

/// <summary>
/// Reads the outline of one X.509 certificate (RFC 5280 4.1) on spans: every field in order, the
/// version, validity and signature algorithm decoded, the rest located. The inventory record
/// (<see cref="CertificateParser"/>) and the path validator's model are both built from its result.
/// </summary>
/// <remarks>
/// Strictness: the whole input must be one Certificate (no trailing bytes) and the TBS fields in
/// RFC 5280 order. With <see cref="AsnEncodingRules.BER"/> it accepts long-form lengths, UTCTime without
/// seconds and the like; with <see cref="AsnEncodingRules.DER"/> it rejects them. It accepts unique
/// identifiers and extensions in any version and does not look inside names, the key or extensions:
/// callers decide what those oddities mean.
/// </remarks>
internal static class CertificateDecoder
{
    private static readonly Asn1Tag VersionTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag IssuerUniqueIdTag = new(TagClass.ContextSpecific, 1);
    private static readonly Asn1Tag SubjectUniqueIdTag = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag ExtensionsTag = new(TagClass.ContextSpecific, 3, isConstructed: true);

    /// <summary>Reads the outline; <paramref name="section"/> names the field being read, for error messages.</summary>
    /// <exception cref="AsnContentException">The bytes are not a certificate under <paramref name="rules"/>.</exception>
    public static CertificateStructure Decode(ReadOnlyMemory<byte> der, AsnEncodingRules rules, ref string section)
    {
        var span = der.Span;
        if (span.IsEmpty)
        {
            throw new AsnContentException("no data");
        }

        var outer = new DerReader(span, rules);
        var certificate = outer.ReadSequence();
        outer.EnsureEnd();
        section = "tbsCertificate";
        var tbsEncoded = certificate.ReadEncoded(out var tbsTag, out var tbsContents);
        ExpectSequence(tbsTag);
        section = "signatureAlgorithm";
        var signatureAlgorithm = ReadAlgorithm(ref certificate, out var signatureOid);
        section = "signatureValue";
        var signatureStart = certificate.Remaining;
        certificate.ReadBitString(out _);
        var signatureValue = signatureStart[..(signatureStart.Length - certificate.Remaining.Length)];
        certificate.EnsureEnd();

        var tbs = new DerReader(tbsContents, rules);
        section = "version";
        var version = 1;
        if (tbs.NextIs(VersionTag))
        {
            var explicitVersion = tbs.ReadExplicit(VersionTag);
            var value = explicitVersion.ReadInt32();
            explicitVersion.EnsureEnd();
            if (value is < 0 or > 2)
            {
                throw new AsnContentException($"unknown version {value}");
            }

            version = value + 1;
        }

        section = "serialNumber";
        var serial = tbs.ReadIntegerBytes();
        section = "signature";
        var innerAlgorithm = ReadEncodedSequence(ref tbs);
        section = "issuer";
        var issuer = ReadEncodedSequence(ref tbs);
        section = "validity";
        var validity = tbs.ReadSequence();
        var notBefore = validity.ReadTime(out var notBeforeEncoded);
        var notAfter = validity.ReadTime(out var notAfterEncoded);
        validity.EnsureEnd();
        section = "subject";
        var subject = ReadEncodedSequence(ref tbs);
        section = "subjectPublicKeyInfo";
        var spki = ReadEncodedSequence(ref tbs);
        section = "uniqueIdentifier";
        var hasUniqueId = tbs.SkipIf(IssuerUniqueIdTag);
        hasUniqueId |= tbs.SkipIf(SubjectUniqueIdTag);

        var hasExtensions = false;
        ReadOnlySpan<byte> extensions = default;
        if (tbs.NextIs(ExtensionsTag))
        {
            section = "extensions";
            var wrapper = tbs.ReadExplicit(ExtensionsTag);
            extensions = wrapper.ReadSequence().Remaining;
            wrapper.EnsureEnd();
            hasExtensions = true;
        }

        section = "tbsCertificate";
        tbs.EnsureEnd();

        return new CertificateStructure
        {
            Der = der,
            Rules = rules,
            Tbs = Locate(span, tbsEncoded),
            SignatureAlgorithm = Locate(span, signatureAlgorithm),
            SignatureAlgorithmOid = signatureOid,
            SignatureValue = Locate(span, signatureValue),
            Version = version,
            SerialNumber = Locate(span, serial),
            TbsSignatureAlgorithm = Locate(span, innerAlgorithm),
            Issuer = Locate(span, issuer),
            Subject = Locate(span, subject),
            NotBefore = notBefore,
            NotAfter = notAfter,
            NotBeforeEncoded = Locate(span, notBeforeEncoded),
            NotAfterEncoded = Locate(span, notAfterEncoded),
            SubjectPublicKeyInfo = Locate(span, spki),
            HasUniqueIdentifier = hasUniqueId,
            HasExtensions = hasExtensions,
            Extensions = Locate(span, extensions),
        };
    }

    /// <summary>Reads an AlgorithmIdentifier; returns its whole encoding.</summary>
    public static ReadOnlySpan<byte> ReadAlgorithm(ref DerReader reader, out OidInfo oid)
    {
        var encoded = reader.ReadEncoded(out var tag, out var contents);
        ExpectSequence(tag);
        var algorithm = new DerReader(contents, reader.Rules);
        oid = algorithm.ReadOid();
        return encoded;
    }

    /// <summary>Reads a value that must be a SEQUENCE; returns its whole encoding.</summary>
    private static ReadOnlySpan<byte> ReadEncodedSequence(ref DerReader reader)
    {
        var encoded = reader.ReadEncoded(out var tag, out _);
        ExpectSequence(tag);
        return encoded;
    }

    private static void ExpectSequence(Asn1Tag tag)
    {
        if (tag != Asn1Tag.Sequence)
        {
            throw new AsnContentException($"expected a SEQUENCE, found {tag}");
        }
    }

    /// <summary>Where <paramref name="part"/>, a span the readers sliced from <paramref name="der"/>, lies in it.</summary>
    private static Segment Locate(ReadOnlySpan<byte> der, ReadOnlySpan<byte> part)
    {
        if (part.IsEmpty)
        {
            return default;
        }

        var offset = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(der), ref MemoryMarshal.GetReference(part));
        return (uint)offset <= (uint)(der.Length - part.Length)
            ? new Segment(offset, part.Length)
            : throw new InvalidOperationException("a decoded field is not part of the certificate's encoding");
    }
}
