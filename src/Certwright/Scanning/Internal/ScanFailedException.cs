namespace Certwright.Scanning.Internal;

/// <summary>Ends a scan early with the status and one-line reason that go into its result.</summary>
internal sealed class ScanFailedException : Exception
{
    public ScanFailedException(ScanStatus status, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
    }

    public ScanFailedException()
        : this(ScanStatus.HandshakeFailed, "scan failed")
    {
    }

    public ScanFailedException(string message)
        : this(ScanStatus.HandshakeFailed, message)
    {
    }

    public ScanFailedException(string message, Exception innerException)
        : this(ScanStatus.HandshakeFailed, message, innerException)
    {
    }

    public ScanStatus Status { get; }

    /// <summary>The peer, when the failure came after a TCP connection existed but before the scanner saw it.</summary>
    public System.Net.IPEndPoint? EndPoint { get; init; }
}
