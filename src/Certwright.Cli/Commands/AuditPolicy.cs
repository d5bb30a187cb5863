using Certwright.Certificates;
using Certwright.Policy;

namespace Certwright.Cli.Commands;

/// <summary>The certificate profile checks the audit applies to certificates found in files, beyond expiry.</summary>
internal static class AuditPolicy
{
    /// <summary>
    /// <see cref="CertificatePolicy"/> with the configuration's options (weak key, SHA-1, missing SAN, long validity, quantum-vulnerable).
    /// Whether a file's certificate is publicly trusted is not known here, so public validity limits are not applied.
    /// </summary>
    public static Func<CertificateRecord, DateTimeOffset, IEnumerable<Finding>>? Evaluator(CertificatePolicyOptions options) =>
        (certificate, _) => CertificatePolicy.Evaluate(certificate, options);
}
