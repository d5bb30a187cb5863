using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace Certwright.Revocation.Internal;

/// <summary>
/// Checks an OCSP response (RFC 6960) the way a relying party must: successful status, a BasicOCSPResponse
/// signed by the issuer or by a responder certificate the issuer delegated (id-kp-OCSPSigning, signed by the
/// issuer), a SingleResponse for exactly this CertID, fresh times, and the nonce echoed when one was sent.
/// Fetched and stapled responses go through the same code.
/// </summary>
internal static class OcspResponseValidator
{
    /// <exception cref="RevocationFetchException">The response is not a valid, fresh answer for this certificate.</exception>
    public static RevocationAnswer Validate(byte[] encoded, CheckSubject subject, byte[]? nonce, DateTimeOffset now, TimeSpan skew)
    {
        BasicOcspResp basic;
        try
        {
            var response = new OcspResp(encoded);
            if (response.Status != OcspRespStatus.Successful)
            {
                throw new RevocationFetchException($"the responder answered '{StatusName(response.Status)}' instead of a response");
            }

            basic = response.GetResponseObject() as BasicOcspResp
                ?? throw new RevocationFetchException("the response is not a BasicOCSPResponse");
        }
        catch (Exception e) when (e is not RevocationFetchException && BouncyCastleFailure.Is(e))
        {
            throw new RevocationFetchException($"the response is not a readable OCSP response ({encoded.Length} bytes): {e.Message}", e);
        }

        VerifySignature(basic, subject, now);
        if (nonce is not null)
        {
            CheckNonce(basic, nonce);
        }

        var single = FindSingle(basic, subject);
        var thisUpdate = CheckSubject.Utc(single.ThisUpdate);
        DateTimeOffset? nextUpdate = single.NextUpdate is { } next ? CheckSubject.Utc(next) : null;
        if (thisUpdate > now + skew)
        {
            throw new RevocationFetchException($"the response's thisUpdate {thisUpdate:u} is in the future (clock now {now:u})");
        }

        if (nextUpdate is { } expires && expires + skew < now)
        {
            throw new RevocationFetchException($"the response is stale: its nextUpdate {expires:u} has passed");
        }

        return single.GetCertStatus() switch
        {
            null => new RevocationAnswer(RevocationStatus.Good, thisUpdate, nextUpdate),
            RevokedStatus revoked => new RevocationAnswer(
                RevocationStatus.Revoked,
                thisUpdate,
                nextUpdate,
                CheckSubject.Utc(revoked.RevocationTime),
                revoked.HasRevocationReason ? RevocationReasons.Name(revoked.RevocationReason) : null),
            _ => new RevocationAnswer(RevocationStatus.Unknown, thisUpdate, nextUpdate),
        };
    }

    private static void VerifySignature(BasicOcspResp basic, CheckSubject subject, DateTimeOffset now)
    {
        if (TryVerify(basic, subject.Issuer))
        {
            return;
        }

        var problems = new List<string>();
        foreach (var candidate in basic.GetCerts() ?? [])
        {
            if (DelegationProblem(candidate, subject, now) is { } problem)
            {
                problems.Add(problem);
            }
            else if (TryVerify(basic, candidate))
            {
                return;
            }
            else
            {
                problems.Add($"the signature does not verify with the key of '{candidate.SubjectDN}'");
            }
        }

        throw new RevocationFetchException(problems.Count == 0
            ? $"the response is not signed by the issuer '{subject.IssuerRecord.Subject}' and carries no delegated responder certificate"
            : $"the response is not signed by the issuer '{subject.IssuerRecord.Subject}' nor by a responder it delegated: {string.Join("; ", problems)}");
    }

    /// <summary>Why <paramref name="responder"/> may not sign for the issuer, or null when it may (RFC 6960 4.2.2.2).</summary>
    private static string? DelegationProblem(X509Certificate responder, CheckSubject subject, DateTimeOffset now)
    {
        var name = responder.SubjectDN.ToString();
        if (!responder.IssuerDN.Equivalent(subject.Issuer.SubjectDN))
        {
            return $"responder certificate '{name}' was not issued by '{subject.IssuerRecord.Subject}'";
        }

        try
        {
            responder.Verify(subject.IssuerKey);
        }
        catch (Exception e) when (BouncyCastleFailure.Is(e))
        {
            return $"responder certificate '{name}' is not signed by the issuer's key";
        }

        if (responder.GetExtendedKeyUsage() is not { } usages || !usages.Contains(KeyPurposeID.id_kp_OCSPSigning))
        {
            return $"responder certificate '{name}' lacks the id-kp-OCSPSigning extended key usage";
        }

        if (!responder.IsValid(now.UtcDateTime))
        {
            return $"responder certificate '{name}' is not valid now (valid {responder.NotBefore:u} to {responder.NotAfter:u})";
        }

        return null;
    }

    private static bool TryVerify(BasicOcspResp basic, X509Certificate signer)
    {
        try
        {
            return basic.Verify(signer.GetPublicKey());
        }
        catch (Exception e) when (BouncyCastleFailure.Is(e))
        {
            // A key of another type than the signature algorithm: simply not this signer.
            return false;
        }
    }

    private static void CheckNonce(BasicOcspResp basic, byte[] nonce)
    {
        var expected = new DerOctetString(nonce).GetEncoded();
        var echoed = basic.GetExtensionValue(OcspObjectIdentifiers.PkixOcspNonce);
        if (echoed is null)
        {
            throw new RevocationFetchException("the response does not echo the nonce that was sent (a replayed or pre-signed response)");
        }

        if (!echoed.GetOctets().AsSpan().SequenceEqual(expected))
        {
            throw new RevocationFetchException("the response carries a different nonce than the one sent (a replayed response)");
        }
    }

    private static SingleResp FindSingle(BasicOcspResp basic, CheckSubject subject)
    {
        foreach (var single in basic.Responses)
        {
            var id = single.GetCertID();
            if (!id.SerialNumber.Equals(subject.Serial))
            {
                continue;
            }

            CertificateID expected;
            try
            {
                expected = new CertificateID(new AlgorithmIdentifier(new DerObjectIdentifier(id.HashAlgOid), DerNull.Instance), subject.Issuer, subject.Serial);
            }
            catch (Exception e) when (BouncyCastleFailure.Is(e))
            {
                throw new RevocationFetchException($"the response's CertID uses an unsupported hash algorithm {id.HashAlgOid}", e);
            }

            if (expected.Equals(id))
            {
                return single;
            }
        }

        throw new RevocationFetchException($"the response has no status for serial {subject.Certificate.SerialNumber} of issuer '{subject.IssuerRecord.Subject}'");
    }

    private static string StatusName(int status) => status switch
    {
        OcspRespStatus.MalformedRequest => "malformedRequest",
        OcspRespStatus.InternalError => "internalError",
        OcspRespStatus.TryLater => "tryLater",
        OcspRespStatus.SigRequired => "sigRequired",
        OcspRespStatus.Unauthorized => "unauthorized",
        _ => $"status {status}",
    };
}
