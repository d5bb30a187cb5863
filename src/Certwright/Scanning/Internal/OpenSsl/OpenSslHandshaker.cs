using System.Buffers;
using System.Globalization;
using System.Net.Sockets;

namespace Certwright.Scanning.Internal.OpenSsl;

/// <summary>
/// Runs the OpenSSL client state machine over a socket .NET owns: on "needs input" it sends whatever
/// OpenSSL queued and feeds the next bytes received back in, until the handshake completes or fails.
/// </summary>
internal sealed class OpenSslHandshaker : ITlsHandshaker
{
    /// <summary>One TLS record plus its header: a receive never needs more.</summary>
    private const int BufferSize = 16 * 1024 + 512;

    /// <summary>How many of the first bytes received are kept to describe a non-TLS reply.</summary>
    private const int SampleSize = 64;

    private readonly Func<OpenSslClientContext> _context;

    public OpenSslHandshaker()
        : this(() => OpenSslClientContext.Shared)
    {
    }

    internal OpenSslHandshaker(Func<OpenSslClientContext> context)
    {
        _context = context;
    }

    public async Task<TlsSessionDetails> HandshakeAsync(Socket socket, string? serverName, int maxInputBytes, CancellationToken cancellationToken)
    {
        using var session = _context().CreateSession(serverName);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var received = 0;
            var sample = new byte[SampleSize];
            var sampleLength = 0;
            while (true)
            {
                var step = session.Step();
                await FlushAsync(session, socket, buffer, step == HandshakeStep.Failed, cancellationToken);
                if (step == HandshakeStep.Completed)
                {
                    break;
                }

                if (step == HandshakeStep.Failed)
                {
                    throw new ScanFailedException(ScanStatus.HandshakeFailed, DescribeFailure(session.FailureReason, sample.AsSpan(0, sampleLength)));
                }

                var n = await socket.ReceiveAsync(buffer.AsMemory(0, BufferSize), SocketFlags.None, cancellationToken);
                if (n == 0)
                {
                    throw new ScanFailedException(ScanStatus.HandshakeFailed, received == 0
                        ? "the server closed the connection without answering the TLS ClientHello"
                        : "the server closed the connection during the TLS handshake");
                }

                if (sampleLength < SampleSize)
                {
                    var take = Math.Min(n, SampleSize - sampleLength);
                    buffer.AsSpan(0, take).CopyTo(sample.AsSpan(sampleLength));
                    sampleLength += take;
                }

                received += n;
                if (received > maxInputBytes)
                {
                    throw new ScanFailedException(
                        ScanStatus.HandshakeFailed,
                        $"the server sent more than {maxInputBytes.ToString(CultureInfo.InvariantCulture)} bytes without completing the TLS handshake");
                }

                session.WriteInput(buffer.AsSpan(0, n));
            }

            var details = session.CaptureDetails();
            session.QueueCloseNotify();
            await FlushAsync(session, socket, buffer, bestEffort: true, cancellationToken);
            return details;
        }
        catch (SocketException e)
        {
            throw new ScanFailedException(ScanStatus.HandshakeFailed, $"the connection failed during the TLS handshake: {SocketErrors.Describe(e)}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Sends what OpenSSL queued (the ClientHello, the Finished, an alert, the close_notify).</summary>
    private static async ValueTask FlushAsync(OpenSslSession session, Socket socket, byte[] buffer, bool bestEffort, CancellationToken cancellationToken)
    {
        while (session.PendingOutput > 0)
        {
            var n = session.ReadOutput(buffer.AsSpan(0, BufferSize));
            if (n == 0)
            {
                return;
            }

            try
            {
                await socket.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, cancellationToken);
            }
            catch (SocketException) when (bestEffort)
            {
                // An alert or close_notify the server no longer reads: the outcome is already decided.
                return;
            }
        }
    }

    private static string DescribeFailure(string? reason, ReadOnlySpan<byte> firstBytes)
    {
        var message = $"TLS handshake failed: {reason ?? "no reason given"}";
        if (ReplyText.LooksLikeText(firstBytes))
        {
            message += $"; the server sent plain text '{ReplyText.Summarize(firstBytes)}' (not a TLS port, or it needs --starttls)";
        }
        else if (firstBytes.Length > 0 && firstBytes[0] is < 0x14 or > 0x18)
        {
            message += "; the server's reply is not TLS";
        }

        return message;
    }
}
