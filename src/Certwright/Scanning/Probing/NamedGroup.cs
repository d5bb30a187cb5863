namespace Certwright.Scanning.Probing;

/// <summary>A key-exchange group (TLS supported_groups code point).</summary>
/// <param name="Code">The two-byte code, e.g. 0x001D.</param>
/// <param name="Name">The IANA name, e.g. <c>x25519</c>, <c>X25519MLKEM768</c>.</param>
/// <param name="Bits">The classical security strength's usual size (curve or modulus bits).</param>
/// <param name="PostQuantum">A hybrid or pure post-quantum key exchange.</param>
/// <param name="Tls13">Usable in TLS 1.3 (so testable through HelloRetryRequest).</param>
public sealed record NamedGroup(int Code, string Name, int Bits, bool PostQuantum = false, bool Tls13 = true)
{
    public override string ToString() => Name;
}
