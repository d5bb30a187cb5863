using System.Globalization;
using Certwright.Certificates;
using Certwright.Policy;
using Certwright.Validation.Internal;

namespace Certwright.Validation;

/// <summary>
/// Offline X.509 path validation (RFC 5280 section 6 plus the CA/Browser Forum rules), stricter than
/// <c>openssl verify</c>: builds paths with backtracking across cross-signed and junk certificates, checks
/// every certificate, name constraints (anchors included), policies, purpose and host name, and explains
/// the presented chain (order, missing intermediates). Thread-safe: make one and share it; it caches parsed
/// certificates and verified signatures (both bounded).
/// </summary>
public sealed class ChainValidator
{
    /// <summary>Default number of (issuer key, certificate) signature results kept.</summary>
    public const int DefaultSignatureCacheSize = 100_000;

    /// <summary>Default number of parsed certificates kept.</summary>
    public const int DefaultCertificateCacheSize = 20_000;

    private readonly SignatureVerifier _verifier;
    private readonly CertificateCache _certificates;

    public ChainValidator()
        : this(DefaultSignatureCacheSize, DefaultCertificateCacheSize)
    {
    }

    public ChainValidator(int signatureCacheSize, int certificateCacheSize)
    {
        _verifier = new SignatureVerifier(signatureCacheSize);
        _certificates = new CertificateCache(certificateCacheSize);
    }

    internal int CachedSignatures => _verifier.CachedCount;

    /// <summary>Validates the target certificate; never throws for bad certificates, only reports them.</summary>
    public ChainValidationResult Validate(ChainValidationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var profile = request.Options.ProfileFor(request.Purpose);
        ParsedCertificate target;
        try
        {
            target = _certificates.Get(request.Target);
        }
        catch (CertificateFormatException e)
        {
            return ResultBuilder.Unreadable($"the certificate to validate cannot be read: {e.Message}", profile);
        }

        var problems = new List<ValidationError>();
        var pool = new Dictionary<string, List<PathNode>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal) { target.Sha256 };
        AddToPool(request.Intermediates, CertificateSource.Presented, request.Options.MaxIntermediates, pool, seen, problems);
        AddToPool(request.ExtraIntermediates, CertificateSource.Extra, request.Options.MaxIntermediates, pool, seen, problems);

        var time = request.ValidationTime.ToUniversalTime();
        var context = new ValidationContext
        {
            Request = request,
            Profile = profile,
            Time = new DateTimeOffset(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero),
            Verifier = _verifier,
            Target = new PathNode(target, CertificateSource.Target, 0),
            Pool = pool,
        };

        var (path, sink) = ChainEngine.FindBest(context);
        return ResultBuilder.Build(context, path, sink, problems);
    }

    private void AddToPool(
        IReadOnlyList<ReadOnlyMemory<byte>> certificates,
        CertificateSource source,
        int limit,
        Dictionary<string, List<PathNode>> pool,
        HashSet<string> seen,
        List<ValidationError> problems)
    {
        if (certificates.Count > limit)
        {
            problems.Add(new ValidationError(-1, FindingCodes.NonconformingCertificate, string.Create(CultureInfo.InvariantCulture,
                $"{certificates.Count} {(source == CertificateSource.Presented ? "presented" : "extra")} certificates; only the first {limit} were considered"), IsWarning: true));
        }

        for (var i = 0; i < Math.Min(certificates.Count, limit); i++)
        {
            var position = source == CertificateSource.Presented ? i + 1 : -1;
            ParsedCertificate certificate;
            try
            {
                certificate = _certificates.Get(certificates[i]);
            }
            catch (CertificateFormatException e)
            {
                var where = source == CertificateSource.Presented ? $"presented certificate {position}" : $"extra intermediate {i + 1}";
                problems.Add(new ValidationError(-1, FindingCodes.CorruptCertificate, string.Create(CultureInfo.InvariantCulture, $"{where} was ignored: {e.Message}"), IsWarning: true));
                continue;
            }

            if (!seen.Add(certificate.Sha256))
            {
                continue;
            }

            if (!pool.TryGetValue(certificate.Subject.Key, out var list))
            {
                pool[certificate.Subject.Key] = list = [];
            }

            list.Add(new PathNode(certificate, source, position));
        }
    }
}
