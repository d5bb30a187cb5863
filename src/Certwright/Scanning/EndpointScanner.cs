using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Certwright.Scanning.Internal;
using Certwright.Scanning.Internal.OpenSsl;
using Certwright.Scanning.Internal.StartTls;

namespace Certwright.Scanning;

/// <summary>
/// Scans TLS endpoints: resolve, connect, optional STARTTLS, TLS handshake (OpenSSL 3 through memory BIOs,
/// so .NET owns the socket and every wait is bounded), then captures what the server presented and closes.
/// Thread-safe; one instance serves any number of concurrent scans.
/// </summary>
public sealed class EndpointScanner : IEndpointScanner
{
    private readonly EndpointScannerOptions _options;
    private readonly TimeProvider _time;
    private readonly ITlsHandshaker _handshaker;
    private readonly EndpointConnector _connector;

    /// <exception cref="CertwrightException">Usage, listing every invalid option.</exception>
    public EndpointScanner(EndpointScannerOptions? options = null, TimeProvider? timeProvider = null)
        : this(options ?? new EndpointScannerOptions(), timeProvider ?? TimeProvider.System, new OpenSslHandshaker())
    {
    }

    internal EndpointScanner(EndpointScannerOptions options, TimeProvider timeProvider, ITlsHandshaker handshaker, HostResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new CertwrightException(ErrorKind.Usage, $"Invalid scanner options: {string.Join(" ", errors)}");
        }

        // A copy: later changes to the caller's object must not change scans in flight.
        _options = new EndpointScannerOptions
        {
            ConnectTimeout = options.ConnectTimeout,
            HandshakeTimeout = options.HandshakeTimeout,
            TotalTimeout = options.TotalTimeout,
            MaxConcurrency = options.MaxConcurrency,
            MaxHandshakeBytes = options.MaxHandshakeBytes,
            MaxStartTlsLineBytes = options.MaxStartTlsLineBytes,
        };
        _time = timeProvider;
        _handshaker = handshaker;
        _connector = new EndpointConnector(resolver);
    }

    public async Task<EndpointScanResult> ScanAsync(ScanTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var started = _time.GetTimestamp();
        long? handshakeStarted = null;
        IPEndPoint? endPoint = null;
        using var total = new CancellationTokenSource(_options.TotalTimeout, _time);
        using var phase = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token, phase.Token);
        var stage = ScanStage.Connect;
        try
        {
            var connection = await _connector.ConnectAsync(target, linked.Token);
            using var socket = connection.Socket;
            endPoint = connection.EndPoint;
            handshakeStarted = _time.GetTimestamp();
            phase.CancelAfter(_options.HandshakeTimeout);
            if (target.StartTls != StartTlsProtocol.None)
            {
                stage = ScanStage.StartTls;
                await StartTlsNegotiator.NegotiateAsync(target.StartTls, socket, _options.MaxStartTlsLineBytes, linked.Token);
            }

            stage = ScanStage.Handshake;
            var details = await _handshaker.HandshakeAsync(socket, target.ServerName, _options.MaxHandshakeBytes, linked.Token);
            return new EndpointScanResult
            {
                Target = target,
                Status = ScanStatus.Success,
                ConnectedEndPoint = endPoint,
                PresentedChain = details.PresentedChain,
                Protocol = details.Protocol,
                CipherSuite = details.CipherSuite,
                OpenSslCipherName = details.OpenSslCipherName,
                Group = details.Group,
                StapledOcspResponse = details.StapledOcspResponse,
                ClientCertificateRequested = details.ClientCertificateRequested,
                ClientCertificateAuthorities = details.ClientCertificateAuthorities,
                Duration = _time.GetElapsedTime(started),
                HandshakeDuration = _time.GetElapsedTime(handshakeStarted.Value),
            };
        }
        catch (ScanFailedException e)
        {
            endPoint ??= e.EndPoint;
            return Failed(e.Status, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(StatusOf(stage), TimeoutMessage(target, stage, total.IsCancellationRequested));
        }

        EndpointScanResult Failed(ScanStatus status, string error) => new()
        {
            Target = target,
            Status = status,
            ConnectedEndPoint = endPoint,
            Error = error,
            Duration = _time.GetElapsedTime(started),
            HandshakeDuration = handshakeStarted is { } since ? _time.GetElapsedTime(since) : TimeSpan.Zero,
        };
    }

    public async IAsyncEnumerable<EndpointScanResult> ScanManyAsync(
        IEnumerable<ScanTarget> targets,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var results = Channel.CreateBounded<EndpointScanResult>(
            new BoundedChannelOptions(_options.MaxConcurrency) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = ProduceAsync(targets, results.Writer, stop.Token);
        try
        {
            await foreach (var result in results.Reader.ReadAllAsync(cancellationToken))
            {
                // Results already buffered must not outrun a cancellation.
                cancellationToken.ThrowIfCancellationRequested();
                yield return result;
            }
        }
        finally
        {
            // The consumer stopped (or finished): end the scans in flight before the sockets are abandoned.
            await stop.CancelAsync();
            await producer;
        }
    }

    private async Task ProduceAsync(IEnumerable<ScanTarget> targets, ChannelWriter<EndpointScanResult> writer, CancellationToken cancellationToken)
    {
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(targets, parallel, async (target, token) =>
            {
                var result = await ScanAsync(target, token);
                await writer.WriteAsync(result, token);
            });
            writer.Complete();
        }
        catch (Exception e)
        {
            // Handed to the reader, which rethrows it (cancellation included).
            writer.Complete(e);
        }
    }

    private static ScanStatus StatusOf(ScanStage stage) => stage switch
    {
        ScanStage.Connect => ScanStatus.Unreachable,
        ScanStage.StartTls => ScanStatus.StartTlsFailed,
        _ => ScanStatus.HandshakeFailed,
    };

    private string TimeoutMessage(ScanTarget target, ScanStage stage, bool totalExpired)
    {
        if (totalExpired)
        {
            return $"the scan did not finish within the total timeout of {Seconds(_options.TotalTimeout)}";
        }

        return stage switch
        {
            ScanStage.Connect => $"could not connect to {target} within {Seconds(_options.ConnectTimeout)} (timed out)",
            ScanStage.StartTls => $"{target.StartTls.Name().ToUpperInvariant()} STARTTLS failed: no reply within {Seconds(_options.HandshakeTimeout)} (timed out)",
            _ => $"TLS handshake failed: the server did not complete it within {Seconds(_options.HandshakeTimeout)} (timed out)",
        };
    }

    private static string Seconds(TimeSpan value) => $"{value.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s";

    private enum ScanStage
    {
        Connect,
        StartTls,
        Handshake,
    }
}
