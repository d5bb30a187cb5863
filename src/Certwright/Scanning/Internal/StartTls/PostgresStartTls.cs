namespace Certwright.Scanning.Internal.StartTls;

/// <summary>PostgreSQL: the 8-byte SSLRequest (length 8, code 80877103) answered with 'S'.</summary>
internal static class PostgresStartTls
{
    private static readonly byte[] SslRequest = [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F];

    public static async Task NegotiateAsync(StartTlsChannel channel, CancellationToken cancellationToken)
    {
        await channel.SendAsync(SslRequest, cancellationToken);
        var reply = new byte[1];
        await channel.ReadExactAsync(reply, "the SSLRequest reply", cancellationToken);
        switch (reply[0])
        {
            case (byte)'S':
                return;
            case (byte)'N':
                throw channel.Fail("the server does not accept SSL connections (it answered 'N'; set ssl = on)");
            default:
                var rest = new byte[Math.Min(channel.Buffered, 200)];
                await channel.ReadExactAsync(rest, "the error", cancellationToken);
                throw channel.Fail($"expected 'S' to the SSLRequest, the server replied '{ReplyText.Summarize([reply[0], .. rest])}'");
        }
    }
}
