using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Certwright.Scanning.Internal;

/// <summary>Resolves a target and opens a TCP connection, trying each address in the resolver's order.</summary>
internal static class EndpointConnector
{
    /// <exception cref="ScanFailedException">Unreachable: the name did not resolve or no address accepted.</exception>
    public static async Task<Socket> ConnectAsync(ScanTarget target, CancellationToken cancellationToken)
    {
        var addresses = target.Address is { } literal ? [literal] : await ResolveAsync(target.Host, cancellationToken);
        var failures = new List<string>();
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, target.Port), cancellationToken);
                return socket;
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

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
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
