namespace Certwright.Certificates;

/// <summary>
/// Bytes that should hold a certificate (or a container of certificates) do not decode. The message is
/// one line naming what is wrong; the kind is always <see cref="ErrorKind.Usage"/> (fix or remove the file).
/// </summary>
public sealed class CertificateFormatException : CertwrightException
{
    public CertificateFormatException(string message, Exception? innerException)
        : base(ErrorKind.Usage, message, innerException)
    {
    }

    public CertificateFormatException(string message)
        : this(message, null)
    {
    }

    public CertificateFormatException()
        : this("not a valid X.509 certificate")
    {
    }
}
