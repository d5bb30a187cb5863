using System.Buffers.Binary;

namespace Certwright.Scanning.Probing.Internal;

/// <summary>Big-endian reads over untrusted bytes; every read is bounds-checked.</summary>
internal ref struct WireReader
{
    private ReadOnlySpan<byte> _data;

    public WireReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    public readonly bool HasData => !_data.IsEmpty;

    public int U8() => Take(1)[0];

    public int U16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public int U24()
    {
        var bytes = Take(3);
        return bytes[0] << 16 | bytes[1] << 8 | bytes[2];
    }

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length)
        {
            throw new MalformedReplyException($"a field claims {count} bytes but only {_data.Length} remain");
        }

        var taken = _data[..count];
        _data = _data[count..];
        return taken;
    }

    public ReadOnlySpan<byte> Vector8() => Take(U8());

    public ReadOnlySpan<byte> Vector16() => Take(U16());
}

/// <summary>A reply that is TLS-shaped but does not parse.</summary>
internal sealed class MalformedReplyException : Exception
{
    public MalformedReplyException()
    {
    }

    public MalformedReplyException(string message)
        : base(message)
    {
    }

    public MalformedReplyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
