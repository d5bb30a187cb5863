using System.Collections.Concurrent;

namespace Certwright.Validation.Internal;

/// <summary>
/// A thread-safe cache with a hard size bound. When full it starts over: scans revisit the same few
/// hundred chains, so a simple reset keeps memory bounded without the bookkeeping of an LRU.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();
    private readonly int _capacity;

    public BoundedCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count => _entries.Count;

    public bool TryGet(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    public void Set(TKey key, TValue value)
    {
        if (_entries.Count >= _capacity)
        {
            _entries.Clear();
        }

        _entries[key] = value;
    }
}
