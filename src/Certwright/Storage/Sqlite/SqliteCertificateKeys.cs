namespace Certwright.Storage.Sqlite;

/// <summary>
/// Certificate ids order the certificates table by expiry: id = (not_after &lt;&lt; 24) + n, where n counts the
/// certificates that expire in the same second. Expiry is clamped to [0, 2^38) seconds (1970 to year 10680) for
/// the key only; the not_after column keeps the true value and queries filter on it too.
/// </summary>
internal static class SqliteCertificateKeys
{
    public const int SequenceBits = 24;
    public const long PerSecond = 1L << SequenceBits;
    private const long MaxSecond = (1L << 38) - 1;

    /// <summary>The first id of the expiry second <paramref name="notAfterSeconds"/> falls in.</summary>
    public static long FirstOfSecond(long notAfterSeconds) => Math.Clamp(notAfterSeconds, 0, MaxSecond) << SequenceBits;

    /// <summary>An id bound: every certificate with not_after &lt; <paramref name="beforeSeconds"/> has a smaller id.</summary>
    public static long Bound(long beforeSeconds) =>
        beforeSeconds > MaxSecond ? long.MaxValue : FirstOfSecond(Math.Max(beforeSeconds, 1));
}
