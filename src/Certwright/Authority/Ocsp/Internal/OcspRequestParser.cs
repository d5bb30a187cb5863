using System.Formats.Asn1;

namespace Certwright.Authority.Ocsp.Internal;

/// <summary>
/// Reads RFC 6960 OCSPRequests (DER). <see cref="TryFindSingleCertIdKey"/> is the allocation-free hot path for the
/// common request (one CertID, no extensions, unsigned); <see cref="Parse"/> reads everything else.
/// </summary>
internal static class OcspRequestParser
{
    /// <summary>
    /// For a request of exactly one SHA-1 or SHA-256 CertID with no extensions, requestor name or signature: where its
    /// cache key (<see cref="CertIdKey"/>) lies in <paramref name="der"/>. False for anything else, including garbage
    /// (<see cref="Parse"/> decides what is malformed).
    /// </summary>
    public static bool TryFindSingleCertIdKey(ReadOnlySpan<byte> der, out int certIdOffset, out int certIdLength, out int keyOffset, out int keyLength)
    {
        certIdOffset = 0;
        certIdLength = 0;
        keyOffset = 0;
        keyLength = 0;
        try
        {
            // OCSPRequest ::= SEQUENCE { tbsRequest, optionalSignature [0] OPTIONAL }
            if (!Sequence(der, 0, out var tbsStart, out var tbsEnd, out var end) || end != der.Length)
            {
                return false;
            }

            // TBSRequest ::= SEQUENCE { version [0], requestorName [1], requestList, requestExtensions [2] }: only requestList.
            if (!Sequence(der, tbsStart, out var listStart, out var listEnd, out end) || end != tbsEnd)
            {
                return false;
            }

            if (!Sequence(der, listStart, out var listContent, out var listContentEnd, out end) || end != listEnd)
            {
                return false;
            }

            // Request ::= SEQUENCE { reqCert CertID, singleRequestExtensions [0] OPTIONAL }: only one, without extensions.
            if (!Sequence(der, listContent, out var requestContent, out var requestEnd, out end) || end != listContentEnd)
            {
                return false;
            }

            if (!Sequence(der, requestContent, out var certIdContent, out var certIdEnd, out end) || end != requestEnd)
            {
                return false;
            }

            // CertID ::= SEQUENCE { hashAlgorithm, issuerNameHash, issuerKeyHash, serialNumber }
            if (!Sequence(der, certIdContent, out var algorithmContent, out var algorithmEnd, out _))
            {
                return false;
            }

            var algorithm = der[algorithmContent..algorithmEnd];
            var oidLength = algorithm.StartsWith(OcspOids.Sha1Der) ? OcspOids.Sha1Der.Length
                : algorithm.StartsWith(OcspOids.Sha256Der) ? OcspOids.Sha256Der.Length
                : -1;
            if (oidLength < 0 || !(algorithm.Length == oidLength || algorithm[oidLength..].SequenceEqual((ReadOnlySpan<byte>)[0x05, 0x00])))
            {
                return false;
            }

            certIdOffset = requestContent;
            certIdLength = certIdEnd - requestContent;
            keyOffset = algorithmEnd;
            keyLength = certIdEnd - algorithmEnd;
            return keyLength > 0;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>Reads a whole request.</summary>
    /// <returns>The request, or null when it is malformed (not DER, wrong structure, a nonce outside 1..32 octets, too many CertIDs, an unknown critical extension).</returns>
    public static ParsedOcspRequest? Parse(ReadOnlyMemory<byte> der, int maxCertIds)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var request = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            var tbs = request.ReadSequence();
            // optionalSignature [0] EXPLICIT Signature: accepted and not checked (the responder answers anyone).
            if (request.HasData)
            {
                request.ReadEncodedValue();
                request.ThrowIfNotEmpty();
            }

            var version = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            if (tbs.PeekTag().HasSameClassAndValue(version))
            {
                var versionReader = tbs.ReadSequence(version);
                if (!versionReader.TryReadInt32(out var v) || v != 0)
                {
                    return null;
                }
            }

            var requestorName = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
            if (tbs.PeekTag().HasSameClassAndValue(requestorName))
            {
                tbs.ReadEncodedValue();
            }

            var list = tbs.ReadSequence();
            var certIds = new List<RequestedCertId>();
            while (list.HasData)
            {
                if (certIds.Count == maxCertIds)
                {
                    return null;
                }

                var single = list.ReadSequence();
                certIds.Add(ReadCertId(single));
                if (single.HasData && !ExtensionsAreAcceptable(single.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)), out _))
                {
                    return null;
                }

                single.ThrowIfNotEmpty();
            }

