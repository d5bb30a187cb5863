namespace Certwright.Keys;

/// <summary>The CLI names of <see cref="KeyType"/> (<c>rsa-2048</c>, <c>ec-p256</c>, <c>ml-dsa-65</c>...), parsed and formatted.</summary>
public static class KeyTypes
{
    private static readonly (KeyType Type, string Name)[] Names =
    [
        (KeyType.Rsa2048, "rsa-2048"),
        (KeyType.Rsa3072, "rsa-3072"),
        (KeyType.Rsa4096, "rsa-4096"),
        (KeyType.EcP256, "ec-p256"),
        (KeyType.EcP384, "ec-p384"),
        (KeyType.Ed25519, "ed25519"),
        (KeyType.MlDsa44, "ml-dsa-44"),
        (KeyType.MlDsa65, "ml-dsa-65"),
        (KeyType.MlDsa87, "ml-dsa-87"),
    ];

    /// <summary>Every key type, in the order the CLI lists them.</summary>
    public static IReadOnlyList<KeyType> All { get; } = [.. Names.Select(n => n.Type)];

    /// <summary>The CLI names joined for help and error messages.</summary>
    public static string NameList { get; } = string.Join(", ", Names.Select(n => n.Name));

    public static string Format(KeyType type)
    {
        foreach (var (t, name) in Names)
        {
            if (t == type)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(type), type, "not a known key type");
    }

    public static bool TryParse(string? name, out KeyType type)
    {
        foreach (var (t, n) in Names)
        {
            if (string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                type = t;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <exception cref="CertwrightException">Usage: <paramref name="name"/> is not one of the key type names.</exception>
    public static KeyType Parse(string? name) =>
        TryParse(name, out var type)
            ? type
            : throw new CertwrightException(ErrorKind.Usage, $"unknown key type '{name}'; use one of {NameList}");

    /// <summary>Whether <paramref name="type"/> is a post-quantum (ML-DSA, FIPS 204) type.</summary>
    public static bool IsPostQuantum(KeyType type) => type is KeyType.MlDsa44 or KeyType.MlDsa65 or KeyType.MlDsa87;
}
