namespace Certwright.Scanning.Internal.StartTls;

/// <summary>POP3: <c>+OK</c> greeting, <c>STLS</c> answered with <c>+OK</c> (RFC 2595).</summary>
internal static class Pop3StartTls
{
    public static async Task NegotiateAsync(StartTlsChannel channel, CancellationToken cancellationToken)
    {
        var greeting = await channel.ReadLineAsync("the greeting", cancellationToken);
        if (!greeting.StartsWith("+OK", StringComparison.OrdinalIgnoreCase))
        {
            throw channel.UnexpectedReply("a '+OK' greeting", greeting);
        }

        await channel.SendLineAsync("STLS", cancellationToken);
        var reply = await channel.ReadLineAsync("the STLS reply", cancellationToken);
        if (!reply.StartsWith("+OK", StringComparison.OrdinalIgnoreCase))
        {
            throw channel.UnexpectedReply("'+OK' to STLS", reply);
        }
    }
}
