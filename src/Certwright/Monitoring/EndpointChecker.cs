using System.Runtime.CompilerServices;
using Certwright.Certificates;
using Certwright.Inventory;
using Certwright.Policy;
using Certwright.Revocation;
using Certwright.Scanning;
using Certwright.Validation;

namespace Certwright.Monitoring;

/// <summary>
/// One endpoint check: scan, parse the presented chain, validate it, apply the expiry policy and record it.
/// <c>certwright scan</c> runs it once per target; scheduled monitoring runs it on a timer.
/// </summary>
public sealed class EndpointChecker
{
    private readonly IEndpointScanner _scanner;
    private readonly ChainValidator _validator;
    private readonly TimeProvider _timeProvider;
    private readonly IInventoryStore? _store;

    /// <param name="scanner">Fetches what endpoints present.</param>
    /// <param name="validator">Validates presented chains (shared: it caches signature checks).</param>
    /// <param name="timeProvider">The clock for validation time and recorded sightings.</param>
    /// <param name="store">Where to record chains; null checks without recording.</param>
    public EndpointChecker(IEndpointScanner scanner, ChainValidator validator, TimeProvider timeProvider, IInventoryStore? store)
    {
        _scanner = scanner;
        _validator = validator;
        _timeProvider = timeProvider;
        _store = store;
    }

    /// <summary>Checks the leaf's revocation status when set and <see cref="EndpointCheckOptions.CheckRevocation"/> is on.</summary>
    public RevocationChecker? Revocation { get; init; }

