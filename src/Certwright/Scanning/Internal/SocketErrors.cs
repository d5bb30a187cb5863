using System.Net.Sockets;

namespace Certwright.Scanning.Internal;

/// <summary>Short, stable wording for socket failures in scan results.</summary>
internal static class SocketErrors
{
    public static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.ConnectionReset => "connection reset by the server",
        SocketError.TimedOut => "timed out",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NetworkUnreachable => "network unreachable",
        SocketError.AddressNotAvailable => "address not available",
        SocketError.Shutdown or SocketError.ConnectionAborted => "connection aborted",
        _ => e.Message,
    };
}
