namespace Certwright.Storage.Sqlite;

/// <summary>
/// Certificate ids order the certificates table by expiry: id = (not_after &lt;&lt; 24) + slot. The slot is the
/// first 24 bits of the SHA-256 fingerprint, so a certificate's id follows from the certificate (no sequence to
/// look up); while another certificate of the same expiry second holds a slot, the next one is tried (wrapping
/// inside the second). Expiry is clamped to [0, 2^38) seconds (1970 to year 10680) for the key only; the
/// not_after column keeps the true value and queries filter on it too.
/// </summary>
internal static class SqliteCertificateKeys
{
    public const int SequenceBits = 24;
    public const long PerSecond = 1L << SequenceBits;
    private const long MaxSecond = (1L << 38) - 1;

    /// <summary>The first id of the expiry second <paramref name="notAfterSeconds"/> falls in.</summary>
    public static long FirstOfSecond(long notAfterSeconds) => Math.Clamp(notAfterSeconds, 0, MaxSecond) << SequenceBits;

    /// <summary>The slot a certificate tries first: the first 24 bits of its SHA-256.</summary>
    public static int Slot(ReadOnlySpan<byte> sha256) => (sha256[0] << 16) | (sha256[1] << 8) | sha256[2];

    /// <summary>
    /// The id to try at step <paramref name="probe"/> (0 first) of the certificate's chain: the slot moved on by
    /// <paramref name="probe"/>, wrapping inside the expiry second.
    /// </summary>
    public static long Id(long notAfterSeconds, int slot, long probe) =>
        FirstOfSecond(notAfterSeconds) + ((slot + probe) & (PerSecond - 1));

    /// <summary>An id bound: every certificate with not_after &lt; <paramref name="beforeSeconds"/> has a smaller id.</summary>
    public static long Bound(long beforeSeconds) =>
        beforeSeconds > MaxSecond ? long.MaxValue : FirstOfSecond(Math.Max(beforeSeconds, 1));
}
