using Certwright.Certificates;
using Certwright.Policy;

namespace Certwright.Cli.Commands;

/// <summary>The certificate profile checks the audit applies to certificates found in files, beyond expiry.</summary>
internal static class AuditPolicy
{
    /// <summary>Null until Policy.CertificatePolicy is available: the audit then reports expiry only.</summary>
    public static Func<CertificateRecord, DateTimeOffset, IEnumerable<Finding>>? Evaluator() => null;
}
