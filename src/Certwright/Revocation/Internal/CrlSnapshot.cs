using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace Certwright.Revocation.Internal;

/// <summary>
/// A parsed, verified CRL with its revoked serials indexed: BouncyCastle's own lookup walks every entry
/// (17 ms per lookup on a 100,000-entry CRL), this one is a hash lookup. Built once per download.
/// </summary>
internal sealed class CrlSnapshot
{
    private readonly Dictionary<BigInteger, CrlEntry> _revoked;

    public CrlSnapshot(X509Crl crl)
    {
        Crl = crl;
        ThisUpdate = CheckSubject.Utc(crl.ThisUpdate);
        NextUpdate = crl.NextUpdate is { } next ? CheckSubject.Utc(next) : null;
        _revoked = [];
        foreach (var entry in crl.CertificateList.GetRevokedCertificateEnumeration())
        {
            // A serial listed twice keeps its first entry, as BouncyCastle's own lookup would.
            _revoked.TryAdd(entry.UserCertificate.Value, entry);
        }
    }

    public X509Crl Crl { get; }

    public DateTimeOffset ThisUpdate { get; }

    public DateTimeOffset? NextUpdate { get; }

    public int Count => _revoked.Count;

    public RevocationAnswer Lookup(BigInteger serial)
    {
        if (!_revoked.TryGetValue(serial, out var entry))
        {
            return new RevocationAnswer(RevocationStatus.Good, ThisUpdate, NextUpdate);
        }

        string? reason = null;
        if (entry.Extensions?.GetExtension(X509Extensions.ReasonCode) is { } extension)
        {
            reason = RevocationReasons.Name(DerEnumerated.GetInstance(extension.GetParsedValue()).IntValueExact);
        }

        return new RevocationAnswer(RevocationStatus.Revoked, ThisUpdate, NextUpdate, CheckSubject.Utc(entry.RevocationDate.ToDateTime()), reason);
    }
}
