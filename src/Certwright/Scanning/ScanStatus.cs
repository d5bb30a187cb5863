namespace Certwright.Scanning;

/// <summary>How far a scan of one endpoint got.</summary>
public enum ScanStatus
{
    /// <summary>The TLS handshake completed; the presented chain and session details are filled in.</summary>
    Success,

    /// <summary>No TCP connection: the name did not resolve, the connection was refused, or connecting timed out.</summary>
    Unreachable,

    /// <summary>Connected, but no TLS session: an alert, non-TLS data, a close or a timeout during the handshake.</summary>
    HandshakeFailed,

    /// <summary>Connected, but the plain-text STARTTLS exchange before the handshake failed.</summary>
    StartTlsFailed,
}
