namespace Certwright.Authority.Ocsp;

/// <summary>RFC 6960 §4.2.1 OCSPResponseStatus; the numeric values are the wire values (4 is unused).</summary>
public enum OcspResponseStatus
{
    Successful = 0,
    MalformedRequest = 1,
    InternalError = 2,
    TryLater = 3,
    SigRequired = 5,
    Unauthorized = 6,
}
