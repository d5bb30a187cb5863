using System.Formats.Asn1;
using Certwright.Keys;

namespace Certwright.Authority.Crl.Internal;

/// <summary>
/// Encodes and signs an RFC 5280 v2 CertificateList with <see cref="AsnWriter"/>: one pass, no object per entry, so
/// 100,000 entries take milliseconds rather than BouncyCastle's per-entry ASN.1 trees.
/// </summary>
internal static class CrlEncoder
{
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";
    private const string CrlNumberOid = "2.5.29.20";
    private static readonly Asn1Tag Explicit0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Implicit0 = new(TagClass.ContextSpecific, 0);

    // The crlEntryExtensions of each reason, pre-encoded: SEQUENCE { SEQUENCE { id-ce-cRLReasons, OCTET STRING { ENUMERATED n } } }.
    private static readonly byte[][] ReasonExtensions = Enumerable.Range(0, 11)
        .Select(code => new byte[] { 0x30, 0x0C, 0x30, 0x0A, 0x06, 0x03, 0x55, 0x1D, 0x15, 0x04, 0x03, 0x0A, 0x01, (byte)code })
        .ToArray();

    public static byte[] Encode(
        ISigningKey key,
        CrlIssuer issuer,
        DateTimeOffset thisUpdate,
        DateTimeOffset nextUpdate,
        long number,
        IReadOnlyList<RevokedCertificate> entries)
    {
        var tbs = new AsnWriter(AsnEncodingRules.DER, initialCapacity: 256 + (entries.Count * 48));
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1); // v2
            tbs.WriteEncodedValue(key.SignatureAlgorithmIdentifier);
            tbs.WriteEncodedValue(issuer.Name);
            WriteTime(tbs, thisUpdate);
            WriteTime(tbs, nextUpdate);

            // RFC 5280 §5.1.2.6: with no revoked certificates the list is absent, not empty.
            if (entries.Count > 0)
            {
                using (tbs.PushSequence())
                {
                    foreach (var entry in entries)
                    {
                        WriteEntry(tbs, entry);
                    }
                }
            }

            using (tbs.PushSequence(Explicit0))
            using (tbs.PushSequence())
            {
                using (tbs.PushSequence())
                {
                    tbs.WriteObjectIdentifier(AuthorityKeyIdentifierOid);
                    using (tbs.PushOctetString())
                    using (tbs.PushSequence())
                    {
                        tbs.WriteOctetString(issuer.KeyIdentifier, Implicit0);
                    }
                }

                using (tbs.PushSequence())
                {
                    tbs.WriteObjectIdentifier(CrlNumberOid);
                    using (tbs.PushOctetString())
                    {
                        tbs.WriteInteger(number);
                    }
                }
            }
        }

        var toBeSigned = tbs.Encode();
        var signature = key.Sign(toBeSigned);
        var crl = new AsnWriter(AsnEncodingRules.DER, initialCapacity: toBeSigned.Length + signature.Length + 64);
        using (crl.PushSequence())
        {
            crl.WriteEncodedValue(toBeSigned);
            crl.WriteEncodedValue(key.SignatureAlgorithmIdentifier);
            crl.WriteBitString(signature);
        }

        return crl.Encode();
    }

    private static void WriteEntry(AsnWriter writer, RevokedCertificate entry)
    {
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(MinimalUnsigned(entry.Serial));
            WriteTime(writer, entry.RevokedAt);

            // RFC 5280 §5.3.1: the reasonCode extension should be absent rather than say unspecified.
            if (entry.Reason != RevocationReason.Unspecified)
            {
                writer.WriteEncodedValue(ReasonExtensions[(int)entry.Reason]);
            }
        }
    }

    /// <summary>Serials are positive; the ledger keeps DER INTEGER content, which has a leading 0x00 when the top bit is set.</summary>
    private static ReadOnlySpan<byte> MinimalUnsigned(byte[] serial)
    {
        var span = serial.AsSpan();
        while (span.Length > 1 && span[0] == 0)
        {
            span = span[1..];
        }

        return span;
    }

    /// <summary>RFC 5280 §5.1.2.4: UTCTime through 2049, GeneralizedTime from 2050; whole seconds, UTC.</summary>
    internal static void WriteTime(AsnWriter writer, DateTimeOffset time)
    {
        var utc = Truncate(time);
        if (utc.Year is >= 1950 and < 2050)
        {
            writer.WriteUtcTime(utc);
        }
        else
        {
            writer.WriteGeneralizedTime(utc, omitFractionalSeconds: true);
        }
    }

    public static DateTimeOffset Truncate(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
