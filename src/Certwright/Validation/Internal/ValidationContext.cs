namespace Certwright.Validation.Internal;

/// <summary>Everything one validation needs, resolved once: parsed inputs, profile, time and shared services.</summary>
internal sealed class ValidationContext
{
    public required ChainValidationRequest Request { get; init; }

    public required ValidationProfile Profile { get; init; }

    /// <summary>The validation time truncated to whole seconds: certificate times have second precision.</summary>
    public required DateTimeOffset Time { get; init; }

    public required SignatureVerifier Verifier { get; init; }

    public required PathNode Target { get; init; }

    /// <summary>Presented and extra intermediates by subject name key.</summary>
    public required IReadOnlyDictionary<string, List<PathNode>> Pool { get; init; }

    public TrustStore TrustStore => Request.TrustStore;

    public ChainValidationOptions Options => Request.Options;

    public ValidationPurpose Purpose => Request.Purpose;

    public bool WebPki => Profile == ValidationProfile.WebPki;

    public bool IsValidAt(ParsedCertificate certificate) => certificate.NotBefore <= Time && Time <= certificate.NotAfter;
}
