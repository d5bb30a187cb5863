using System.Security.Cryptography;
using Certwright.Certificates;
using Certwright.Keys.Internal;

namespace Certwright.Authority;

/// <summary>
/// Issues end-entity certificates under one CA: checks the request against its profile and the CA's name constraints,
/// signs through the CA key (software or HSM), and records the certificate durably in the ledger before returning it.
/// Thread-safe and meant to be long-lived: the CA certificate is parsed once, here.
/// </summary>
public sealed class CertificateIssuer
{
    /// <summary>Serial collisions at 127 random bits do not happen twice; more retries would hide a broken store.</summary>
    private const int SerialAttempts = 3;

    /// <summary>Backdating absorbs clock skew between the CA and relying parties.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private readonly SigningAuthority _authority;
    private readonly IAuthorityStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly IssuerTemplate _template;

    public CertificateIssuer(SigningAuthority authority, IAuthorityStore store, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _authority = authority;
        _store = store;
        _timeProvider = timeProvider;
        _template = new IssuerTemplate(authority.Record, authority.Key.SignatureAlgorithmIdentifier);
    }

    /// <summary>The CA certificates above an issued leaf, issuing CA first.</summary>
    public IReadOnlyList<byte[]> Chain => [_authority.Record.IssuingCertificate, .. _authority.Record.Chain];

    /// <exception cref="CertwrightException">Usage: a request outside the profile or the name constraints, a bad CSR, an expired CA.</exception>
    public async Task<IssuanceResult> IssueAsync(IssuanceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = Prepare(request, out var generated);
        try
        {
            var now = _timeProvider.GetUtcNow();
            var validity = request.Profile.Check(subject.KeyType, subject.SubjectAltNames, request.Validity);
            CheckNameConstraints(subject.SubjectAltNames);
            var notAfter = now + validity;
            if (notAfter > _template.NotAfter)
            {
                // A leaf outliving its CA fails validation at the CA's expiry anyway; cap it rather than refuse.
                notAfter = _template.NotAfter;
            }

            if (notAfter <= now)
            {
                throw new CertwrightException(ErrorKind.Usage, $"CA '{_authority.Name}' expired at {_template.NotAfter:yyyy-MM-ddTHH:mm:ssZ}; create a new CA with 'certwright ca init'");
            }

            var eku = CertificateDer.ExtendedKeyUsage(request.Profile.ExtendedKeyUsages);
            var subjectText = DistinguishedNameFormatter.Format(subject.SubjectName, out _);
            for (var attempt = 1; ; attempt++)
            {
                var fields = new LeafFields(SerialGenerator.Next(), subject.SubjectName, subject.SubjectPublicKeyInfo, subject.KeyType, now - ClockSkew, notAfter, eku, subject.SubjectAltNames);
                var der = LeafCertificateWriter.Sign(_template, _authority.Key, fields);
                var issued = new IssuedCertificate(
                    _authority.Name, request.Profile.Name, fields.Serial, Convert.ToHexStringLower(SHA256.HashData(der)), subjectText,
                    TruncateToSeconds(fields.NotBefore), TruncateToSeconds(notAfter), now, der);
                try
                {
                    await _store.RecordIssuedAsync(issued, cancellationToken);
                }
                catch (CertwrightException e) when (e.Kind == ErrorKind.State && attempt < SerialAttempts)
                {
                    continue;
                }

                var key = generated?.ExportPkcs8();
                return new IssuanceResult(issued, key, Chain);
            }
        }
        finally
        {
            generated?.Dispose();
        }
    }

    private VerifiedCsr Prepare(IssuanceRequest request, out ISoftwareSigningKey? generated)
    {
        generated = null;
        if (request.Csr is { } csr)
        {
            if (request.CommonName is not null || request.SubjectAltNames.Count > 0)
            {
                throw new CertwrightException(ErrorKind.Usage, "give either a CSR or --cn/--san, not both: the CSR names its own subject and SANs");
            }

            var verified = CsrReader.Read(csr.Span, request.CsrSource);
            return verified with { SubjectAltNames = WithCommonName(verified.SubjectAltNames, verified.CommonName) };
        }

        var commonName = request.CommonName?.Trim();
        if (commonName is { Length: > 64 })
        {
            throw new CertwrightException(ErrorKind.Usage, $"common name '{commonName[..20]}...' is longer than 64 characters (RFC 5280 ub-common-name); shorten --cn");
        }

        var subject = new System.Security.Cryptography.X509Certificates.X500DistinguishedNameBuilder();
        if (!string.IsNullOrEmpty(commonName))
        {
            subject.AddCommonName(commonName);
        }

        var sans = WithCommonName(request.SubjectAltNames, commonName);
        // Check the profile before generating: an RSA-4096 key takes seconds to make and would be thrown away.
        request.Profile.Check(request.KeyType, sans, request.Validity);
        CheckNameConstraints(sans);
        generated = SoftwareKeys.Generate("leaf", request.KeyType);
        return new VerifiedCsr(subject.Build().RawData, generated.SubjectPublicKeyInfo, request.KeyType, commonName, sans);
    }

    /// <summary>Without explicit SANs, a CN that is a valid name becomes the SAN (browsers ignore the CN).</summary>
    private static IReadOnlyList<SubjectAltName> WithCommonName(IReadOnlyList<SubjectAltName> sans, string? commonName)
    {
        if (sans.Count > 0 || string.IsNullOrEmpty(commonName))
        {
            return sans;
        }

        try
        {
            return [SubjectAltName.Parse(commonName)];
        }
        catch (CertwrightException)
        {
            // Not a name a SAN can carry (e.g. "Alice Smith"): the profile check then asks for --san.
            return sans;
        }
    }

    private void CheckNameConstraints(IReadOnlyList<SubjectAltName> sans)
    {
        foreach (var constraints in _template.NameConstraints)
        {
            foreach (var san in sans)
            {
                if (constraints.Violation(san) is { } reason)
                {
                    throw new CertwrightException(ErrorKind.Usage, $"SAN '{san}' is outside the name constraints of CA '{_authority.Name}': {reason}");
                }
            }
        }
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
