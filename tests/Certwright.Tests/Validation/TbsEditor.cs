using System.Formats.Asn1;

namespace Certwright.Tests.Validation;

/// <summary>
/// Re-encodes a signed test certificate with some TBS fields replaced by raw (possibly BER) encodings and
/// signs it again, for the encodings CertSpec's DER writer will not produce.
/// </summary>
public static class TbsEditor
{
    /// <summary>The TBS fields in order ([0] version, serial, signature, issuer, validity, subject, key, [3] extensions).</summary>
    public static List<byte[]> Fields(TestCert certificate)
    {
        var tbs = new AsnReader(certificate.Der, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        var fields = new List<byte[]>();
        while (tbs.HasData)
        {
            fields.Add(tbs.ReadEncodedValue().ToArray());
        }

        return fields;
    }

    /// <summary>Signs the edited fields with the issuer's key; the signature is valid, only the encoding is odd.</summary>
    public static TestCert Resign(TestCert certificate, TestKey issuerKey, Action<List<byte[]>> edit)
    {
        var fields = Fields(certificate);
        edit(fields);
        var tbsWriter = new AsnWriter(AsnEncodingRules.BER); // definite, minimal lengths; takes BER fields as they are
        using (tbsWriter.PushSequence())
        {
            fields.ForEach(f => tbsWriter.WriteEncodedValue(f));
        }

        var tbs = tbsWriter.Encode();
        var (algorithm, signature) = issuerKey.Sign(tbs, issuerKey.DefaultAlgorithm);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(tbs);
            writer.WriteEncodedValue(algorithm);
            writer.WriteBitString(signature);
        }

        return new TestCert(writer.Encode(), certificate.Key, certificate.Subject);
    }
}
