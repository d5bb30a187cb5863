using System.Collections.Frozen;
using Certwright.Scanning.Probing.Internal;

namespace Certwright.Scanning.Probing;

/// <summary>The IANA TLS cipher suite registry (with legacy and OpenSSL-only codes) the prober offers.</summary>
public static class CipherSuites
{
    private static readonly FrozenDictionary<int, CipherSuite> ByCode = CipherSuiteTable.All.ToFrozenDictionary(s => s.Code);

    /// <summary>Every known suite, by code.</summary>
    public static IReadOnlyList<CipherSuite> All => CipherSuiteTable.All;

    /// <summary>The suite with this code, or a placeholder named <c>UNKNOWN_0xXXXX</c> for codes outside the table.</summary>
    public static CipherSuite Get(int code) => ByCode.TryGetValue(code, out var suite) ? suite : new CipherSuite
    {
        Code = code,
        IanaName = $"UNKNOWN_0x{code:X4}",
        KeyExchange = "?",
        Authentication = "?",
        Encryption = "?",
        Bits = 0,
        Mac = "?",
        MinimumVersion = TlsVersion.Ssl30,
    };

    public static bool TryGet(int code, out CipherSuite suite) => ByCode.TryGetValue(code, out suite!);
}
