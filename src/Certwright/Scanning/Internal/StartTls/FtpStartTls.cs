namespace Certwright.Scanning.Internal.StartTls;

/// <summary>FTP: 220 greeting, <c>AUTH TLS</c> answered with 234 (RFC 4217).</summary>
internal static class FtpStartTls
{
    public static async Task NegotiateAsync(StartTlsChannel channel, CancellationToken cancellationToken)
    {
        var (code, lines) = await LineReplies.ReadAsync(channel, "the greeting", cancellationToken);
        if (code != 220)
        {
            throw channel.UnexpectedReply("a 220 greeting", string.Join(" / ", lines));
        }

        await channel.SendLineAsync("AUTH TLS", cancellationToken);
        (code, lines) = await LineReplies.ReadAsync(channel, "the AUTH TLS reply", cancellationToken);
        if (code != 234)
        {
            throw channel.UnexpectedReply("234 to AUTH TLS", string.Join(" / ", lines));
        }
    }
}
