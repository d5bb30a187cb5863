namespace Certwright.Scanning.Internal.StartTls;

/// <summary>IMAP: <c>* OK</c> greeting, <c>a1 STARTTLS</c> answered with <c>a1 OK</c> (RFC 3501).</summary>
internal static class ImapStartTls
{
    private const string Tag = "a1";

    public static async Task NegotiateAsync(StartTlsChannel channel, CancellationToken cancellationToken)
    {
        var greeting = await channel.ReadLineAsync("the greeting", cancellationToken);
        if (!greeting.StartsWith("* OK", StringComparison.OrdinalIgnoreCase))
        {
            throw channel.UnexpectedReply("a '* OK' greeting", greeting);
        }

        await channel.SendLineAsync($"{Tag} STARTTLS", cancellationToken);
        while (true)
        {
            // Untagged lines (e.g. a CAPABILITY update) may come before the tagged status.
            var line = await channel.ReadLineAsync("the STARTTLS reply", cancellationToken);
            if (line.StartsWith("* ", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith($"{Tag} OK", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            throw channel.UnexpectedReply($"'{Tag} OK' to STARTTLS", line);
        }
    }
}
