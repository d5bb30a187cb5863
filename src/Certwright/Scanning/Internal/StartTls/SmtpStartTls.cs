namespace Certwright.Scanning.Internal.StartTls;

/// <summary>SMTP: 220 greeting, EHLO, STARTTLS must be advertised, STARTTLS answered with 220 (RFC 3207).</summary>
internal static class SmtpStartTls
{
    public static async Task NegotiateAsync(StartTlsChannel channel, CancellationToken cancellationToken)
    {
        var (code, lines) = await LineReplies.ReadAsync(channel, "the greeting", cancellationToken);
        if (code != 220)
        {
            throw channel.UnexpectedReply("a 220 greeting", string.Join(" / ", lines));
        }

        await channel.SendLineAsync("EHLO certwright.scan", cancellationToken);
        (code, lines) = await LineReplies.ReadAsync(channel, "the EHLO reply", cancellationToken);
        if (code != 250)
        {
            throw channel.UnexpectedReply("250 to EHLO", string.Join(" / ", lines));
        }

        if (!lines.Any(l => l.Length >= 12 && l.AsSpan(4).Trim().Equals("STARTTLS", StringComparison.OrdinalIgnoreCase)))
        {
            throw channel.Fail($"the server does not advertise STARTTLS (EHLO reply: '{ReplyText.Summarize(string.Join(" / ", lines))}')");
        }

        await channel.SendLineAsync("STARTTLS", cancellationToken);
        (code, lines) = await LineReplies.ReadAsync(channel, "the STARTTLS reply", cancellationToken);
        if (code != 220)
        {
            throw channel.UnexpectedReply("220 to STARTTLS", string.Join(" / ", lines));
        }
    }
}
