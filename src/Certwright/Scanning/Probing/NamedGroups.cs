namespace Certwright.Scanning.Probing;

/// <summary>The key-exchange groups the prober tests and offers.</summary>
public static class NamedGroups
{
    public static readonly NamedGroup X25519 = new(0x001D, "x25519", 253);
    public static readonly NamedGroup X25519MlKem768 = new(0x11EC, "X25519MLKEM768", 253, PostQuantum: true);

    /// <summary>Groups tested one by one, most common first.</summary>
    public static IReadOnlyList<NamedGroup> All { get; } =
    [
        X25519,
        new(0x0017, "secp256r1", 256),
        new(0x0018, "secp384r1", 384),
        new(0x0019, "secp521r1", 521),
        new(0x001E, "x448", 448),
        new(0x0100, "ffdhe2048", 2048),
        new(0x0101, "ffdhe3072", 3072),
        new(0x0102, "ffdhe4096", 4096),
        new(0x0103, "ffdhe6144", 6144),
        new(0x0104, "ffdhe8192", 8192),
        X25519MlKem768,
        new(0x11EB, "SecP256r1MLKEM768", 256, PostQuantum: true),
        new(0x11ED, "SecP384r1MLKEM1024", 384, PostQuantum: true),
        new(0x001F, "brainpoolP256r1tls13", 256),
        new(0x0020, "brainpoolP384r1tls13", 384),
        new(0x0021, "brainpoolP512r1tls13", 512),
        new(0x0016, "secp256k1", 256, Tls13: false),
        new(0x001A, "brainpoolP256r1", 256, Tls13: false),
        new(0x001B, "brainpoolP384r1", 384, Tls13: false),
        new(0x001C, "brainpoolP512r1", 512, Tls13: false),
        new(0x0015, "secp224r1", 224, Tls13: false),
        new(0x0013, "secp192r1", 192, Tls13: false),
    ];

    /// <summary>The group with this code, or a placeholder named <c>0xXXXX</c>.</summary>
    public static NamedGroup Get(int code) => All.FirstOrDefault(g => g.Code == code) ?? new NamedGroup(code, $"0x{code:X4}", 0, Tls13: false);
}
