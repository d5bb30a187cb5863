using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Certwright.Scanning.Internal;

/// <summary>Resolves a name to addresses; the system resolver unless a test supplies another.</summary>
internal delegate Task<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);

/// <summary>Resolves a target and opens a TCP connection, trying each address in the resolver's order.</summary>
internal sealed class EndpointConnector
{
    private readonly HostResolver _resolve;

    public EndpointConnector(HostResolver? resolve = null)
    {
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
    }

    /// <exception cref="ScanFailedException">Unreachable: the name did not resolve or no address accepted.</exception>
    /// <returns>The connected socket and the address it was connected to (known even if the peer resets at once).</returns>
    public async Task<(Socket Socket, IPEndPoint EndPoint)> ConnectAsync(ScanTarget target, CancellationToken cancellationToken)
    {
        var addresses = target.Address is { } literal ? [literal] : await ResolveAsync(target.Host, cancellationToken);
        var failures = new List<string>();
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            var endPoint = new IPEndPoint(address, target.Port);
            try
            {
                await socket.ConnectAsync(endPoint, cancellationToken);
                return (socket, endPoint);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // A refused SYN is ECONNREFUSED; a reset while connecting means the server accepted, then reset.
                socket.Dispose();
                throw new ScanFailedException(ScanStatus.HandshakeFailed, "the server reset the connection as soon as it accepted it", e)
                {
                    EndPoint = endPoint,
                };
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failures.Add($"{address}: {SocketErrors.Describe(e)}");
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new ScanFailedException(
            ScanStatus.Unreachable,
            $"could not connect to port {target.Port.ToString(CultureInfo.InvariantCulture)} of {target.Host} ({string.Join("; ", failures)})");
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await _resolve(host, cancellationToken);
        }
        catch (SocketException e)
        {
            throw new ScanFailedException(ScanStatus.Unreachable, $"could not resolve '{host}': {e.Message}", e);
        }

        if (addresses.Length == 0)
        {
            throw new ScanFailedException(ScanStatus.Unreachable, $"could not resolve '{host}': no addresses");
        }

        return addresses;
    }
}
