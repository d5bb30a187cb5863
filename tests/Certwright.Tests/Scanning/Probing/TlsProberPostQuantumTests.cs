using System.Net.Sockets;
using Certwright.Scanning;
using Certwright.Scanning.Probing;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Scanning.Probing;

/// <summary>
/// X25519MLKEM768 accepted, end to end over a loopback socket. No server here can speak ML-KEM (OpenSSL 3.0,
/// GnuTLS 3.7 and Go 1.19 predate it), so a scripted server reads each ClientHello the prober sends and answers as
/// a TLS 1.3 server that accepts only TLS_AES_128_GCM_SHA256 with X25519MLKEM768 would: a HelloRetryRequest naming
/// that group when the hello offers both, else a handshake_failure alert.
/// </summary>
public sealed class TlsProberPostQuantumTests
{
    private const int MlKemGroup = 0x11EC;
    private const int Aes128GcmSha256 = 0x1301;

    private static readonly byte[] RetryRandom = Convert.FromHexString("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    [Fact]
    public async Task ProbeAsync_ServerAcceptingOnlyX25519MlKem768_FindsTheHybridGroupAndNoOther()
    {
        await using var server = ScriptedTcpServer.Start(AnswerAsync);
        using var prober = new TlsProber(new TlsProberOptions { ConnectTimeout = TimeSpan.FromSeconds(5), ReadTimeout = TimeSpan.FromSeconds(5) });

        var result = await prober.ProbeAsync(new ScanTarget("127.0.0.1", server.Port));

        Assert.Equal(ScanStatus.Success, result.Status);
        var tls13 = Assert.Single(result.Protocols, p => p.Accepted);
        Assert.Equal(TlsVersion.Tls13, tls13.Version);
        Assert.Equal([Aes128GcmSha256], tls13.CipherSuites.Select(s => s.Code));
        Assert.True(tls13.GroupsTested, tls13.EnumerationError);
        var group = Assert.Single(tls13.Groups);
        Assert.Equal((MlKemGroup, "X25519MLKEM768", true), (group.Code, group.Name, group.PostQuantum));
    }

    private static async Task AnswerAsync(ScriptedConnection connection)
    {
        var header = await ReadExactlyAsync(connection, 5);
        var body = await ReadExactlyAsync(connection, (header[3] << 8) | header[4]);
        var hello = ParseClientHello(body);
        var accepts = hello.Versions.Contains(0x0304) && hello.Suites.Contains(Aes128GcmSha256) && hello.Groups.Contains(MlKemGroup);
        await connection.SendAsync(accepts ? HelloRetryRequest(hello.SessionId) : Record(21, [2, 40]));
    }

    /// <summary>Suites, supported_versions and supported_groups of a ClientHello handshake message.</summary>
    private static (byte[] SessionId, HashSet<int> Suites, HashSet<int> Versions, HashSet<int> Groups) ParseClientHello(byte[] message)
    {
        var at = 4 + 2 + 32; // handshake header, legacy_version, random
        var sessionId = message[(at + 1)..(at + 1 + message[at])];
        at += 1 + message[at];
        var suites = Codes(message.AsSpan(at + 2, U16(message, at)));
        at += 2 + U16(message, at);
        at += 1 + message[at];
        HashSet<int> versions = [];
        HashSet<int> groups = [];
        if (at + 2 > message.Length)
        {
            return (sessionId, suites, versions, groups); // SSLv3: no extensions
        }

        var end = at + 2 + U16(message, at);
        for (at += 2; at < end; at += 4 + U16(message, at + 2))
        {
            var data = message.AsSpan(at + 4, U16(message, at + 2));
            switch (U16(message, at))
            {
                case 0x002B:
                    versions = Codes(data[1..]);
                    break;
                case 0x000A:
                    groups = Codes(data[2..]);
                    break;
            }
        }

        return (sessionId, suites, versions, groups);
    }

    private static byte[] HelloRetryRequest(byte[] sessionId)
    {
        byte[] extensions = [0x00, 0x2B, 0x00, 0x02, 0x03, 0x04, 0x00, 0x33, 0x00, 0x02, MlKemGroup >> 8, MlKemGroup & 0xFF];
        byte[] body = [0x03, 0x03, .. RetryRandom, (byte)sessionId.Length, .. sessionId, Aes128GcmSha256 >> 8, Aes128GcmSha256 & 0xFF, 0, 0, (byte)extensions.Length, .. extensions];
        return Record(22, [2, 0, (byte)(body.Length >> 8), (byte)body.Length, .. body]);
    }

    private static byte[] Record(int type, byte[] payload) => [(byte)type, 0x03, 0x03, (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];

    private static HashSet<int> Codes(ReadOnlySpan<byte> list)
    {
        var codes = new HashSet<int>();
        for (var i = 0; i + 1 < list.Length; i += 2)
        {
            codes.Add((list[i] << 8) | list[i + 1]);
        }

        return codes;
    }

    private static int U16(byte[] bytes, int at) => (bytes[at] << 8) | bytes[at + 1];

    private static async Task<byte[]> ReadExactlyAsync(ScriptedConnection connection, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await connection.Socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, connection.Stopping);
            if (n == 0)
            {
                throw new IOException("the prober closed before its ClientHello was complete");
            }

            read += n;
        }

        return buffer;
    }
}
