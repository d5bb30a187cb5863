namespace Certwright;

/// <summary>What kind of failure an error is, so a caller can decide what to do about it.</summary>
public enum ErrorKind
{
    /// <summary>The input the user gave is wrong (bad file, bad password, bad option): fix the input.</summary>
    Usage,

    /// <summary>Could not reach a peer (refused, timed out, DNS): may work later.</summary>
    Transport,

    /// <summary>A peer answered but refused or answered nonsense (TLS alert, garbage, protocol error).</summary>
    Remote,

    /// <summary>Stored data or local state is not as expected (corrupt database, newer schema).</summary>
    State,
}

/// <summary>
/// The one exception type Certwright throws for failures a user can cause or act on. Its message is a
/// single line naming the input and what to do; it never contains secrets.
/// </summary>
public class CertwrightException : Exception
{
    public CertwrightException(ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public CertwrightException()
        : this(ErrorKind.State, "Certwright failed")
    {
    }

    public CertwrightException(string message)
        : this(ErrorKind.State, message)
    {
    }

    public CertwrightException(string message, Exception innerException)
        : this(ErrorKind.State, message, innerException)
    {
    }

    public ErrorKind Kind { get; }

    /// <summary>Whether trying again later may succeed without the user changing anything.</summary>
    public bool IsTransient => Kind == ErrorKind.Transport;
}
