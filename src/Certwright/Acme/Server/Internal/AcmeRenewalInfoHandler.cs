using Certwright.Authority;

namespace Certwright.Acme.Server.Internal;

/// <summary>
/// ACME Renewal Information (RFC 9773): <c>GET renewal-info/{certID}</c>, certID = base64url(AKI keyIdentifier) "." base64url(serial).
/// The suggested window runs from when a third of the lifetime remains to when a sixth remains; for a revoked certificate it lies in the past (renew now).
/// </summary>
internal sealed class AcmeRenewalInfoHandler(AcmeServices services)
{
    public async Task<AcmeResponse> GetAsync(AcmeCall call, string certId, CancellationToken cancellationToken)
    {
        var parts = certId.Split('.');
        var keyId = parts.Length == 2 ? Base64UrlText.TryDecode(parts[0]) : null;
        var serial = parts.Length == 2 ? Base64UrlText.TryDecode(parts[1]) : null;
        if (keyId is null || serial is not { Length: > 0 and <= 21 })
        {
            throw AcmeProblemException.Malformed($"'{(certId.Length > 100 ? certId[..100] : certId)}' is not a certID: base64url(AKI key identifier).base64url(serial)");
        }

        if (!keyId.AsSpan().SequenceEqual(call.Ca.KeyIdentifier))
        {
            throw AcmeProblemException.NotFound($"the certID's key identifier is not CA '{call.Ca.Name}''s");
        }

        var issued = (await services.Ledger.FindIssuedAsync(SerialNumbers.ToHex(serial), cancellationToken)).FirstOrDefault(c => c.Authority == call.Ca.Name)
            ?? throw AcmeProblemException.NotFound($"CA '{call.Ca.Name}' issued no certificate with serial {SerialNumbers.ToHex(serial)}");
        var status = await services.Ledger.GetStatusAsync(call.Ca.Name, issued.Serial, cancellationToken);
        var (start, end) = Window(issued.NotBefore, issued.NotAfter, status.Kind == CertificateStatusKind.Revoked ? status.RevokedAt : null);
        return AcmeResponses.Ok(AcmeJson.RenewalInfo(start, end)) with { RetryAfterSeconds = (long)services.Options.RenewalInfoRetryAfter.TotalSeconds };
    }

    /// <summary>
    /// From when a third of [notBefore, notAfter] remains to when a sixth remains, so a renewal that fails at the end of
    /// the window still has time to be retried before expiry (Let's Encrypt's windows also end well before notAfter);
    /// an hour before the revocation when revoked.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Window(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset? revokedAt)
    {
        if (revokedAt is { } revoked)
        {
            return (revoked - TimeSpan.FromHours(1), revoked);
        }

        var lifetime = notAfter - notBefore;
        return (notBefore + (lifetime * 2 / 3), notBefore + (lifetime * 5 / 6));
    }
}
