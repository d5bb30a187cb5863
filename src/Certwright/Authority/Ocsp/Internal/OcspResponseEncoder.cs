using System.Formats.Asn1;

namespace Certwright.Authority.Ocsp.Internal;

/// <summary>One SingleResponse to encode: the CertID as the request sent it (or as pre-signed), and the status.</summary>
internal readonly record struct SingleAnswer(byte[] CertIdDer, CertificateStatus Status);

/// <summary>
/// Encodes and signs RFC 6960 responses: OCSPResponse { successful, BasicOCSPResponse { ResponseData, signature, certs } }.
/// Written with AsnWriter rather than BouncyCastle's generator so that times are whole seconds (RFC 5280 GeneralizedTime) and
/// nothing is parsed back.
/// </summary>
internal static class OcspResponseEncoder
{
    public static byte[] Encode(ResponderSigner signer, IReadOnlyList<SingleAnswer> answers, DateTimeOffset producedAt, DateTimeOffset nextUpdate, byte[]? nonce)
    {
        var tbs = EncodeResponseData(signer.KeyHash, answers, producedAt, nextUpdate, nonce);
        var signature = signer.Key.Sign(tbs);

        var basic = new AsnWriter(AsnEncodingRules.DER);
        using (basic.PushSequence())
        {
            basic.WriteEncodedValue(tbs);
            basic.WriteEncodedValue(signer.Key.SignatureAlgorithmIdentifier);
            basic.WriteBitString(signature);
            if (signer.CertificateDer is { } certificate)
            {
                using (basic.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                using (basic.PushSequence())
                {
                    basic.WriteEncodedValue(certificate);
                }
            }
        }

        var response = new AsnWriter(AsnEncodingRules.DER);
        using (response.PushSequence())
        {
            response.WriteEnumeratedValue(OcspResponseStatus.Successful);
            using (response.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            using (response.PushSequence())
            {
                response.WriteObjectIdentifier(OcspOids.BasicResponse);
                response.WriteOctetString(basic.Encode());
            }
        }

        return response.Encode();
    }

    private static byte[] EncodeResponseData(byte[] keyHash, IReadOnlyList<SingleAnswer> answers, DateTimeOffset producedAt, DateTimeOffset nextUpdate, byte[]? nonce)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            // version v1 is the DEFAULT: omitted. responderID byKey [2] EXPLICIT KeyHash.
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, true)))
            {
                writer.WriteOctetString(keyHash);
            }

            writer.WriteGeneralizedTime(producedAt, omitFractionalSeconds: true);
            using (writer.PushSequence())
            {
                foreach (var answer in answers)
                {
                    WriteSingle(writer, answer, producedAt, nextUpdate);
                }
            }

            if (nonce is not null)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
                using (writer.PushSequence())
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(OcspOids.Nonce);
                    writer.WriteOctetString(nonce);
                }
            }
        }

        return writer.Encode();
    }

    private static void WriteSingle(AsnWriter writer, SingleAnswer answer, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(answer.CertIdDer);
            switch (answer.Status.Kind)
            {
                case CertificateStatusKind.Good:
                    writer.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 0));
                    break;
                case CertificateStatusKind.Revoked:
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
                    {
                        writer.WriteGeneralizedTime(Truncate(answer.Status.RevokedAt ?? thisUpdate), omitFractionalSeconds: true);
                        if (answer.Status.Reason is { } reason)
                        {
                            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                            {
                                writer.WriteEnumeratedValue(reason);
                            }
                        }
                    }

                    break;
                default:
                    writer.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 2));
                    break;
            }

            writer.WriteGeneralizedTime(thisUpdate, omitFractionalSeconds: true);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            {
                writer.WriteGeneralizedTime(nextUpdate, omitFractionalSeconds: true);
            }
        }
    }

    /// <summary>Whole seconds: the encoded times and the HTTP headers derived from them then agree.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
