using Certwright.Certificates;
using Certwright.Revocation.Internal;

namespace Certwright.Revocation;

/// <summary>
/// Checks whether a certificate is revoked: a stapled OCSP response when there is one, else the OCSP
/// responders of its AIA extension, else its CRL distribution points. Every answer is validated (issuer's
/// signature or a delegated responder, freshness, CertID, nonce) and an answer nobody could give is
/// <see cref="RevocationStatus.Unavailable"/>, never good. One instance per process: it is thread-safe and
/// holds the HTTP connections and the OCSP and CRL caches.
/// </summary>
public sealed class RevocationChecker : IDisposable
{
    private readonly RevocationOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly RevocationHttp _http;
    private readonly OcspClient _ocsp;
    private readonly CrlClient _crl;

    /// <exception cref="CertwrightException">Usage: the options are not valid (the message lists every problem).</exception>
    public RevocationChecker(RevocationOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new CertwrightException(ErrorKind.Usage, "invalid revocation options: " + string.Join(" ", errors));
        }

        _options = options;
        _timeProvider = timeProvider;
        _http = new RevocationHttp(options);
        _ocsp = new OcspClient(_http, options, timeProvider);
        _crl = new CrlClient(_http, options, timeProvider);
    }

    /// <summary>Checks <paramref name="certificate"/>, which <paramref name="issuer"/> signed.</summary>
    /// <param name="certificate">The certificate to check (usually an endpoint's leaf).</param>
    /// <param name="issuer">Its issuer: the key that must have signed the OCSP response or CRL (or delegated to the responder).</param>
    /// <param name="stapledOcspResponse">The DER OCSP response a TLS server stapled, or null.</param>
    /// <param name="cancellationToken">Cancels the check; every network step also has its own timeout.</param>
    public async Task<RevocationResult> CheckAsync(CertificateRecord certificate, CertificateRecord issuer, byte[]? stapledOcspResponse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        var subject = new CheckSubject(certificate, issuer);
        var failures = new List<string>();
        string? lastUrl = null;
        var ocspTried = false;
        var crlTried = false;

        if (stapledOcspResponse is not null)
        {
            try
            {
                var answer = OcspResponseValidator.Validate(stapledOcspResponse, subject, nonce: null, _timeProvider.GetUtcNow(), _options.ClockSkew);
                if (answer.Status != RevocationStatus.Unknown)
                {
                    return Result(answer, RevocationSource.Stapled, null, null, subject);
                }

                failures.Add("the stapled OCSP response says unknown");
            }
            catch (RevocationFetchException e)
            {
                failures.Add($"stapled OCSP response rejected: {e.Message}");
            }
        }

        (RevocationAnswer Answer, string Url)? unknown = null;
        foreach (var url in certificate.OcspUrls)
        {
            if (!RevocationHttp.TryParse(url, out var uri))
            {
                failures.Add($"OCSP URL '{url}' is not http or https");
                continue;
            }

            ocspTried = true;
            lastUrl = url;
            try
            {
                var answer = await _ocsp.QueryAsync(uri, subject, cancellationToken);
                if (answer.Status != RevocationStatus.Unknown)
                {
                    return Result(answer, RevocationSource.Ocsp, url, Joined(failures), subject);
                }

                unknown ??= (answer, url);
            }
            catch (RevocationFetchException e)
            {
                failures.Add($"OCSP {url}: {e.Message}");
            }
        }

        foreach (var url in certificate.CrlDistributionPoints)
        {
            if (!RevocationHttp.TryParse(url, out var uri))
            {
                failures.Add($"CRL URL '{url}' is not http or https");
                continue;
            }

            crlTried = true;
            lastUrl = url;
            try
            {
                var answer = await _crl.CheckAsync(uri, subject, cancellationToken);
                return Result(answer, RevocationSource.Crl, url, Joined(failures), subject);
            }
            catch (RevocationFetchException e)
            {
                failures.Add($"CRL {url}: {e.Message}");
            }
        }

        if (unknown is { } said)
        {
            return Result(said.Answer, RevocationSource.Ocsp, said.Url, Joined(failures), subject);
        }

        var detail = failures.Count > 0
            ? Joined(failures)
            : "the certificate names no OCSP responder and no CRL distribution point";
        // A stapled response that was rejected counts as OCSP that could not be validated.
        ocspTried |= stapledOcspResponse is not null;
        var unavailable = new RevocationResult { Status = RevocationStatus.Unavailable, Source = RevocationSource.None, Url = lastUrl, Detail = detail };
        return unavailable with { Findings = RevocationFindings.For(unavailable, Name(certificate), certificate.Sha256, ocspTried, crlTried) };
    }

    private static RevocationResult Result(RevocationAnswer answer, RevocationSource source, string? url, string? detail, CheckSubject subject)
    {
        var result = new RevocationResult
        {
            Status = answer.Status,
            Source = source,
            RevokedAt = answer.RevokedAt,
            Reason = answer.Reason,
            ThisUpdate = answer.ThisUpdate,
            NextUpdate = answer.NextUpdate,
            Url = url,
            Detail = detail,
        };
        return result with { Findings = RevocationFindings.For(result, Name(subject.Certificate), subject.Certificate.Sha256, ocspTried: true, crlTried: false) };
    }

    private static string? Joined(List<string> failures) => failures.Count == 0 ? null : string.Join("; ", failures);

    private static string Name(CertificateRecord certificate) =>
        $"'{certificate.CommonName ?? certificate.Subject}' (serial {certificate.SerialNumber})";

    public void Dispose() => _http.Dispose();
}
