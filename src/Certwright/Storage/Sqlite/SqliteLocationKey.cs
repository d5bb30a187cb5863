using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Certwright.Inventory;

namespace Certwright.Storage.Sqlite;

/// <summary>Maps a location key, encoded by <see cref="SqliteLocationKey"/>, to the first rowid its chain tries.</summary>
internal delegate long LocationHash(ReadOnlySpan<byte> encodedKey);

/// <summary>
/// A location's key (kind, address, server name, detail) as UTF-8, encoded once per observation into a reused
/// buffer: the bytes the location row stores and compares, and the hash its rowid comes from.
/// </summary>
/// <remarks>
/// The rowid is the hash, a 63-bit non-negative number; while another key holds it the next one is tried (see
/// <see cref="Next"/>). The hash and the encoding are part of the file format: changing either needs a migration.
/// </remarks>
internal sealed class SqliteLocationKey
{
    /// <summary>XXH3 (64-bit) of the encoded key, top bit cleared.</summary>
    public static readonly LocationHash DefaultHash = static key => (long)(XxHash3.HashToUInt64(key) >> 1);

    private byte[] _buffer = new byte[512];
    private int _length;
    private Range _address;
    private Range _serverName;
    private Range _detail;

    public SightingKind Kind { get; private set; }

    public ReadOnlySpan<byte> KindText => Kind switch
    {
        SightingKind.File => "file"u8,
        SightingKind.Endpoint => "endpoint"u8,
        _ => "authority"u8,
    };

    public ReadOnlySpan<byte> Address => _buffer.AsSpan(_address);

    public ReadOnlySpan<byte> ServerName => _buffer.AsSpan(_serverName);

    public ReadOnlySpan<byte> Detail => _buffer.AsSpan(_detail);

    /// <summary>The hashed form: the kind, then each text with its UTF-8 length in front (so no two keys encode alike).</summary>
    public ReadOnlySpan<byte> Encoded => _buffer.AsSpan(0, _length);

    /// <summary>The id after <paramref name="id"/> in a probe chain.</summary>
    public static long Next(long id) => (id + 1) & long.MaxValue;

    public void Set(SightingLocation location)
    {
        Kind = location.Kind is SightingKind.File or SightingKind.Endpoint or SightingKind.Authority
            ? location.Kind
            : throw new ArgumentOutOfRangeException(nameof(location), location.Kind, "unknown sighting kind");
        var address = location.Address;
        var serverName = location.ServerName ?? "";
        var detail = location.Detail ?? "";
        var most = 1 + 12 + Encoding.UTF8.GetMaxByteCount(address.Length + serverName.Length + detail.Length);
        if (_buffer.Length < most)
        {
            _buffer = new byte[Math.Max(most, _buffer.Length * 2)];
        }

        _buffer[0] = (byte)Kind;
        _length = 1;
        _address = Append(address);
        _serverName = Append(serverName);
        _detail = Append(detail);
    }

    /// <summary>Takes the key <paramref name="encoded"/> (an <see cref="Encoded"/> copied earlier) back in.</summary>
    public void Load(ReadOnlySpan<byte> encoded)
    {
        if (_buffer.Length < encoded.Length)
        {
            _buffer = new byte[Math.Max(encoded.Length, _buffer.Length * 2)];
        }

        encoded.CopyTo(_buffer);
        Kind = (SightingKind)_buffer[0];
        _length = 1;
        _address = Next();
        _serverName = Next();
        _detail = Next();
        if (_length != encoded.Length)
        {
            throw new ArgumentException("not an encoded location key", nameof(encoded));
        }

        Range Next()
        {
            var start = _length + 4;
            _length = start + BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(_length));
            return start.._length;
        }
    }

    /// <summary>
    /// Walks this key's probe chain with <paramref name="selectAt"/> (<see cref="SqliteSql.SelectLocationAt"/>): returns
    /// the id of the row holding the key, with its namespace, or the first free id of the chain, with null.
    /// </summary>
    public (long Id, string? Namespace) Find(SqliteRawStatement selectAt, LocationHash hash)
    {
        for (var id = hash(Encoded); ; id = Next(id))
        {
            var (state, storedNamespace) = Probe(selectAt, id);
            if (state != LocationSlot.Other)
            {
                return (id, storedNamespace);
            }
        }
    }

    /// <summary>What the row at <paramref name="id"/> holds: nothing, this key (with its namespace), or another key.</summary>
    public (LocationSlot State, string? Namespace) Probe(SqliteRawStatement selectAt, long id)
    {
        selectAt.Bind(1, id);
        try
        {
            return !selectAt.Step() ? (LocationSlot.Free, null)
                : Matches(selectAt, 0) ? (LocationSlot.This, selectAt.Text(4))
                : (LocationSlot.Other, null);
        }
        finally
        {
            selectAt.Reset();
        }
    }

    /// <summary>Whether a row read with columns kind, address, server_name, detail from <paramref name="first"/> holds this key.</summary>
    public bool Matches(SqliteRawStatement row, int first) =>
        row.Blob(first).SequenceEqual(KindText)
        && row.Blob(first + 1).SequenceEqual(Address)
        && row.Blob(first + 2).SequenceEqual(ServerName)
        && row.Blob(first + 3).SequenceEqual(Detail);

    private Range Append(string text)
    {
        var start = _length + 4;
        var written = Encoding.UTF8.GetBytes(text, _buffer.AsSpan(start));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), written);
        _length = start + written;
        return start.._length;
    }
}

/// <summary>What a location row id holds, for the key being looked up.</summary>
internal enum LocationSlot
{
    Free,
    This,
    Other,
}
