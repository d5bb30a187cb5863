using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Certwright.Scanning;
using Certwright.Scanning.Internal.OpenSsl;
using Certwright.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Certwright.Tests.Scanning;

/// <summary>Servers that misbehave: every scan must end in bounded time with a clear status and reason.</summary>
public sealed class HostileServerTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ScanAsync_ServerAcceptsAndNeverAnswers_TimesOutWithinTheHandshakeTimeout()
    {
        await using var server = ScriptedTcpServer.Start(c => c.DrainAsync());
        var watch = Stopwatch.StartNew();

        var result = await CreateSut().ScanAsync(Target(server));

        watch.Stop();
        Assert.Equal(ScanStatus.HandshakeFailed, result.Status);
        Assert.Equal("TLS handshake failed: the server did not complete it within 1 s (timed out)", result.Error);
        Assert.InRange(watch.Elapsed, ShortTimeout * 0.9, ShortTimeout * 3);
        Assert.Equal(IPAddress.Loopback, result.ConnectedEndPoint?.Address);
    }

    [Fact]
    public async Task ScanAsync_SilentServerWithStartTls_TimesOutAsStartTlsFailure()
    {
        await using var server = ScriptedTcpServer.Start(c => c.DrainAsync());
        var watch = Stopwatch.StartNew();

        var result = await CreateSut().ScanAsync(Target(server, StartTlsProtocol.Smtp));

        Assert.Equal(ScanStatus.StartTlsFailed, result.Status);
        Assert.Equal("SMTP STARTTLS failed: no reply within 1 s (timed out)", result.Error);
        Assert.InRange(watch.Elapsed, ShortTimeout * 0.9, ShortTimeout * 3);
    }

    [Fact]
    public async Task ScanAsync_ServerSendsRandomBytes_FailsFastAsNotTls()
    {
        var garbage = new byte[4096];
        new Random(20240601).NextBytes(garbage);
        garbage[0] = 0x9C;
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.SendAsync(garbage);
            await c.DrainAsync();
        });

        var result = await CreateSut().ScanAsync(Target(server));

        Assert.Equal(ScanStatus.HandshakeFailed, result.Status);
        Assert.StartsWith("TLS handshake failed: ", result.Error, StringComparison.Ordinal);
        // The reason is OpenSSL's parse error, not the timeout: garbage fails at once.
        Assert.EndsWith("; the server's reply is not TLS", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_HttpServerOnThePort_QuotesItsPlainTextReply()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.ReadAtLeastAsync(1);
            await c.SendAsync("HTTP/1.1 400 Bad Request\r\nServer: fake\r\n\r\n");
            await c.DrainAsync();
        });

        var result = await CreateSut().ScanAsync(Target(server));

        Assert.Equal(ScanStatus.HandshakeFailed, result.Status);
        Assert.Equal(
            "TLS handshake failed: wrong version number; the server sent plain text 'HTTP/1.1 400 Bad Request  Server: fake' (not a TLS port, or it needs --starttls)",
            result.Error);
    }

    [Fact]
    public async Task ScanAsync_ServerClosesAfterClientHello_ReportsTheClose()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.ReadAtLeastAsync(5);
            c.Socket.Shutdown(SocketShutdown.Send);
            await c.DrainAsync();
        });

        var result = await CreateSut().ScanAsync(Target(server));

        Assert.Equal(ScanStatus.HandshakeFailed, result.Status);
        Assert.Equal("the server closed the connection without answering the TLS ClientHello", result.Error);
    }

    [Fact]
    public async Task ScanAsync_ServerClosesImmediately_FailsTheHandshakeQuickly()
    {
        await using var server = ScriptedTcpServer.Start(c =>
        {
            c.Socket.LingerState = new LingerOption(true, 0);
            c.Socket.Close();
            return Task.CompletedTask;
        });

        var result = await CreateSut().ScanAsync(Target(server));

        Assert.True(result.Status == ScanStatus.HandshakeFailed, result.Error);
        // Which of these the kernel reports depends on when the reset lands relative to connect() and send().
        Assert.Matches(
            "^(the server reset the connection as soon as it accepted it|the server closed the connection without answering the TLS ClientHello|the connection failed during the TLS handshake: connection reset by the server)$",
            result.Error);
        Assert.Equal(IPAddress.Loopback, result.ConnectedEndPoint?.Address);
    }

    [Fact]
    public async Task ScanAsync_ServerFloodsBeyondTheByteCap_StopsReading()
    {
        // A ServerHello header announcing 19,000 bytes (below OpenSSL's own limit), then more than the cap.
        var record = new byte[5 + 16384];
        record[0] = 0x16;
        record[1] = 0x03;
        record[2] = 0x03;
        record[3] = 0x40;
        record[4] = 0x00;
        record[5] = 0x02;
        record[6] = 0x00;
        record[7] = 0x4A;
        record[8] = 0x38;
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.ReadAtLeastAsync(5);
            await c.SendAsync(record);
            await c.SendAsync(record);
            await c.DrainAsync();
        });
        var options = new EndpointScannerOptions { HandshakeTimeout = ShortTimeout, MaxHandshakeBytes = 16 * 1024 };

        var result = await new EndpointScanner(options).ScanAsync(Target(server));

        Assert.Equal(ScanStatus.HandshakeFailed, result.Status);
        Assert.Equal("the server sent more than 16384 bytes without completing the TLS handshake", result.Error);
    }

    [Fact]
    public async Task ScanAsync_NothingListening_IsUnreachableWithRefusal()
    {
        var port = FreePort.Next();

        var result = await CreateSut().ScanAsync(ScanTarget.Parse($"127.0.0.1:{port}"));

        Assert.Equal(ScanStatus.Unreachable, result.Status);
        Assert.Equal($"could not connect to port {port} of 127.0.0.1 (127.0.0.1: connection refused)", result.Error);
        Assert.Null(result.ConnectedEndPoint);
    }

    [Fact]
    public async Task ScanAsync_NameDoesNotResolve_IsUnreachableWithTheResolverError()
    {
        // The system resolver would ask the network's DNS server about any unknown name; this stands in for
        // its answer (the same exception Dns.GetHostAddressesAsync throws) so no query leaves the machine.
        var sut = CreateSut(resolver: (host, _) => throw new SocketException((int)SocketError.HostNotFound));

        var result = await sut.ScanAsync(ScanTarget.Parse("no-such-host.invalid:443"));

        Assert.Equal(ScanStatus.Unreachable, result.Status);
        Assert.StartsWith("could not resolve 'no-such-host.invalid': ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_ResolverHangs_IsUnreachableWithinTheConnectTimeout()
    {
        var sut = CreateSut(resolver: async (host, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return [];
        });
        var watch = Stopwatch.StartNew();

        var result = await sut.ScanAsync(ScanTarget.Parse("slow-dns.test:443"));

        Assert.Equal(ScanStatus.Unreachable, result.Status);
        Assert.Equal("could not connect to slow-dns.test:443 within 1 s (timed out)", result.Error);
        Assert.InRange(watch.Elapsed, ShortTimeout * 0.9, ShortTimeout * 3);
    }

    [Fact]
    public async Task ScanAsync_FirstAddressRefuses_TriesTheNextInOrder()
    {
        await using var server = ScriptedTcpServer.Start(c => c.DrainAsync());
        var refused = IPAddress.Parse("127.0.0.2");
        var sut = CreateSut(resolver: (_, _) => Task.FromResult(new[] { refused, IPAddress.Loopback }));

        var result = await sut.ScanAsync(ScanTarget.Parse($"two-addresses.test:{server.Port}"));

        Assert.Equal(IPAddress.Loopback, result.ConnectedEndPoint?.Address);
        Assert.Equal(ScanStatus.HandshakeFailed, result.Status);
    }

    [Fact]
    public async Task ScanAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var server = ScriptedTcpServer.Start(c => c.DrainAsync());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new EndpointScanner().ScanAsync(Target(server), cancel.Token));
    }

    [Fact]
    public async Task ScanAsync_TotalTimeoutShorterThanPhases_ReportsTheTotalTimeout()
    {
        await using var server = ScriptedTcpServer.Start(c => c.DrainAsync());
        var options = new EndpointScannerOptions { TotalTimeout = TimeSpan.FromMilliseconds(500) };

        var result = await new EndpointScanner(options).ScanAsync(Target(server));

        Assert.Equal(ScanStatus.HandshakeFailed, result.Status);
        Assert.Equal("the scan did not finish within the total timeout of 0.5 s", result.Error);
    }

    [Fact]
    public async Task ScanAsync_DurationsComeFromTheTimeProvider()
    {
        var time = new FakeTimeProvider();
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.ReadAtLeastAsync(5);
            time.Advance(TimeSpan.FromSeconds(3));
            c.Socket.Shutdown(SocketShutdown.Send);
            await c.DrainAsync();
        });
        var sut = new EndpointScanner(new EndpointScannerOptions(), time, new OpenSslHandshaker());

        var result = await sut.ScanAsync(Target(server));

        Assert.Equal(ScanStatus.HandshakeFailed, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(3), result.HandshakeDuration);
        Assert.Equal(TimeSpan.FromSeconds(3), result.Duration);
    }

    private static ScanTarget Target(ScriptedTcpServer server, StartTlsProtocol startTls = StartTlsProtocol.None)
        => ScanTarget.Parse($"127.0.0.1:{server.Port}", startTls);

    private static EndpointScanner CreateSut(Certwright.Scanning.Internal.HostResolver? resolver = null)
    {
        var options = new EndpointScannerOptions { ConnectTimeout = ShortTimeout, HandshakeTimeout = ShortTimeout };
        return new EndpointScanner(options, TimeProvider.System, new OpenSslHandshaker(), resolver);
    }
}
