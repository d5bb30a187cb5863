using System.Net;
using System.Net.Sockets;
using Certwright.Scanning;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Scanning;

/// <summary>
/// Hostile bytes inside an otherwise real TLS exchange: a proxy in front of <c>openssl s_server</c> flips bytes
/// of the server's first flight (ServerHello, Certificate, key exchange: plaintext in TLS 1.2). OpenSSL parses
/// them in our process, so this checks that no mutation crashes it or leaves the shared context broken.
/// </summary>
public sealed class MutatingProxyTests : IAsyncLifetime
{
    private const int Iterations = 150;

    private readonly TempDirectory _directory = new();
    private readonly TestCertificate _root = TestPki.CreateRoot("Fuzz Root", notBefore: DateTimeOffset.UtcNow.AddDays(-10));
    private BackgroundServer? _upstream;
    private int _upstreamPort;

    public async Task InitializeAsync()
    {
        var intermediate = TestPki.CreateIntermediate(_root, "Fuzz Intermediate", notBefore: DateTimeOffset.UtcNow.AddDays(-5));
        using var leaf = TestPki.CreateLeaf(intermediate, "fuzz.test");
        _upstreamPort = FreePort.Next();
        _upstream = await OpenSslServer.StartAsync(
            _upstreamPort,
            _directory.Write("leaf.crt", leaf.CertificatePem),
            _directory.Write("leaf.key", leaf.PrivateKeyPem),
            ["-cert_chain", _directory.Write("chain.pem", intermediate.CertificatePem), "-tls1_2"]);
    }

    public async Task DisposeAsync()
    {
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }

        _directory.Dispose();
    }

    [Fact]
    public async Task ScanAsync_MutatedServerFlights_NeverCrashAndAlwaysReport()
    {
        var connection = 0;
        await using var proxy = ScriptedTcpServer.Start(c => RelayWithMutationsAsync(c, new Random(1000 + Interlocked.Increment(ref connection))));
        // Short: a flipped length field leaves the client waiting for bytes that never come.
        var sut = new EndpointScanner(new EndpointScannerOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(500) });
        var statuses = new Dictionary<ScanStatus, int>();

        for (var i = 0; i < Iterations; i++)
        {
            var result = await sut.ScanAsync(ScanTarget.Parse($"127.0.0.1:{proxy.Port}"));

            Assert.True(result.Status is ScanStatus.Success or ScanStatus.HandshakeFailed, $"{result.Status}: {result.Error}");
            Assert.Equal(result.Status != ScanStatus.Success, result.Error is not null);
            Assert.True(result.Status != ScanStatus.Success || result.PresentedChain.Count > 0);
            statuses[result.Status] = statuses.GetValueOrDefault(result.Status) + 1;
        }

        Assert.True(statuses.GetValueOrDefault(ScanStatus.HandshakeFailed) > Iterations / 2, $"mutations should mostly break the handshake: {string.Join(", ", statuses)}");
        var clean = await new EndpointScanner().ScanAsync(ScanTarget.Parse($"127.0.0.1:{_upstreamPort}"));
        Assert.True(clean.Status == ScanStatus.Success, clean.Error);
        Assert.Equal(2, clean.PresentedChain.Count);
    }

    /// <summary>Relays both ways; flips 1 to 4 bytes among the first 1,200 the server sends.</summary>
    private async Task RelayWithMutationsAsync(ScriptedConnection client, Random random)
    {
        var flips = Enumerable.Range(0, random.Next(1, 5)).Select(_ => (Offset: random.Next(0, 1200), Value: (byte)random.Next(256))).ToList();
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await upstream.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _upstreamPort), client.Stopping);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(client.Stopping);
        var up = PumpAsync(client.Socket, upstream, [], done.Token);
        var down = PumpAsync(upstream, client.Socket, flips, done.Token);
        await Task.WhenAny(up, down);
        await done.CancelAsync();
        await Task.WhenAll(up, down).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static async Task PumpAsync(Socket from, Socket to, List<(int Offset, byte Value)> flips, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var position = 0;
        while (true)
        {
            var n = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                to.Shutdown(SocketShutdown.Send);
                return;
            }

            foreach (var (offset, value) in flips)
            {
                if (offset >= position && offset < position + n)
                {
                    buffer[offset - position] = value;
                }
            }

            position += n;
            await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, cancellationToken);
        }
    }
}
