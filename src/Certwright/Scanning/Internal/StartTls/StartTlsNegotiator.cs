using System.Globalization;
using System.Net.Sockets;

namespace Certwright.Scanning.Internal.StartTls;

/// <summary>Runs the plain-text exchange that switches a connection to TLS.</summary>
internal static class StartTlsNegotiator
{
    /// <exception cref="ScanFailedException">StartTlsFailed, with the server's reply summarised.</exception>
    public static async Task NegotiateAsync(StartTlsProtocol protocol, Socket socket, int maxLineBytes, CancellationToken cancellationToken)
    {
        var channel = new StartTlsChannel(socket, protocol.Name().ToUpperInvariant(), maxLineBytes);
        await (protocol switch
        {
            StartTlsProtocol.Smtp => SmtpStartTls.NegotiateAsync(channel, cancellationToken),
            StartTlsProtocol.Imap => ImapStartTls.NegotiateAsync(channel, cancellationToken),
            StartTlsProtocol.Pop3 => Pop3StartTls.NegotiateAsync(channel, cancellationToken),
            StartTlsProtocol.Ftp => FtpStartTls.NegotiateAsync(channel, cancellationToken),
            StartTlsProtocol.Ldap => LdapStartTls.NegotiateAsync(channel, cancellationToken),
            StartTlsProtocol.Postgres => PostgresStartTls.NegotiateAsync(channel, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "no STARTTLS exchange for this protocol"),
        });

        // The server must wait for our ClientHello; bytes sent before it would be taken as TLS (or injected).
        if (channel.Buffered > 0)
        {
            throw channel.Fail($"the server sent {channel.Buffered.ToString(CultureInfo.InvariantCulture)} unexpected bytes after agreeing to start TLS");
        }
    }
}
