using Certwright.Certificates;
using Certwright.Policy;
using Certwright.Revocation;
using Certwright.Scanning;
using Certwright.Validation;

namespace Certwright.Monitoring;

/// <summary>
/// The revocation part of an endpoint check: the leaf against its issuer (the next certificate of the validated
/// path, else the presented certificate that names it), using the response the server stapled; then, when asked
/// (<see cref="EndpointCheckOptions.CheckIntermediateRevocation"/>), each intermediate of the validated path that
/// names an OCSP responder or a CRL, against the next certificate up (a revoked intermediate takes every leaf under
/// it down with it).
/// </summary>
internal static class EndpointRevocationStep
{
    public static async Task<RevocationResult> RunAsync(
        RevocationChecker checker,
        EndpointScanResult scan,
        IReadOnlyList<CertificateRecord> chain,
        ChainValidationResult validation,
        List<Finding> findings,
        bool intermediates,
        CancellationToken cancellationToken)
    {
        var leaf = chain[0];
        if (leaf.OcspUrls.Count > 0 && scan.StapledOcspResponse is null)
        {
            findings.Add(new Finding(
                FindingCodes.NoOcspStapling,
                Severity.Info,
                $"{scan.Target} does not staple an OCSP response although its certificate names a responder; clients must ask the responder themselves",
                scan.Target.ToString()));
        }

        if (Issuer(leaf, chain, validation) is not { } issuer)
        {
            // The chain findings (incomplete-chain, self-signed...) already say why; nothing to ask about.
            return new RevocationResult
            {
                Status = RevocationStatus.Unavailable,
                Source = RevocationSource.None,
                Detail = leaf.IsSelfSigned
                    ? "the certificate is self-signed: no issuer can revoke it"
                    : $"the issuer of '{leaf.Subject}' is neither presented nor in the trust store, so its revocation cannot be checked",
            };
        }

        var result = await checker.CheckAsync(leaf, issuer, scan.StapledOcspResponse, cancellationToken);
        findings.AddRange(result.Findings.Select(f => f with { Message = $"{scan.Target}: {f.Message}" }));
        if (intermediates)
        {
            await CheckIntermediatesAsync(checker, scan, chain, validation, findings, cancellationToken);
        }

        return result;
    }

    /// <summary>Intermediates of a path that reached a trust anchor; the anchor itself is trusted, not checked.</summary>
    private static async Task CheckIntermediatesAsync(
        RevocationChecker checker,
        EndpointScanResult scan,
        IReadOnlyList<CertificateRecord> chain,
        ChainValidationResult validation,
        List<Finding> findings,
        CancellationToken cancellationToken)
    {
        var path = validation.Path;
        if (path.Count < 3 || !path[^1].IsTrustAnchor)
        {
            return;
        }

        // Each element read once: an intermediate's record is also the issuer of the one below it.
        var records = path.Select(element => Record(element, chain)).ToArray();
        for (var i = 1; i < path.Count - 1; i++)
        {
            if (records[i] is not { } certificate || (certificate.OcspUrls.Count == 0 && certificate.CrlDistributionPoints.Count == 0)
                || records[i + 1] is not { } issuer)
            {
                continue;
            }

            var result = await checker.CheckAsync(certificate, issuer, stapledOcspResponse: null, cancellationToken);
            findings.AddRange(result.Findings.Select(f => f with { Message = $"{scan.Target}: intermediate {f.Message}" }));
        }
    }

    private static CertificateRecord? Issuer(CertificateRecord leaf, IReadOnlyList<CertificateRecord> chain, ChainValidationResult validation)
    {
        if (leaf.IsSelfSigned)
        {
            return null;
        }

        if (validation.Path.Count > 1)
        {
            return Record(validation.Path[1], chain);
        }

        return chain.Skip(1).FirstOrDefault(c => c.Subject == leaf.Issuer);
    }

    /// <summary>A path element as a record: the presented one when the server sent it, else parsed from the trust store's DER.</summary>
    private static CertificateRecord? Record(ChainElement element, IReadOnlyList<CertificateRecord> chain) =>
        chain.FirstOrDefault(c => c.Sha256 == element.Sha256) ?? TryParse(element.Der);

    private static CertificateRecord? TryParse(ReadOnlyMemory<byte> der)
    {
        try
        {
            return CertificateRecord.FromDer(der);
        }
        catch (CertificateFormatException)
        {
            // A trust-store certificate our parser cannot read: the leaf goes unchecked, said in the result's detail.
            return null;
        }
    }
}
