namespace Certwright.Revocation;

/// <summary>Where the answer of a revocation check came from.</summary>
public enum RevocationSource
{
    /// <summary>No source answered.</summary>
    None,

    /// <summary>The OCSP response the TLS server stapled to its handshake.</summary>
    Stapled,

    /// <summary>An OCSP responder named in the certificate's Authority Information Access.</summary>
    Ocsp,

    /// <summary>A CRL from the certificate's CRL distribution points.</summary>
    Crl,
}
