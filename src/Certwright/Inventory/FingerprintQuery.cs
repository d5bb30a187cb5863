namespace Certwright.Inventory;

/// <summary>
/// What a user typed to name a certificate (<c>show</c>, <c>revoke</c>): a SHA-256/SHA-1 fingerprint, a prefix of
/// one, or a serial number. Colons, spaces and case are ignored.
/// </summary>
internal sealed record FingerprintQuery(string Input, string Digits)
{
    public const int Sha256Digits = 64;
    public const int Sha1Digits = 40;

    /// <summary>The digits as a serial number: uppercase, whole bytes, no leading zero bytes (as the record stores it).</summary>
    public string Serial
    {
        get
        {
            var serial = Digits.ToUpperInvariant();
            serial = serial.Length % 2 == 1 ? "0" + serial : serial;
            while (serial.Length > 2 && serial.StartsWith("00", StringComparison.Ordinal))
            {
                serial = serial[2..];
            }

            return serial;
        }
    }

    public bool IsPrefix => Digits.Length >= InventoryEntry.MinimumFingerprintPrefix;

    public static FingerprintQuery Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var digits = new string([.. input.Where(c => c is not (':' or ' ' or '\t'))]).ToLowerInvariant();
        if (digits.Length == 0 || digits.AsSpan().IndexOfAnyExcept("0123456789abcdef") >= 0 || digits.Length > Sha256Digits)
        {
            throw new CertwrightException(
                ErrorKind.Usage,
                $"'{input}' is not a certificate fingerprint or serial number; give hex digits (colons allowed), e.g. the SHA-256 fingerprint from 'certwright list'");
        }

        return new FingerprintQuery(input, digits);
    }

    /// <summary>
    /// Fingerprints of <paramref name="byteLength"/> bytes that start with the digits lie in [Low, High):
    /// Low pads the digits with zeros, High is the digits plus one, padded; all-f digits get a High above every value.
    /// </summary>
    public (byte[] Low, byte[] High) Range(int byteLength)
    {
        var low = Convert.FromHexString(Digits.Length % 2 == 1 ? Digits + "0" : Digits);
        var next = Digits.ToCharArray();
        var i = next.Length - 1;
        for (; i >= 0 && next[i] == 'f'; i--)
        {
            next[i] = '0';
        }

        if (i < 0)
        {
            var above = new byte[byteLength + 1];
            Array.Fill(above, (byte)0xFF);
            return (low, above);
        }

        next[i] = next[i] == '9' ? 'a' : (char)(next[i] + 1);
        var high = new string(next);
        return (low, Convert.FromHexString(high.Length % 2 == 1 ? high + "0" : high));
    }
}
