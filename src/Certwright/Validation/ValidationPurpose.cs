namespace Certwright.Validation;

/// <summary>What the end-entity certificate is being validated for.</summary>
public enum ValidationPurpose
{
    /// <summary>Any purpose: extended key usage is not checked (openssl verify without -purpose).</summary>
    Any,

    /// <summary>A TLS server certificate: id-kp-serverAuth.</summary>
    Server,

    /// <summary>A TLS client certificate: id-kp-clientAuth.</summary>
    Client,
}
