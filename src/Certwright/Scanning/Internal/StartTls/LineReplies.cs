namespace Certwright.Scanning.Internal.StartTls;

/// <summary>Reads the numbered multi-line replies of SMTP (RFC 5321) and FTP (RFC 959).</summary>
internal static class LineReplies
{
    /// <summary>Returns the 3-digit code and every line of one reply ("250-a", "250 b" is one reply).</summary>
    public static async ValueTask<(int Code, List<string> Lines)> ReadAsync(StartTlsChannel channel, string waitingFor, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await channel.ReadLineAsync(waitingFor, cancellationToken);
            lines.Add(line);
            if (line.Length < 3 || !char.IsAsciiDigit(line[0]) || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2]))
            {
                // FTP allows free text inside a multi-line reply; anything else is not this protocol.
                if (lines.Count > 1)
                {
                    continue;
                }

                throw channel.UnexpectedReply($"a numbered reply to {waitingFor}", line);
            }

            var code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
            if (line.Length == 3 || line[3] == ' ')
            {
                return (code, lines);
            }
        }
    }
}