    /// <summary>Checks every target with the scanner's bounded concurrency; reports come as they finish.</summary>
    public async IAsyncEnumerable<EndpointReport> CheckAsync(
        IEnumerable<ScanTarget> targets,
        EndpointCheckOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var scan in _scanner.ScanManyAsync(targets, cancellationToken))
        {
            yield return await AssessAsync(scan, options, cancellationToken);
        }
    }

    /// <summary>Judges one scan result and records it.</summary>
    public async Task<EndpointReport> AssessAsync(EndpointScanResult scan, EndpointCheckOptions options, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (scan.Status != ScanStatus.Success)
        {
            return new EndpointReport { Scan = scan, CheckedAt = now, Findings = [ScanFailure(scan)] };
        }

        var findings = new List<Finding>();
        var chain = ParseChain(scan, findings);
        if (chain.Count == 0 || chain[0].Sha256 != Sha256Of(scan.PresentedChain[0]))
        {
            // The leaf itself is unreadable: nothing else can be judged.
            return new EndpointReport { Scan = scan, Chain = chain, CheckedAt = now, Findings = Sorted(findings) };
        }

        var validation = _validator.Validate(new ChainValidationRequest
        {
            Target = chain[0].Der,
            Intermediates = chain.Skip(1).Select(c => c.Der).ToArray(),
            TrustStore = options.TrustStore,
            ValidationTime = now,
            ExpectedHost = scan.Target.ServerName ?? scan.Target.Host,
            Purpose = ValidationPurpose.Server,
        });
        findings.AddRange(validation.Findings);
        if (scan.ClientCertificateRequested)
        {
            findings.Add(new Finding(
                FindingCodes.ClientCertificateRequested,
                Severity.Info,
                $"{scan.Target} asks for a client certificate ({scan.ClientCertificateAuthorities.Count} acceptable CA name(s) advertised)",
                scan.Target.ToString()));
        }

        AddExpiryFindings(chain, validation, now, options.Thresholds, findings);
        AddCertificatePolicyFindings(chain, validation, options, findings);
        var revocation = Revocation is not null && options.CheckRevocation
            ? await EndpointRevocationStep.RunAsync(Revocation, scan, chain, validation, findings, options.CheckIntermediateRevocation, cancellationToken)
            : null;

        EndpointChange? change = null;
        if (options.Record && _store is not null)
        {
            var location = new SightingLocation(SightingKind.Endpoint, scan.Target.ToString(), scan.Target.ServerName)
            {
                Namespace = options.Namespace,
            };
            var observations = chain.Select((c, i) => new CertificateObservation(c, location, i, now)).ToArray();
            change = await _store.RecordEndpointChainAsync(location, observations, cancellationToken);
            if (change is not null)
            {
                findings.Add(new Finding(
                    FindingCodes.CertificateChanged,
                    Severity.Info,
                    $"{scan.Target} now serves {Short(change.CurrentSha256)} (was {Short(change.Previous.Sha256)}, {change.Previous.Subject})",
                    scan.Target.ToString()));
            }
        }

        return new EndpointReport
        {
            Scan = scan,
            Chain = chain,
            Validation = validation,
            Findings = Sorted(findings),
            Change = change,
            Revocation = revocation,
            CheckedAt = now,
        };
    }

    private static List<CertificateRecord> ParseChain(EndpointScanResult scan, List<Finding> findings)
    {
        var chain = new List<CertificateRecord>(scan.PresentedChain.Count);
        for (var i = 0; i < scan.PresentedChain.Count; i++)
        {
            try
            {
                chain.Add(CertificateRecord.FromDer(scan.PresentedChain[i]));
            }
            catch (CertificateFormatException e)
            {
                findings.Add(new Finding(
                    FindingCodes.CorruptCertificate,
                    Severity.Critical,
                    $"{scan.Target} presented an unreadable certificate at position {i}: {e.Message}",
                    scan.Target.ToString()));
            }
        }

        return chain;
    }

    /// <summary>
    /// The validator reports certificates already expired or not yet valid; the approaching expiry of the
    /// leaf and of each certificate on the validated path is the policy's (thresholds are the user's).
    /// Presented certificates the path does not use are reported apart, as information: clients ignore them,
    /// so their expiry is no outage (the trap of one "earliest expiry" over everything sent).
    /// </summary>
    private static void AddExpiryFindings(IReadOnlyList<CertificateRecord> chain, ChainValidationResult validation, DateTimeOffset now, ExpiryThresholds thresholds, List<Finding> findings)
    {
        var leaf = chain[0];
        AddExpiresSoon(leaf.NotBefore, leaf.NotAfter, leaf.Sha256, Describe(leaf.Subject), now, thresholds, findings);
        foreach (var element in validation.Path.Skip(1))
        {
            AddExpiresSoon(element.NotBefore, element.NotAfter, element.Sha256, (element.IsTrustAnchor ? "root " : "intermediate ") + Describe(element.Subject), now, thresholds, findings);
        }

        if (validation.Path.Count == 0)
        {
            return;
        }

        foreach (var unused in chain.Skip(1).Where(c => !validation.Path.Any(e => e.Sha256 == c.Sha256)))
        {
            if (ExpiryPolicy.Evaluate(unused.NotBefore, unused.NotAfter, now, thresholds, Describe(unused.Subject)) is { Code: FindingCodes.Expired or FindingCodes.NotYetValid } finding)
            {
                findings.Add(finding with
                {
                    Severity = Severity.Info,
                    Message = $"{finding.Message}; it is presented but not on the validated path (clients ignore it; remove it from the chain file)",
                    Subject = unused.Sha256,
                });
            }
        }
    }

    /// <summary>
    /// Key strength, SHA-1, validity length and naming of the leaf and the presented intermediates on the path
    /// (the trust anchor is the client's business). quantum-vulnerable is reported for the leaf only.
    /// </summary>
    private static void AddCertificatePolicyFindings(IReadOnlyList<CertificateRecord> chain, ChainValidationResult validation, EndpointCheckOptions options, List<Finding> findings)
    {
        var publiclyTrusted = validation.IsValid && options.TrustStore.IsVendorVetted;
        var intermediateOptions = options.CertificatePolicy with { ReportQuantumVulnerable = false };
        for (var i = 0; i < chain.Count; i++)
        {
            var certificate = chain[i];
            var onPath = i == 0 || validation.Path.Any(e => !e.IsTrustAnchor && e.Sha256 == certificate.Sha256);
            if (!onPath)
            {
                continue;
            }

            findings.AddDistinct(CertificatePolicy.Evaluate(certificate, i == 0 ? options.CertificatePolicy : intermediateOptions, publiclyTrusted));
        }
    }

    private static void AddExpiresSoon(DateTimeOffset notBefore, DateTimeOffset notAfter, string sha256, string subject, DateTimeOffset now, ExpiryThresholds thresholds, List<Finding> findings)
    {
        var finding = ExpiryPolicy.Evaluate(notBefore, notAfter, now, thresholds, subject);
        if (finding is { Code: FindingCodes.ExpiresSoon })
        {
            findings.Add(finding with { Subject = sha256 });
        }
        else if (finding is not null && !findings.Any(f => f.Code == finding.Code && f.Subject == sha256))
        {
            // Expired or not yet valid but the validator did not say so for this certificate (e.g. outside the path).
            findings.Add(finding with { Subject = sha256 });
        }
    }

    private static Finding ScanFailure(EndpointScanResult scan) => scan.Status switch
    {
        ScanStatus.Unreachable => new Finding(FindingCodes.EndpointUnreachable, Severity.Critical, $"{scan.Target}: {scan.Error}", scan.Target.ToString()),
        ScanStatus.StartTlsFailed => new Finding(FindingCodes.StartTlsFailed, Severity.Critical, $"{scan.Target}: {scan.Error}", scan.Target.ToString()),
        _ => new Finding(FindingCodes.HandshakeFailed, Severity.Critical, $"{scan.Target}: {scan.Error}", scan.Target.ToString()),
    };

    private static IReadOnlyList<Finding> Sorted(List<Finding> findings) =>
        findings.OrderByDescending(f => f.Severity).ToArray();

    private static string Describe(string subject) => subject.Length == 0 ? "(empty subject)" : subject;

    private static string Short(string sha256) => sha256[..16];

    private static string Sha256Of(byte[] der) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(der));
}
