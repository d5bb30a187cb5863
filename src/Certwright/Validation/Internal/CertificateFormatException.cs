namespace Certwright.Validation.Internal;

/// <summary>The bytes are not a well-formed DER X.509 certificate.</summary>
internal sealed class CertificateFormatException : Exception
{
    public CertificateFormatException(string message)
        : base(message)
    {
    }

    public CertificateFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CertificateFormatException()
    {
    }
}
