namespace Certwright.Revocation.Internal;

/// <summary>A responder or CRL server could not be reached or answered unusably; the message is one line for the result's detail.</summary>
internal sealed class RevocationFetchException : Exception
{
    public RevocationFetchException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public RevocationFetchException()
        : this("the revocation source could not be fetched")
    {
    }

    public RevocationFetchException(string message)
        : this(message, null)
    {
    }
}
