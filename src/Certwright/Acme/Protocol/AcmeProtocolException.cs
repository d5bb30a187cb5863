namespace Certwright.Acme.Protocol;

/// <summary>
/// An ACME failure carried as a problem document (RFC 7807): raised by the wire layer when a message is malformed or
/// its signature does not verify, and by the client when the server answers with a problem.
/// </summary>
public sealed class AcmeProtocolException : CertwrightException
{
    public AcmeProtocolException(string problemType, string detail, ErrorKind kind = ErrorKind.Remote)
        : this(new AcmeProblem { Type = problemType, Detail = detail }, kind, detail)
    {
    }

    public AcmeProtocolException(AcmeProblem problem, ErrorKind kind, string message, Exception? innerException = null)
        : base(kind, message, innerException)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
    }

    public AcmeProtocolException()
        : this(AcmeProblemTypes.ServerInternal, "ACME failed")
    {
    }

    public AcmeProtocolException(string message)
        : this(AcmeProblemTypes.Malformed, message)
    {
    }

    public AcmeProtocolException(string message, Exception innerException)
        : this(new AcmeProblem { Type = AcmeProblemTypes.Malformed, Detail = message }, ErrorKind.Remote, message, innerException)
    {
    }

    public AcmeProblem Problem { get; }
}
