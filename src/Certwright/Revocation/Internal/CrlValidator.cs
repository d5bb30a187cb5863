using Org.BouncyCastle.X509;

namespace Certwright.Revocation.Internal;

/// <summary>Parses a CRL and checks it is the issuer's, signed by the issuer's key and current.</summary>
internal static class CrlValidator
{
    /// <exception cref="RevocationFetchException">Not a CRL, not the issuer's, a bad signature, or not current.</exception>
    public static X509Crl Parse(byte[] encoded, Uri source)
    {
        try
        {
            return new X509CrlParser().ReadCrl(encoded)
                ?? throw new RevocationFetchException($"{source} did not send a CRL ({encoded.Length} bytes)");
        }
        catch (Exception e) when (e is not RevocationFetchException && BouncyCastleFailure.Is(e))
        {
            throw new RevocationFetchException($"{source} did not send a readable CRL ({encoded.Length} bytes): {e.Message}", e);
        }
    }

    /// <exception cref="RevocationFetchException">The CRL may not be trusted for this issuer at <paramref name="now"/>.</exception>
    public static void Check(X509Crl crl, CheckSubject subject, Uri source, DateTimeOffset now, TimeSpan skew)
    {
        if (!crl.IssuerDN.Equivalent(subject.Issuer.SubjectDN))
        {
            throw new RevocationFetchException($"the CRL at {source} is issued by '{crl.IssuerDN}', not by '{subject.IssuerRecord.Subject}'");
        }

        try
        {
            crl.Verify(subject.IssuerKey);
        }
        catch (Exception e) when (BouncyCastleFailure.Is(e))
        {
            throw new RevocationFetchException($"the CRL at {source} is not signed by the key of '{subject.IssuerRecord.Subject}'", e);
        }

        CheckTimes(crl, source, now, skew);
    }

    public static void CheckTimes(X509Crl crl, Uri source, DateTimeOffset now, TimeSpan skew)
    {
        var thisUpdate = CheckSubject.Utc(crl.ThisUpdate);
        if (thisUpdate > now + skew)
        {
            throw new RevocationFetchException($"the CRL at {source} has thisUpdate {thisUpdate:u} in the future (clock now {now:u})");
        }

        if (crl.NextUpdate is { } next && CheckSubject.Utc(next) + skew < now)
        {
            throw new RevocationFetchException($"the CRL at {source} is expired: its nextUpdate {CheckSubject.Utc(next):u} has passed");
        }
    }
}
