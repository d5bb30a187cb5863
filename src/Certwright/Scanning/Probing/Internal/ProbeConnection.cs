using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Certwright.Scanning.Internal;
using Certwright.Scanning.Internal.StartTls;

namespace Certwright.Scanning.Probing.Internal;

/// <summary>One probe connection: connect, optional STARTTLS, send one ClientHello, read the reply, close.</summary>
internal sealed class ProbeConnection
{
    private const int MaxStartTlsLineBytes = 8 * 1024;

    private readonly TlsProberOptions _options;
    private readonly TimeProvider _time;
    private readonly EndpointConnector _connector;

    public ProbeConnection(TlsProberOptions options, TimeProvider time, EndpointConnector connector)
    {
        _options = options;
        _time = time;
        _connector = connector;
    }

    /// <summary>The address of the last successful connection.</summary>
    public IPEndPoint? LastEndPoint { get; private set; }

    /// <exception cref="ScanFailedException">Unreachable, STARTTLS failure, no reply in time, or a reply that is not TLS.</exception>
    public async Task<HelloReply> ExchangeAsync(ScanTarget target, HelloOffer offer, bool readUntilDone, CancellationToken cancellationToken)
    {
        using var phase = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, phase.Token);
        var connecting = true;
        var startTls = false;
        try
        {
            var (socket, endPoint) = await _connector.ConnectAsync(target, linked.Token);
            using (socket)
            {
                LastEndPoint = endPoint;

                // Close with a reset rather than FIN-wait, so thousands of probes leave no TIME_WAIT behind.
                socket.LingerState = new LingerOption(true, 0);
                connecting = false;
                phase.CancelAfter(_options.ReadTimeout);
                if (target.StartTls != StartTlsProtocol.None)
                {
                    startTls = true;
                    await StartTlsNegotiator.NegotiateAsync(target.StartTls, socket, MaxStartTlsLineBytes, linked.Token);
                    startTls = false;
                }

                try
                {
                    await socket.SendAsync(ClientHello.Build(offer), SocketFlags.None, linked.Token);
                }
                catch (SocketException e)
                {
                    return HelloReply.Closed($"send failed: {SocketErrors.Describe(e)}");
                }

                return await HelloReplyReader.ReadAsync(socket, readUntilDone, _options.MaxResponseBytes, linked.Token);
            }
        }
        catch (OperationCanceledException) when (phase.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw connecting
                ? new ScanFailedException(ScanStatus.Unreachable, $"could not connect to {target} within {Seconds(_options.ConnectTimeout)} (timed out)")
                : startTls
                    ? new ScanFailedException(ScanStatus.StartTlsFailed, $"{target.StartTls.Name().ToUpperInvariant()} STARTTLS failed: no reply within {Seconds(_options.ReadTimeout)} (timed out)")
                    : new ScanFailedException(ScanStatus.HandshakeFailed, $"no reply to the ClientHello within {Seconds(_options.ReadTimeout)} (timed out)");
        }
    }

    private static string Seconds(TimeSpan value) => $"{value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
}
