using System.Net.Sockets;

namespace Certwright.Scanning.Internal;

/// <summary>
/// The TLS engine seam: performs a client handshake over a connected socket and reports what the server
/// presented. The OpenSSL engine is the one in use; a managed SslStream engine could sit behind this for
/// platforms without libssl 3 (it could not report the stapled OCSP response or the exact order of the chain).
/// </summary>
internal interface ITlsHandshaker
{
    /// <exception cref="ScanFailedException">HandshakeFailed, with the reason in one line.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> fires.</exception>
    Task<TlsSessionDetails> HandshakeAsync(Socket socket, string? serverName, int maxInputBytes, CancellationToken cancellationToken);
}
