namespace Certwright.Bench.CertGen;

/// <summary>Everything that makes one generated leaf distinct from the others.</summary>
internal sealed record LeafSpec(
    byte[] Serial,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Organization,
    string CommonName,
    string[] DnsNames,
    int KeyIndex,
    int IssuerIndex,
    bool ClientAuth);
