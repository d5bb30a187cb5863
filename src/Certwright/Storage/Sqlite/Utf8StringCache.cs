namespace Certwright.Storage.Sqlite;

/// <summary>
/// Reuses one string per distinct UTF-8 value for low-cardinality columns (issuer, key, signature algorithm),
/// so listing many certificates does not allocate the same issuer name for every row.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int MaxEntries = 256;
    private readonly Dictionary<int, (byte[] Utf8, string Value)> _entries = [];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        var key = SampleHash(utf8);
        if (_entries.TryGetValue(key, out var entry) && utf8.SequenceEqual(entry.Utf8))
        {
            return entry.Value;
        }

        var value = System.Text.Encoding.UTF8.GetString(utf8);
        if (_entries.Count < MaxEntries)
        {
            _entries[key] = (utf8.ToArray(), value);
        }

        return value;
    }

    // Hashing whole names showed up in list profiles: sample 8 bytes at the start, middle and end (where DNs
    // differ) plus the length. A collision only costs a fresh string: SequenceEqual decides.
    private static int SampleHash(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < 8)
        {
            var small = new HashCode();
            small.AddBytes(utf8);
            return small.ToHashCode();
        }

        return HashCode.Combine(
            utf8.Length,
            BitConverter.ToInt64(utf8[..8]),
            BitConverter.ToInt64(utf8.Slice((utf8.Length - 8) / 2, 8)),
            BitConverter.ToInt64(utf8[^8..]));
    }
}