            if (certIds.Count == 0)
            {
                return null;
            }

            byte[]? nonce = null;
            if (tbs.HasData && !ExtensionsAreAcceptable(tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 2, true)), out nonce))
            {
                return null;
            }

            tbs.ThrowIfNotEmpty();
            return new ParsedOcspRequest(certIds, nonce);
        }
        catch (AsnContentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static RequestedCertId ReadCertId(AsnReader single)
    {
        var encoded = single.ReadEncodedValue();
        var certId = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence();
        var algorithm = certId.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        if (algorithm.HasData)
        {
            algorithm.ReadNull();
        }

        algorithm.ThrowIfNotEmpty();
        var nameHash = certId.ReadOctetString();
        var keyHash = certId.ReadOctetString();
        var serial = certId.ReadIntegerBytes();
        certId.ThrowIfNotEmpty();
        var hash = CertIdHashes.FromOid(oid);
        var expectedLength = hash switch
        {
            CertIdHash.Sha1 => 20,
            CertIdHash.Sha256 => 32,
            _ => -1,
        };
        if (expectedLength > 0 && (nameHash.Length != expectedLength || keyHash.Length != expectedLength))
        {
            throw new AsnContentException("the CertID's hashes do not have the length of its hash algorithm");
        }

        if (serial.Span[0] >= 0x80)
        {
            // Negative serials exist in old certificates, never in ours: no CA here issued it.
            hash = null;
        }

        return new RequestedCertId(hash, encoded.ToArray(), CertIdKey.Create(nameHash, keyHash, serial.Span), nameHash, keyHash, serial.ToArray());
    }

    /// <summary>Reads Extensions: the nonce (RFC 8954: 1 to 32 octets) is kept; an unknown critical one makes the request unacceptable.</summary>
    private static bool ExtensionsAreAcceptable(AsnReader extensions, out byte[]? nonce)
    {
        nonce = null;
        var sequence = extensions.ReadSequence();
        extensions.ThrowIfNotEmpty();
        while (sequence.HasData)
        {
            var extension = sequence.ReadSequence();
            var id = extension.ReadObjectIdentifier();
            var critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
            var value = extension.ReadOctetString();
            extension.ThrowIfNotEmpty();
            if (id == OcspOids.Nonce)
            {
                var inner = new AsnReader(value, AsnEncodingRules.DER);
                var octets = inner.ReadOctetString();
                inner.ThrowIfNotEmpty();
                if (octets.Length is < 1 or > OcspConstants.MaxNonceLength || nonce is not null)
                {
                    return false;
                }

                nonce = value;
            }
            else if (critical)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Sequence(ReadOnlySpan<byte> der, int offset, out int contentStart, out int contentEnd, out int end)
    {
        contentStart = contentEnd = end = 0;
        if (offset >= der.Length || der[offset] != 0x30)
        {
            return false;
        }

        AsnDecoder.ReadSequence(der[offset..], AsnEncodingRules.DER, out var contentOffset, out var contentLength, out var consumed);
        contentStart = offset + contentOffset;
        contentEnd = contentStart + contentLength;
        end = offset + consumed;
        return true;
    }
}
