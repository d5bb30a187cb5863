namespace Certwright.Scanning.Probing.Internal;

/// <summary>The generated suite table (see eng/generate-cipher-suites.py), sorted by code.</summary>
internal static partial class CipherSuiteTable
{
    public static readonly CipherSuite[] All = [.. new[] { Tls13AndLow(), Middle(), Ecc(), High() }.SelectMany(s => s).OrderBy(s => s.Code)];

    private static CipherSuite S(int code, string iana, string? openSsl, string kx, string au, string enc, int bits, string mac, TlsVersion minimum, bool export = false) => new()
    {
        Code = code,
        IanaName = iana,
        OpenSslName = openSsl,
        KeyExchange = kx,
        Authentication = au,
        Encryption = enc,
        Bits = bits,
        Mac = mac,
        MinimumVersion = minimum,
        IsExport = export,
    };
}
