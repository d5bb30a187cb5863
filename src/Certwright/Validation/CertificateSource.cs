namespace Certwright.Validation;

/// <summary>Where a certificate of a built path came from.</summary>
public enum CertificateSource
{
    /// <summary>The certificate being validated.</summary>
    Target,

    /// <summary>Presented with the target (the server's chain, or <c>--chain</c>).</summary>
    Presented,

    /// <summary>Known from elsewhere (a cache of intermediates), not presented.</summary>
    Extra,

    /// <summary>A trust anchor of the <see cref="TrustStore"/>.</summary>
    TrustStore,
}
