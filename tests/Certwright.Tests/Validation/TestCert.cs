using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Certwright.Tests.Validation;

/// <summary>An extension as written into a test certificate.</summary>
public sealed record TestExtension(string Oid, bool Critical, byte[] Value);

/// <summary>Everything about a test certificate before it is signed; tests change any field to make a defect.</summary>
public sealed class CertSpec
{
    public static readonly DateTimeOffset DefaultNotBefore = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset DefaultNotAfter = new(2035, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public required byte[] Subject { get; set; }

    public required byte[] Issuer { get; set; }

    public required TestKey Key { get; set; }

    public int Version { get; set; } = 3;

    public byte[] Serial { get; set; } = NewSerial();

    public DateTimeOffset NotBefore { get; set; } = DefaultNotBefore;

    public DateTimeOffset NotAfter { get; set; } = DefaultNotAfter;

    public List<TestExtension> Extensions { get; } = [];

    /// <summary>Signature algorithm; null means the signing key's default.</summary>
    public string? SignatureAlgorithm { get; set; }

    /// <summary>Flip a bit of the signature after signing.</summary>
    public bool TamperSignature { get; set; }

    public CertSpec Set(string oid, bool critical, byte[] value)
    {
        Remove(oid);
        Extensions.Add(new TestExtension(oid, critical, value));
        return this;
    }

    public CertSpec Add(string oid, bool critical, byte[] value)
    {
        Extensions.Add(new TestExtension(oid, critical, value));
        return this;
    }

    public CertSpec Remove(string oid)
    {
        Extensions.RemoveAll(e => e.Oid == oid);
        return this;
    }

    public static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}

/// <summary>A signed test certificate with its key.</summary>
public sealed class TestCert
{
    public TestCert(byte[] der, TestKey key, byte[] subject)
    {
        Der = der;
        Key = key;
        Subject = subject;
    }

    public byte[] Der { get; }

    public TestKey Key { get; }

    /// <summary>DER of the subject Name.</summary>
    public byte[] Subject { get; }

    public string Pem => PemEncoding.WriteString("CERTIFICATE", Der) + "\n";

    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Der));

    /// <summary>Encodes and signs a specification with the issuer's key.</summary>
    public static TestCert Sign(CertSpec spec, TestKey issuerKey)
    {
        var algorithm = spec.SignatureAlgorithm ?? issuerKey.DefaultAlgorithm;
        var algorithmId = TestKey.AlgorithmIdentifier(algorithm);
        var tbs = Tbs(spec, algorithmId);
        var (_, signature) = issuerKey.Sign(tbs, algorithm);
        if (spec.TamperSignature)
        {
            signature[signature.Length / 2] ^= 0x01;
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(tbs);
            writer.WriteEncodedValue(algorithmId);
            writer.WriteBitString(signature);
        }

        return new TestCert(writer.Encode(), spec.Key, spec.Subject);
    }

    private static byte[] Tbs(CertSpec spec, byte[] algorithmId)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            if (spec.Version != 1)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                {
                    writer.WriteInteger(spec.Version - 1);
                }
            }

            writer.WriteInteger(spec.Serial);

            writer.WriteEncodedValue(algorithmId);
            writer.WriteEncodedValue(spec.Issuer);
            using (writer.PushSequence())
            {
                WriteTime(writer, spec.NotBefore);
                WriteTime(writer, spec.NotAfter);
            }

            writer.WriteEncodedValue(spec.Subject);
            writer.WriteEncodedValue(spec.Key.Spki);
            if (spec.Extensions.Count > 0)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3, true)))
                {
                    using (writer.PushSequence())
                    {
                        foreach (var extension in spec.Extensions)
                        {
                            using (writer.PushSequence())
                            {
                                writer.WriteObjectIdentifier(extension.Oid);
                                if (extension.Critical)
                                {
                                    writer.WriteBoolean(true);
                                }

                                writer.WriteOctetString(extension.Value);
                            }
                        }
                    }
                }
            }
        }

        return writer.Encode();
    }

    private static void WriteTime(AsnWriter writer, DateTimeOffset time)
    {
        if (time.Year is >= 1950 and < 2050)
        {
            writer.WriteUtcTime(time);
        }
        else
        {
            writer.WriteGeneralizedTime(time, omitFractionalSeconds: true);
        }
    }
}
