using Certwright.Scanning.Probing;

namespace Certwright.Policy;

/// <summary>
/// Judges what a TLS probe found. Severities: SSLv3 and SSLv2 critical (POODLE, DROWN), TLS 1.0/1.1 warning
/// (deprecated by RFC 8996, still needed by some old clients); NULL, anonymous, EXPORT, RC4 (RFC 7465) and single
/// DES suites critical (traffic readable or forgeable by a passive or cheap attacker); 3DES warning (Sweet32 needs
/// hundreds of GB per key); TLS 1.2 with only CBC suites warning (padding oracles, Lucky13); a version with no
/// forward-secret suite warning, forward-secret suites alongside static-key ones info (RSA key exchange lets a
/// stolen key decrypt recorded traffic). A pure function of the probe result.
/// </summary>
public static class TlsConfigurationPolicy
{
    private const int MaxNamesListed = 6;

    public static IReadOnlyList<Finding> Evaluate(TlsProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var findings = new List<Finding>();
        var subject = result.Target.ToString();
        foreach (var version in result.AcceptedVersions)
        {
            if (version == TlsVersion.Ssl30)
            {
                findings.Add(new Finding(FindingCodes.WeakProtocol, Severity.Critical, $"{subject} accepts SSLv3 (broken by POODLE); disable it", subject));
            }
            else if (version is TlsVersion.Tls10 or TlsVersion.Tls11)
            {
                findings.Add(new Finding(FindingCodes.WeakProtocol, Severity.Warning, $"{subject} accepts {version.Name()} (deprecated by RFC 8996); disable it unless old clients need it", subject));
            }
        }

        var accepted = result.Protocols.Where(p => p.Accepted).SelectMany(p => p.CipherSuites.Select(s => (p.Version, Suite: s))).ToArray();
        AddSuiteFinding(findings, subject, accepted, s => s.IsNullEncryption, Severity.Critical, "NULL (unencrypted)");
        AddSuiteFinding(findings, subject, accepted, s => s.IsAnonymous && !s.IsNullEncryption, Severity.Critical, "anonymous (unauthenticated)");
        AddSuiteFinding(findings, subject, accepted, s => s.IsExport, Severity.Critical, "EXPORT-grade");
        AddSuiteFinding(findings, subject, accepted, s => s.IsRc4 && !s.IsExport, Severity.Critical, "RC4 (prohibited by RFC 7465)");
        AddSuiteFinding(findings, subject, accepted, s => s.IsSingleDes && !s.IsExport, Severity.Critical, "single-DES");
        AddSuiteFinding(findings, subject, accepted, s => s.IsTripleDes, Severity.Warning, "3DES (64-bit block, Sweet32)");

        var tls12 = result.Protocols.FirstOrDefault(p => p.Version == TlsVersion.Tls12 && p.Accepted && p.CipherSuitesEnumerated);
        if (tls12 is not null && tls12.CipherSuites.Count > 0 && !tls12.CipherSuites.Any(s => s.IsAead))
        {
            findings.Add(new Finding(
                FindingCodes.WeakCipher,
                Severity.Warning,
                $"{subject} offers no AEAD suite in TLS 1.2, only CBC or stream ciphers; enable ECDHE with AES-GCM or ChaCha20-Poly1305",
                subject));
        }

        foreach (var protocol in result.Protocols.Where(p => p.Accepted && p.CipherSuitesEnumerated && p.CipherSuites.Count > 0))
        {
            var withoutSecrecy = protocol.CipherSuites.Where(s => !s.ForwardSecrecy).ToArray();
            if (withoutSecrecy.Length == 0)
            {
                continue;
            }

            var none = withoutSecrecy.Length == protocol.CipherSuites.Count;
            findings.Add(new Finding(
                FindingCodes.WeakCipher,
                none ? Severity.Warning : Severity.Info,
                none
                    ? $"{subject} has no forward secrecy in {protocol.Version.Name()}: every accepted suite uses a static key exchange ({Names(withoutSecrecy)}); enable ECDHE suites"
                    : $"{subject} accepts {withoutSecrecy.Length} suite(s) without forward secrecy in {protocol.Version.Name()} ({Names(withoutSecrecy)})",
                subject));
        }

        if (result.ClientCertificateRequested)
        {
            findings.Add(new Finding(
                FindingCodes.ClientCertificateRequested,
                Severity.Info,
                $"{subject} asks for a client certificate ({result.ClientCertificateAuthorities.Count} acceptable CA name(s) advertised)",
                subject));
        }

        return findings;
    }

    private static void AddSuiteFinding(List<Finding> findings, string subject, (TlsVersion Version, CipherSuite Suite)[] accepted, Func<CipherSuite, bool> matches, Severity severity, string what)
    {
        var hits = accepted.Where(a => matches(a.Suite)).ToArray();
        if (hits.Length == 0)
        {
            return;
        }

        var suites = hits.Select(h => h.Suite).Distinct().ToArray();
        var versions = string.Join(", ", hits.Select(h => h.Version).Distinct().Order().Select(v => v.Name()));
        findings.Add(new Finding(
            FindingCodes.WeakCipher,
            severity,
            $"{subject} accepts {what} cipher suites in {versions}: {Names(suites)}; disable them",
            subject));
    }

    private static string Names(IReadOnlyList<CipherSuite> suites) =>
        string.Join(", ", suites.Take(MaxNamesListed).Select(s => s.ToString())) + (suites.Count > MaxNamesListed ? $" and {suites.Count - MaxNamesListed} more" : "");
}
