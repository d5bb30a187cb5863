using System.Buffers;
using System.Buffers.Text;

namespace Certwright.Bench.CertGen;

/// <summary>Appends PEM CERTIFICATE blocks (64-column base64, as openssl writes them) to a reusable buffer.</summary>
internal sealed class PemBuffer
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public void Clear() => _buffer.ResetWrittenCount();

    public void AppendCertificate(ReadOnlySpan<byte> der)
    {
        _buffer.Write("-----BEGIN CERTIFICATE-----\n"u8);
        for (var offset = 0; offset < der.Length; offset += 48)
        {
            var chunk = der.Slice(offset, Math.Min(48, der.Length - offset));
            var destination = _buffer.GetSpan(66);
            Base64.EncodeToUtf8(chunk, destination, out _, out var written);
            destination[written] = (byte)'\n';
            _buffer.Advance(written + 1);
        }

        _buffer.Write("-----END CERTIFICATE-----\n"u8);
    }
}
