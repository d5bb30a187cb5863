using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Certwright.Scanning.Internal.StartTls;

/// <summary>
/// The plain-text side of a STARTTLS exchange: sends commands and reads bounded replies from the socket. It
/// buffers what it reads, so after the exchange the caller checks nothing is left over before TLS starts.
/// </summary>
internal sealed class StartTlsChannel
{
    /// <summary>All plain-text bytes one exchange may read, whatever the line limit.</summary>
    private const int MaxTotalBytes = 64 * 1024;

    private readonly Socket _socket;
    private readonly int _maxLineBytes;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;
    private int _totalRead;

    public StartTlsChannel(Socket socket, string protocolName, int maxLineBytes)
    {
        _socket = socket;
        ProtocolName = protocolName;
        _maxLineBytes = maxLineBytes;
        _buffer = new byte[Math.Max(maxLineBytes, 1024) + 2];
    }

    public string ProtocolName { get; }

    /// <summary>Bytes received but not yet consumed.</summary>
    public int Buffered => _end - _start;

    public ValueTask SendLineAsync(string line, CancellationToken cancellationToken)
        => SendAsync(Encoding.ASCII.GetBytes(line + "\r\n"), cancellationToken);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendAsync(data, SocketFlags.None, cancellationToken);
        }
        catch (SocketException e)
        {
            throw Fail($"the connection failed while sending: {SocketErrors.Describe(e)}", e);
        }
    }

    /// <summary>Reads one line (CRLF or LF ended) and returns it without the line end.</summary>
    public async ValueTask<string> ReadLineAsync(string waitingFor, CancellationToken cancellationToken)
    {
        var scanned = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = scanned + newline;
                var line = _buffer.AsSpan(_start, length);
                if (line.Length > 0 && line[^1] == '\r')
                {
                    line = line[..^1];
                }

                var text = Encoding.Latin1.GetString(line);
                _start += length + 1;
                return text;
            }

            scanned = _end - _start;
            if (scanned >= _maxLineBytes)
            {
                throw Fail($"a reply line while waiting for {waitingFor} is longer than {_maxLineBytes.ToString(CultureInfo.InvariantCulture)} bytes");
            }

            await FillAsync(waitingFor, cancellationToken);
        }
    }

    /// <summary>Reads exactly <paramref name="destination"/>.Length bytes.</summary>
    public async ValueTask ReadExactAsync(Memory<byte> destination, string waitingFor, CancellationToken cancellationToken)
    {
        var copied = 0;
        while (copied < destination.Length)
        {
            if (Buffered == 0)
            {
                await FillAsync(waitingFor, cancellationToken);
            }

            var take = Math.Min(Buffered, destination.Length - copied);
            _buffer.AsMemory(_start, take).CopyTo(destination[copied..]);
            _start += take;
            copied += take;
        }
    }

    public ScanFailedException Fail(string why, Exception? inner = null)
        => new(ScanStatus.StartTlsFailed, $"{ProtocolName} STARTTLS failed: {why}", inner);

    public ScanFailedException UnexpectedReply(string expected, string reply)
        => Fail($"expected {expected}, the server replied '{ReplyText.Summarize(reply)}'");

    private async ValueTask FillAsync(string waitingFor, CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_totalRead >= MaxTotalBytes)
        {
            throw Fail($"the server sent more than {MaxTotalBytes.ToString(CultureInfo.InvariantCulture)} bytes while we waited for {waitingFor}");
        }

        int n;
        try
        {
            n = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        }
        catch (SocketException e)
        {
            throw Fail($"the connection failed while waiting for {waitingFor}: {SocketErrors.Describe(e)}", e);
        }

        if (n == 0)
        {
            var partial = ReplyText.Summarize(_buffer.AsSpan(_start, _end - _start));
            throw Fail(partial.Length > 0
                ? $"the server closed the connection while we waited for {waitingFor} (it sent '{partial}')"
                : $"the server closed the connection while we waited for {waitingFor}");
        }

        _end += n;
        _totalRead += n;
    }
}
