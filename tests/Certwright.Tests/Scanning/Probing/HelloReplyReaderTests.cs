using System.Net;
using System.Net.Sockets;
using Certwright.Scanning.Internal;
using Certwright.Scanning.Probing;
using Certwright.Scanning.Probing.Internal;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Scanning.Probing;

/// <summary>Server replies built byte by byte, sent by a scripted loopback server.</summary>
public sealed class HelloReplyReaderTests
{
    private static readonly byte[] RetryRandom = Convert.FromHexString("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    [Fact]
    public async Task ReadAsync_HelloRetryRequest_GivesTls13TheSuiteAndTheGroup()
    {
        var extensions = Concat(Extension(0x002B, [0x03, 0x04]), Extension(0x0033, [0x11, 0xEC]));
        var reply = await ReadAsync(Record(22, Handshake(2, ServerHello(RetryRandom, 0x1302, extensions))));

        Assert.Equal((HelloReplyKind.HelloRetryRequest, TlsVersion.Tls13, 0x1302, 0x11EC), (reply.Kind, reply.Version, reply.CipherSuite, reply.Group));
    }

    [Fact]
    public async Task ReadAsync_Alert_NamesIt()
    {
        var reply = await ReadAsync(Record(21, [2, 70]));

        Assert.Equal((HelloReplyKind.Alert, "alert protocol_version"), (reply.Kind, reply.Detail));
    }

    [Fact]
    public async Task ReadAsync_Tls12MessagesSplitOverRecords_FindsCurveAndClientCaNames()
    {
        byte[] caOne = [0x30, 0x03, 0x31, 0x01, 0x00];
        byte[] caTwo = [0x30, 0x00];
        var names = Concat(U16(caOne.Length), caOne, U16(caTwo.Length), caTwo);
        var certificateRequest = Concat([1, 1], U16(2), [0x04, 0x01], U16(names.Length), names);
        var messages = Concat(
            Handshake(2, ServerHello(new byte[32], 0xC02F, [])),
            Handshake(11, [0, 0, 0]),
            Handshake(12, [3, 0x00, 0x17, 65]),
            Handshake(13, certificateRequest),
            Handshake(14, []));
        var split = messages.Length / 2;

        var reply = await ReadAsync(Concat(Record(22, messages[..split]), Record(22, messages[split..])), readUntilDone: true);

        Assert.Equal((HelloReplyKind.ServerHello, TlsVersion.Tls12, 0xC02F, 0x0017), (reply.Kind, reply.Version, reply.CipherSuite, reply.Group));
        Assert.True(reply.CertificateRequested);
        Assert.Equal([caOne, caTwo], reply.CertificateAuthorities);
    }

    [Fact]
    public async Task ReadAsync_TruncatedServerHello_IsMalformed()
    {
        var error = await Assert.ThrowsAsync<ScanFailedException>(() => ReadAsync(Record(22, Handshake(2, [0x03, 0x03, 1, 2]))));

        Assert.Equal("the server's TLS reply is malformed: a field claims 32 bytes but only 2 remain", error.Message);
    }

    [Fact]
    public async Task ReadAsync_CloseWithoutReply_IsClosed()
    {
        var reply = await ReadAsync([]);

        Assert.Equal((HelloReplyKind.Closed, "connection closed"), (reply.Kind, reply.Detail));
    }

    private static async Task<HelloReply> ReadAsync(byte[] serverBytes, bool readUntilDone = false)
    {
        await using var server = ScriptedTcpServer.Start(async c =>
        {
            if (serverBytes.Length > 0)
            {
                await c.SendAsync(serverBytes);
            }

            c.Socket.Shutdown(SocketShutdown.Send);
        });
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await HelloReplyReader.ReadAsync(socket, readUntilDone, 64 * 1024, timeout.Token);
    }

    private static byte[] ServerHello(byte[] random, int suite, byte[] extensions) =>
        Concat([0x03, 0x03], random, [0], U16(suite), [0], extensions.Length == 0 ? [] : Concat(U16(extensions.Length), extensions));

    private static byte[] Extension(int type, byte[] data) => Concat(U16(type), U16(data.Length), data);

    private static byte[] Handshake(int type, byte[] body) => Concat([(byte)type, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length], body);

    private static byte[] Record(int type, byte[] payload) => Concat([(byte)type, 0x03, 0x03], U16(payload.Length), payload);

    private static byte[] U16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
