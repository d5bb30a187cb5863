using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Certwright.Authority;

namespace Certwright.Acme.Server.Internal;

/// <summary>
/// revokeCert (RFC 8555 §7.6): allowed to the account whose order issued the certificate (kid) or to the holder of the
/// certificate's key (jwk of that key). The revocation is the CA ledger's, so OCSP and the CRL follow it.
/// </summary>
internal sealed class AcmeRevoker(AcmeServices services)
{
    public async Task<AcmeResponse> RevokeAsync(AcmeCall call, AcmeSigned signed, CancellationToken cancellationToken)
    {
        byte[] der;
        var reason = RevocationReason.Unspecified;
        using (var payload = signed.PayloadJson())
        {
            var root = payload.RootElement;
            der = root.TryGetProperty("certificate", out var value) && value.ValueKind == JsonValueKind.String
                ? Base64UrlText.TryDecode(value.GetString()!) ?? throw AcmeProblemException.Malformed("'certificate' is not base64url")
                : throw AcmeProblemException.Malformed("revokeCert needs 'certificate': the base64url DER of the certificate");
            if (root.TryGetProperty("reason", out var code))
            {
                reason = code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var number) && number is >= 0 and <= 10 and not 6 and not 7 and not 8
                    ? (RevocationReason)number
                    : throw AcmeProblemException.Of("badRevocationReason", "'reason' must be an RFC 5280 CRLReason code 0-5, 9 or 10 (no certificateHold)", 400);
            }
        }

        byte[] publicKey;
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            publicKey = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        }
        catch (CryptographicException)
        {
            throw AcmeProblemException.Malformed("'certificate' is not a DER X.509 certificate");
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(der));
        var issued = (await services.Ledger.FindIssuedAsync(sha256, cancellationToken)).FirstOrDefault(c => c.Authority == call.Ca.Name)
            ?? throw AcmeProblemException.NotFound($"the certificate was not issued by CA '{call.Ca.Name}'");
        if (signed.Account is { } account)
        {
            var order = await services.Store.FindOrderByCertificateAsync(call.Ca.Name, sha256, cancellationToken);
            if (order?.AccountId != account.Id)
            {
                throw AcmeProblemException.Unauthorized("the account did not order this certificate; sign with the account that did, or with the certificate's key");
            }
        }
        else if (!signed.SubjectPublicKeyInfo().AsSpan().SequenceEqual(publicKey))
        {
            throw AcmeProblemException.Unauthorized("the JWS 'jwk' is not the certificate's public key");
        }

        if (!await services.Ledger.RevokeAsync(call.Ca.Name, issued.Serial, services.Time.GetUtcNow(), reason, cancellationToken))
        {
            throw AcmeProblemException.Of("alreadyRevoked", "the certificate is already revoked", 400);
        }

        AcmeServerLog.Revoked(services.Logger, call.Ca.Name, SerialNumbers.ToHex(issued.Serial), reason.ToString());
        return AcmeResponses.Empty(200);
    }
}
