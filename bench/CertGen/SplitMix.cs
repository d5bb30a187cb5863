namespace Certwright.Bench.CertGen;

/// <summary>
/// SplitMix64, seeded per certificate index: every certificate's random choices depend only on
/// (seed, index), never on which thread made it, so a run can be reproduced with <c>--seed</c>.
/// </summary>
internal struct SplitMix
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    public SplitMix(ulong seed, long index)
    {
        _state = seed ^ ((ulong)index * Golden);
        Next();
    }

    public ulong Next()
    {
        var z = _state += Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public int NextInt(int maxExclusive) => (int)(Next() % (ulong)maxExclusive);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    public long NextLong(long minInclusive, long maxExclusive) =>
        minInclusive + (long)(Next() % (ulong)(maxExclusive - minInclusive));
}
