using System.Diagnostics;
using Certwright.Scanning;
using Certwright.Scanning.Probing;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Scanning.Probing;

/// <summary>Servers that misbehave: every probe ends in bounded time with a clear status and reason.</summary>
public sealed class TlsProberHostileTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ProbeAsync_ServerNeverAnswers_TimesOutWithinTheReadTimeout()
    {
        await using var server = ScriptedTcpServer.Start(c => c.DrainAsync());
        var watch = Stopwatch.StartNew();

        var result = await ProbeAsync(server.Port);

        Assert.Equal(ScanStatus.HandshakeFailed, result.Status);
        Assert.Equal("no reply to the ClientHello within 1 s (timed out)", result.Error);
        Assert.InRange(watch.Elapsed, ShortTimeout * 0.9, ShortTimeout * 4);
    }

    [Fact]
    public async Task ProbeAsync_HttpServerOnThePort_FailsAsNotTlsQuotingTheReply()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.ReadAtLeastAsync(5);
            await c.SendAsync("HTTP/1.1 400 Bad Request\r\n\r\n");
        });

        var result = await ProbeAsync(server.Port);

        Assert.Equal(ScanStatus.HandshakeFailed, result.Status);
        Assert.Equal("the server did not answer with TLS (it sent 5 byte(s) 485454502f \"HTTP/\")", result.Error);
    }

    [Fact]
    public async Task ProbeAsync_ServerAnnouncesAHugeRecord_FailsWithoutReadingIt()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.ReadAtLeastAsync(5);
            await c.SendAsync([0x16, 0x03, 0x03, 0xFF, 0xFF]);
            await c.DrainAsync();
        });

        var result = await ProbeAsync(server.Port);

        Assert.Equal(ScanStatus.HandshakeFailed, result.Status);
        Assert.Equal("the server sent a TLS record of 65535 bytes, over the protocol's limit of 18432", result.Error);
    }

    [Fact]
    public async Task ProbeAsync_ServerFloodsHandshakeRecords_StopsAtTheByteCap()
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            await c.ReadAtLeastAsync(5);
            var record = new byte[5 + 16384];
            record[0] = 0x16;
            record[1] = 0x03;
            record[2] = 0x03;
            record[3] = 0x40;
            // A ServerHello that claims 200,000 bytes, then endless filler: only the cap ends it.
            record[5] = 0x02;
            record[6] = 0x03;
            record[7] = 0x0D;
            record[8] = 0x40;
            await c.SendAsync(record);
            record[5] = record[6] = record[7] = record[8] = 0;
            for (var i = 0; i < 64 && !c.Stopping.IsCancellationRequested; i++)
            {
                await c.SendAsync(record);
            }
        });

        var result = await ProbeAsync(server.Port);

        Assert.Equal(ScanStatus.HandshakeFailed, result.Status);
        Assert.Equal("the server's reply exceeds 262144 bytes", result.Error);
    }

    [Fact]
    public async Task ProbeAsync_ServerClosesAtOnce_IsRefusedEverywhereNotCrashed()
    {
        await using var server = ScriptedTcpServer.Start(_ => Task.CompletedTask);

        var result = await ProbeAsync(server.Port);

        Assert.Equal(ScanStatus.HandshakeFailed, result.Status);
        Assert.StartsWith("the server accepted none of SSLv3, TLSv1.0, TLSv1.1, TLSv1.2, TLSv1.3", result.Error, StringComparison.Ordinal);
        Assert.All(result.Protocols, p => Assert.False(p.Accepted));
    }

    [Fact]
    public async Task ProbeAsync_NothingListening_IsUnreachable()
    {
        var port = FreePort.Next();

        var result = await ProbeAsync(port);

        Assert.Equal(ScanStatus.Unreachable, result.Status);
        Assert.Equal($"could not connect to port {port} of 127.0.0.1 (127.0.0.1: connection refused)", result.Error);
    }

    private static async Task<TlsProbeResult> ProbeAsync(int port)
    {
        using var prober = new TlsProber(new TlsProberOptions { ConnectTimeout = ShortTimeout, ReadTimeout = ShortTimeout });
        return await prober.ProbeAsync(new ScanTarget("127.0.0.1", port));
    }
}
