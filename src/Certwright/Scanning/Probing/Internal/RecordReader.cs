using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Certwright.Scanning.Internal;

namespace Certwright.Scanning.Probing.Internal;

/// <summary>Reads TLS records from a socket, bounded in size per record and in total.</summary>
internal sealed class RecordReader
{
    /// <summary>The largest TLSCiphertext (2^14 + 2048, RFC 5246 6.2.3).</summary>
    private const int MaxRecordLength = 16384 + 2048;

    private readonly Socket _socket;
    private readonly int _maxBytes;
    private readonly byte[] _header = new byte[5];
    private int _total;

    public RecordReader(Socket socket, int maxBytes)
    {
        _socket = socket;
        _maxBytes = maxBytes;
    }

    /// <summary>The next record, or null at a clean end of stream before any byte of it.</summary>
    /// <exception cref="ScanFailedException">Not TLS, over the limits, or the stream ended mid-record.</exception>
    /// <exception cref="SocketException">The connection was reset.</exception>
    public async Task<(int Type, byte[] Payload)?> ReadAsync(CancellationToken cancellationToken)
    {
        var got = await FillAsync(_header, cancellationToken);
        if (got == 0)
        {
            return null;
        }

        if (got < _header.Length || !LooksLikeTls(_header))
        {
            throw new ScanFailedException(ScanStatus.HandshakeFailed, $"the server did not answer with TLS (it sent {Describe(_header.AsSpan(0, got))})");
        }

        var length = _header[3] << 8 | _header[4];
        if (length > MaxRecordLength)
        {
            throw new ScanFailedException(ScanStatus.HandshakeFailed, $"the server sent a TLS record of {length.ToString(CultureInfo.InvariantCulture)} bytes, over the protocol's limit of {MaxRecordLength.ToString(CultureInfo.InvariantCulture)}");
        }

        if (_total + length > _maxBytes)
        {
            throw new ScanFailedException(ScanStatus.HandshakeFailed, $"the server's reply exceeds {_maxBytes.ToString(CultureInfo.InvariantCulture)} bytes");
        }

        var payload = new byte[length];
        if (await FillAsync(payload, cancellationToken) < length)
        {
            throw new ScanFailedException(ScanStatus.HandshakeFailed, "the server closed the connection in the middle of a TLS record");
        }

        return (_header[0], payload);
    }

    private static bool LooksLikeTls(ReadOnlySpan<byte> header) => header[0] is >= 20 and <= 24 && header[1] == 3 && header[2] <= 4;

    private async Task<int> FillAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await _socket.ReceiveAsync(buffer[filled..], SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
            _total += read;
        }

        return filled;
    }

    /// <summary>Hex of the first bytes and, when they are text, the text: an HTTP or SMTP greeting is recognisable.</summary>
    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        var hex = Convert.ToHexString(bytes).ToLowerInvariant();
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return $"{bytes.Length.ToString(CultureInfo.InvariantCulture)} byte(s) {hex} \"{text}\"";
    }
}
