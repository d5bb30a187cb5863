using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Certwright.Tests.TestSupport;

/// <summary>
/// Writes certificates field by field with AsnWriter, for the encodings the platform builders will not
/// produce: negative or huge serials, v1 certificates, GeneralizedTime, BER booleans, odd name
/// attributes, arbitrary extension bytes. Signed with a real P-256 key (ecdsa-with-SHA256), so openssl
/// reads them like any other certificate.
/// </summary>
public sealed class RawCertificateBuilder
{
    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>INTEGER contents of the serial (two's complement, big-endian).</summary>
    public byte[] Serial { get; set; } = [0x01, 0x02, 0x03];

    /// <summary>X.509 version number (1, 2, 3); 1 omits the field.</summary>
    public int Version { get; set; } = 3;

    public byte[] Issuer { get; set; } = Name(("2.5.4.3", UniversalTagNumber.UTF8String, "Raw Issuer"));

    public byte[] Subject { get; set; } = Name(("2.5.4.3", UniversalTagNumber.UTF8String, "Raw Subject"));

    /// <summary>Writes notBefore; UTCTime 2025-01-01 by default.</summary>
    public Action<AsnWriter> NotBefore { get; set; } = w => w.WriteUtcTime(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public Action<AsnWriter> NotAfter { get; set; } = w => w.WriteUtcTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public byte[] SubjectPublicKeyInfo { get; set; } = Key.ExportSubjectPublicKeyInfo();

    /// <summary>Extensions as (OID, critical or null to omit the BOOLEAN, extnValue contents).</summary>
    public List<(string Oid, bool? Critical, byte[] Value)> Extensions { get; } = [];

    /// <summary>Raw bytes replacing the critical BOOLEAN's encoding (for BER 0x01 TRUE).</summary>
    public byte[]? CriticalEncodingOverride { get; set; }

    public RawCertificateBuilder AddExtension(string oid, bool? critical, byte[] value)
    {
        Extensions.Add((oid, critical, value));
        return this;
    }

    public byte[] Build()
    {
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            if (Version > 1)
            {
                using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
                {
                    tbs.WriteInteger(Version - 1);
                }
            }

            tbs.WriteInteger(Serial);
            WriteAlgorithm(tbs);
            tbs.WriteEncodedValue(Issuer);
            using (tbs.PushSequence())
            {
                NotBefore(tbs);
                NotAfter(tbs);
            }

            tbs.WriteEncodedValue(Subject);
            tbs.WriteEncodedValue(SubjectPublicKeyInfo);
            if (Extensions.Count > 0)
            {
                using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3)))
                using (tbs.PushSequence())
                {
                    foreach (var (oid, critical, value) in Extensions)
                    {
                        using (tbs.PushSequence())
                        {
                            tbs.WriteObjectIdentifier(oid);
                            if (critical is not null)
                            {
                                if (CriticalEncodingOverride is not null)
                                {
                                    tbs.WriteEncodedValue(CriticalEncodingOverride);
                                }
                                else
                                {
                                    tbs.WriteBoolean(critical.Value);
                                }
                            }

                            tbs.WriteOctetString(value);
                        }
                    }
                }
            }
        }

        var tbsBytes = tbs.Encode();
        var signature = Key.SignData(tbsBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var certificate = new AsnWriter(AsnEncodingRules.DER);
        using (certificate.PushSequence())
        {
            certificate.WriteEncodedValue(tbsBytes);
            WriteAlgorithm(certificate);
            certificate.WriteBitString(signature);
        }

        return certificate.Encode();
    }

    /// <summary>
    /// Encodes a Name with one attribute per RDN, in encoding order (least specific first).
    /// </summary>
    public static byte[] Name(params (string Oid, UniversalTagNumber Type, string Value)[] attributes) =>
        NameOfRdns([.. attributes.Select(a => new[] { a })]);

    /// <summary>Encodes a Name from RDNs, each a set of attributes (multi-valued when more than one).</summary>
    public static byte[] NameOfRdns(params (string Oid, UniversalTagNumber Type, string Value)[][] rdns)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence())
        {
            foreach (var rdn in rdns)
            {
                // BER writer: keeps the attributes of a multi-valued RDN in the given order.
                using (writer.PushSetOf())
                {
                    foreach (var (oid, type, value) in rdn)
                    {
                        using (writer.PushSequence())
                        {
                            writer.WriteObjectIdentifier(oid);
                            if (type == UniversalTagNumber.BitString)
                            {
                                // Not a string type: the value is the hex of the bits.
                                writer.WriteBitString(Convert.FromHexString(value));
                            }
                            else if (type == UniversalTagNumber.UniversalString)
                            {
                                // AsnWriter has no UniversalString (UCS-4): write the TLV by hand.
                                var ucs4 = new System.Text.UTF32Encoding(bigEndian: true, byteOrderMark: false).GetBytes(value);
                                writer.WriteEncodedValue([0x1C, (byte)ucs4.Length, .. ucs4]);
                            }
                            else
                            {
                                writer.WriteCharacterString(type, value);
                            }
                        }
                    }
                }
            }
        }

        return writer.Encode();
    }

    private static void WriteAlgorithm(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.10045.4.3.2");
        }
    }
}
