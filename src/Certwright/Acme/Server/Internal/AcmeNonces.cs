using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Certwright.Acme.Server.Internal;

/// <summary>
/// Replay nonces (RFC 8555 §6.5): random, single use, at most <c>capacity</c> outstanding (the oldest is forgotten first;
/// a client holding it gets badNonce and retries with the fresh nonce that answer carries). In memory: after a restart
/// every old nonce is bad, which clients handle the same way.
/// </summary>
internal sealed class AcmeNonces(int capacity)
{
    private readonly ConcurrentDictionary<string, byte> _outstanding = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public string Next()
    {
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        _outstanding[nonce] = 0;
        _order.Enqueue(nonce);
        while (_order.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _outstanding.TryRemove(oldest, out _);
        }

        return nonce;
    }

    /// <summary>True once for a nonce this server gave out and nobody used yet.</summary>
    public bool TryConsume(string? nonce) => nonce is not null && _outstanding.TryRemove(nonce, out _);

    public int Count => _outstanding.Count;
}
