using Certwright.Keys;

namespace Certwright.Tests.Authority.Ocsp;

/// <summary>Wraps a key and counts its signatures, to prove the hot path does not sign.</summary>
internal sealed class CountingSigningKey(ISigningKey inner) : ISigningKey
{
    private int _signatures;

    public int Signatures => Volatile.Read(ref _signatures);

    public string Id => inner.Id;

    public KeyType Type => inner.Type;

    public byte[] SubjectPublicKeyInfo => inner.SubjectPublicKeyInfo;

    public byte[] SignatureAlgorithmIdentifier => inner.SignatureAlgorithmIdentifier;

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        Interlocked.Increment(ref _signatures);
        return inner.Sign(data);
    }

    public void Dispose() => inner.Dispose();
}
