using System.Net;
using System.Net.Sockets;

namespace Certwright.Tests.TestSupport;

/// <summary>Free loopback TCP ports for servers the tests start.</summary>
public static class FreePort
{
    private static int _next = 20000 + (Environment.ProcessId % 1000) * 20;

    /// <summary>
    /// A port that nothing listens on right now. Ports are handed out from a per-process range and
    /// probed, so parallel tests in one run never get the same port twice.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            var port = Interlocked.Increment(ref _next);
            if (port > 60000)
            {
                Interlocked.Exchange(ref _next, 20000);
                continue;
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return port;
            }
            catch (SocketException)
            {
                // In use: try the next one.
            }
        }
    }
}
