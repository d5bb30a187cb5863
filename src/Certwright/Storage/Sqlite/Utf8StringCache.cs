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
        var hash = new HashCode();
        hash.AddBytes(utf8);
        var key = hash.ToHashCode();
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
}
