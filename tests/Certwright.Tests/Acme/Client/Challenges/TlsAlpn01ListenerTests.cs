using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Certwright.Acme.Client.Challenges;
using Certwright.Acme.Protocol;
using Certwright.Tests.TestSupport;

namespace Certwright.Tests.Acme.Client.Challenges;

public sealed class TlsAlpn01ListenerTests
{
    [Fact]
    public async Task Handshake_AcmeTlsAlpnAndSni_ValidationCertificateOfThatDomain()
    {
        var port = FreePort.Next();
        await using var listener = new TlsAlpn01Listener(new IPEndPoint(IPAddress.Loopback, port), TimeProvider.System);
        await listener.PublishAsync("a.example.test", "token-a", "token-a.thumb", default);
        await listener.PublishAsync("b.example.test", "token-b", "token-b.thumb", default);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);

        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "b.example.test",
            ApplicationProtocols = [new SslApplicationProtocol(TlsAlpnChallenge.AlpnProtocol)],
        });

        Assert.Equal(TlsAlpnChallenge.AlpnProtocol, tls.NegotiatedApplicationProtocol.ToString());
        using var presented = new X509Certificate2(tls.RemoteCertificate!);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes("token-b.thumb")), TlsAlpnChallenge.ReadAcmeIdentifier(presented));
    }
}
